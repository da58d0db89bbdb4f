"""Botschaft: run a corporate-influencer (employee ambassador) program."""

__version__ = "0.1.0"

"""Shared infrastructure: settings, database, errors, security, HTTP plumbing."""

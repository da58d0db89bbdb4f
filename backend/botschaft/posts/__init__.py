# Importing the rollup registers the flush hook that keeps the KPIs' monthly rollup current.
from botschaft.posts import rollup  # noqa: F401

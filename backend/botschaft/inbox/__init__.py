"""Requests that come in: an inbox of internship, job, speaker, podcast and press requests."""

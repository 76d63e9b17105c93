"""The HTTP channel: JSON API, applicant web chat and staff review desk on one FastAPI app."""

"""The WSGI entry point for gunicorn and ``flask --app wsgi``."""
from moderation import create_app

app = create_app()

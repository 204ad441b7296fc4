"""JSON blueprints. Every error under /api/ is the JSON shape from ``errors``."""

"""HTML blueprints, one per audience."""

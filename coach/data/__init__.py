"""Data files shipped with coach (read with importlib.resources)."""

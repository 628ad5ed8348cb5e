"""coach: a terminal companion for reaching out, one small step at a time."""

__version__ = "0.1.0"

"""Pieces two or more screens share. Widgets get data as attributes and post messages up."""

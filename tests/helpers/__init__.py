"""Helpers the reliability suites and bench/ share (child-process scripts and harnesses)."""

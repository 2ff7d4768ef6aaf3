"""Scripted lessons, scenario files, reports and the built-in gallery."""

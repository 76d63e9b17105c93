"""Thin adapters that translate platform messages to core messages and back."""

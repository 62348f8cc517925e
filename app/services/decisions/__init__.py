"""Decisions, chair's actions and their ratification, and the decision trail the audit committee reads."""

"""Decisions, chair's actions and the decision trail."""

"""Scoring rounds: the secretary's round view and the member's scoring window."""

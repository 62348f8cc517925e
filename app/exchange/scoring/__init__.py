"""Scoring packs: the file a member takes away and returns."""

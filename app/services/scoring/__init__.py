"""Offline scoring rounds: opening, the members' packs, returns, the round view and adoption."""

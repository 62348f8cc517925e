"""The board pack's record: the packs issued for a meeting and what they contained."""

"""People and committees, their memberships and the register of interests."""

"""Meetings: the list and calendar, the meeting workspace (agenda, cover sheets, attendance, minutes, actions) and the board pack dialog."""

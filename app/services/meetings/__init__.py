"""Meetings and their papers: scheduling, the agenda, cover sheets and attachments, attendance, minutes and the action log."""

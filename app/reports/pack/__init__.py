"""The board pack PDF engine: front page, agenda, cover sheets, attachments, sections, stamping."""

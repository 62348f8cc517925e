"""The risk register PDF with its heat maps."""

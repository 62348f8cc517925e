"""The demo organisation (Merton CCG as its 2012 papers show it), loaded in one transaction."""

"""The main window around the sections: start-up, the File menu, first run, opening a database."""

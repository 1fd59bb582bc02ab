"""One screen per module; each is a QWidget page with ``refresh()``."""

"""One screen per module; modal dialogs live in dialogs.py."""

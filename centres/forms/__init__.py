"""The centres forms, split as the services are: selection.py and lifecycle.py."""

"""The centres REST API, split as the services are: selection.py and lifecycle.py; common.py what
both use. The routes are declared in centres/platform.py."""

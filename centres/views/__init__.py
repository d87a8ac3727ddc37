"""The centres pages, split as the services are: selection.py (set-up to establishment) and
lifecycle.py (leader changes, end of term, dissolution, handover); common.py what both use."""

"""What core announces and other apps act on, so core imports none of them: the audit app
records every refused access (等保 2.0: 越权访问应被记录) by listening here."""

from django.dispatch import Signal

# Sent with ``request`` and details (``reason``, ``model``, ``lookup``…) whenever a user is
# refused: a row outside their scope, an action they may not take.
access_refused = Signal()

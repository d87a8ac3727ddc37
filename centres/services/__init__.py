"""Every write of the centres app, one keyword-only ``<entity>_<verb>`` function per business action
in one transaction, with the workflow kit (core/workflow.py):

- ``selection.py`` — steps 1–8: setting up a centre, the call, applications, preliminary review, the
  expert panel and its scores, selection or designation, the public notice and objections, the
  decision to establish (and the serious-incident register the host conditions look back over);
- ``lifecycle.py`` — steps 9–12: leader changes, the end-of-term decision, dissolution with its bans,
  the handover, the commission's handover deadline.
"""

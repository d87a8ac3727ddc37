"""The audit app's registration point (docs/new-workflow-app.md §7): its pages stay in the root
URLconf with the other platform apps; what it adds here is the security audit's export."""

from core.platform import AppPlatform


def _export_specs():
    from . import export_specs

    return export_specs.SPECS


PLATFORM = AppPlatform(app="audit", export_specs=_export_specs)

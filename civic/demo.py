"""Demo content for `flask --app civic seed-demo`: each domain adds its own, in this order.

Every seeder is safe to run twice: it adds nothing when its content is there already.
"""
from __future__ import annotations

import importlib

# Modules with a seed_demo(demo: DemoContext) function, in the order they run (later ones use earlier data).
SEEDERS = [
    "civic.accounts.demo",
    "civic.initiatives.demo",
    "civic.helpdesk.demo",
    "civic.surveys.demo",
    "civic.insights.demo",
]


class DemoContext:
    """What one seeder hands the next (e.g. the demo users), plus a log of what was created."""

    def __init__(self, echo=print) -> None:
        self.echo = echo
        self.users: dict[str, object] = {}


def seed_demo(echo=print) -> DemoContext:
    context = DemoContext(echo)
    for name in SEEDERS:
        importlib.import_module(name).seed_demo(context)
    return context

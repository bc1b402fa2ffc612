"""The home page's "what is new" sections, contributed by each domain.

A domain registers a function returning a HomeSection (or None when it has nothing to show); the home page
renders each section's partial template in registration order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

_section_builders: list[Callable[[], "HomeSection | None"]] = []


@dataclass
class HomeSection:
    template: str  # a partial under templates/<domain>/, rendered with `section` in its context
    items: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def home_section(builder: Callable[[], HomeSection | None]):
    if builder not in _section_builders:
        _section_builders.append(builder)
    return builder


def home_sections() -> list[HomeSection]:
    return [section for builder in _section_builders if (section := builder()) is not None]

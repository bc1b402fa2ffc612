"""Reading settings a person chooses for this browser: text size, contrast and furigana.

Kept in cookies (no account needed) and read on every request, so they work without JavaScript.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context, request

TEXT_SIZES = ("standard", "large", "xlarge")
CONTRASTS = ("standard", "high")
TEXT_COOKIE = "civic_text"
CONTRAST_COOKIE = "civic_contrast"
FURIGANA_COOKIE = "civic_furigana"


@dataclass(frozen=True)
class DisplaySettings:
    text_size: str = "standard"
    contrast: str = "standard"
    furigana: bool = True

    @property
    def html_classes(self) -> str:
        classes = [f"text-{self.text_size}", f"contrast-{self.contrast}"]
        if not self.furigana:
            classes.append("furigana-off")
        return " ".join(classes)


def display_settings() -> DisplaySettings:
    if not has_request_context():
        return DisplaySettings()
    text_size = request.cookies.get(TEXT_COOKIE)
    contrast = request.cookies.get(CONTRAST_COOKIE)
    return DisplaySettings(
        text_size=text_size if text_size in TEXT_SIZES else "standard",
        contrast=contrast if contrast in CONTRASTS else "standard",
        furigana=request.cookies.get(FURIGANA_COOKIE) != "off",
    )

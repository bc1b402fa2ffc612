"""Drive a page with the keyboard alone, as a person without a mouse does: Tab to a control, then Enter, Space,
arrow keys or typing. Every step also checks that the focused control shows a visible focus indicator."""
from __future__ import annotations

MAX_TABS = 250  # more than any page has controls; reaching it means the control cannot be reached (or a trap)


class KeyboardOnly:
    def __init__(self, page) -> None:
        self.page = page

    def _is_focused(self, locator) -> bool:
        return locator.evaluate("element => element === document.activeElement")

    def focus(self, locator) -> None:
        """Press Tab until the control has focus, starting from wherever focus is now."""
        locator = locator.first
        locator.wait_for(state="visible")
        for _ in range(MAX_TABS):
            if self._is_focused(locator):
                break
            self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"could not reach {locator} with Tab")
        style = self.page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
        assert style[0] != "none" or style[2] != "none", f"focus is not visible on {locator}"

    def click(self, locator) -> None:
        """Enter on a link or button; in these journeys every one of them leads to a new page."""
        self.focus(locator)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def activate(self, locator) -> None:
        """Enter on a control that does not lead to a new page (a download)."""
        self.focus(locator)
        self.page.keyboard.press("Enter")

    def fill(self, locator, text: str) -> None:
        self.focus(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def check(self, locator) -> None:
        locator = locator.first
        if locator.get_attribute("type") == "radio":
            self._choose_radio(locator)
        elif not locator.is_checked():
            self.focus(locator)
            self.page.keyboard.press("Space")
        assert locator.is_checked()

    def _choose_radio(self, radio) -> None:
        """Tab into the group (focus lands on its checked or first radio), then arrow to the one wanted."""
        name = radio.get_attribute("name")
        group = self.page.locator(f"input[type=radio][name='{name}']")
        for _ in range(MAX_TABS):
            if group.evaluate_all("(radios) => radios.includes(document.activeElement)"):
                break
            self.page.keyboard.press("Tab")
        for _ in range(group.count() + 1):
            if self._is_focused(radio):
                break
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")

    def select(self, locator, index: int) -> None:
        self.focus(locator)
        for _ in range(index):
            self.page.keyboard.press("ArrowDown")


class Pointer:
    """The same actions with a mouse or a finger."""

    def __init__(self, page) -> None:
        self.page = page

    def click(self, locator) -> None:
        locator.first.click()

    def activate(self, locator) -> None:
        locator.first.click()

    def fill(self, locator, text: str) -> None:
        locator.first.fill(text)

    def check(self, locator) -> None:
        locator.first.check()

    def select(self, locator, index: int) -> None:
        locator.first.select_option(index=index)


def actor(page, keyboard: bool):
    return KeyboardOnly(page) if keyboard else Pointer(page)

"""Fixed texts of the help desk shown in several places."""
from civic.i18n import _l

BRING_ITEMS = {
    "your_phone": _l("Your smartphone, charged"),
    "your_tablet": _l("Your tablet, charged"),
    "your_computer": _l("Your laptop computer and its power cable"),
    "charger": _l("The charger or cable of your device"),
    "passwords": _l("Your account IDs and passwords (e.g. Apple ID or Google account), written down"),
    "glasses": _l("Your reading glasses, if you use them"),
}

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.fields.choices import SelectChoice

from civic.accounts.forms import language_choices
from civic.i18n import _l


class DisplaySettingsForm(FlaskForm):
    language = RadioField(_l("Language"), choices=language_choices)
    text_size = RadioField(_l("Text size"), choices=[
        SelectChoice("standard", _l("Standard")), SelectChoice("large", _l("Large")), SelectChoice("xlarge", _l("Extra large"))])
    contrast = RadioField(_l("Colours"), choices=[
        SelectChoice("standard", _l("Standard colours")), SelectChoice("high", _l("High contrast (white on black)"))])
    furigana = RadioField(_l("Furigana (readings above kanji) in easy Japanese"), choices=[
        SelectChoice("on", _l("Show")), SelectChoice("off", _l("Hide"))])
    next = HiddenField()

"""SMS: GSM-7 and UCS-2 segment counting, smart encoding and the translators' budget.

Pure Python (the standard library and ``regex``): the core and any exporter can use it.
"""

from handoutkit.sms.budget import TranslatorBudget, compose, message_links, sms_link, translator_budget
from handoutkit.sms.gsm7 import is_gsm7, septets
from handoutkit.sms.segments import (
    CONCATENATED,
    GSM7,
    SINGLE,
    UCS2,
    Encoding,
    SmsCount,
    capacity,
    count_sms,
    text_units,
)
from handoutkit.sms.smart import SMART_REPLACEMENTS, replace_typographic, smart_encode

__all__ = [
    "CONCATENATED",
    "GSM7",
    "SINGLE",
    "SMART_REPLACEMENTS",
    "UCS2",
    "Encoding",
    "SmsCount",
    "TranslatorBudget",
    "capacity",
    "compose",
    "count_sms",
    "is_gsm7",
    "message_links",
    "replace_typographic",
    "septets",
    "smart_encode",
    "sms_link",
    "text_units",
    "translator_budget",
]

"""SMS summaries: the exporter, its options, and the counting it rests on.

GSM-7 and UCS-2 segment counting (:mod:`~exporters.sms.segments`, :mod:`~exporters.sms.gsm7`), smart
encoding (:mod:`~exporters.sms.smart`), the translators' budget (:mod:`~exporters.sms.budget`, given
to ``update`` through the exporter's ``catalog_hints`` hook) and the exporter itself
(:mod:`~exporters.sms.exporter`). Pure Python (the standard library, ``regex`` and python-bidi).
"""

from exporters.sms.budget import (
    TranslatorBudget,
    compose,
    link_id,
    message_links,
    sent_message,
    sms_link,
    translator_budget,
)
from exporters.sms.exporter import SmsExporter
from exporters.sms.gsm7 import is_gsm7, septets
from exporters.sms.options import SmsOptions
from exporters.sms.segments import (
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
from exporters.sms.smart import SMART_REPLACEMENTS, replace_typographic, smart_encode

__all__ = [
    "CONCATENATED",
    "GSM7",
    "SINGLE",
    "SMART_REPLACEMENTS",
    "UCS2",
    "Encoding",
    "SmsCount",
    "SmsExporter",
    "SmsOptions",
    "TranslatorBudget",
    "capacity",
    "compose",
    "count_sms",
    "is_gsm7",
    "link_id",
    "message_links",
    "replace_typographic",
    "sent_message",
    "septets",
    "smart_encode",
    "sms_link",
    "text_units",
    "translator_budget",
]

"""SMS summaries: the exporter, its options, and the counting it rests on.

GSM-7 and UCS-2 segment counting (:mod:`~exporters.sms.segments`, :mod:`~exporters.sms.gsm7`), smart
encoding (:mod:`~exporters.sms.smart`), the translators' budget (:mod:`~exporters.sms.budget`, given
to ``update`` through the exporter's ``catalog_hints`` hook) and the exporter itself
(:mod:`~exporters.sms.exporter`, the messages it sends in :mod:`~exporters.sms.sending`). Pure Python (the
standard library, ``regex`` and python-bidi). Only the exporter and its options are imported with the
package (discovery loads it for every build); the rest when it runs.
"""

from exporters.sms.exporter import SmsExporter
from exporters.sms.options import SmsOptions

__all__ = ["SmsExporter", "SmsOptions"]

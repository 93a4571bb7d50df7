"""The one unit table of the meaning checks: every written form of a unit, in the languages the
project knows, mapped to its canonical unit (:mod:`handoutkit.i18n.meaning` says how units compare)."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["SHORT_PHONES", "TIME_UNITS", "UNITS"]

# ------------------------------------------------------------------ the unit table

TIME_UNITS = frozenset({"hour", "minute", "day", "week", "month", "year"})
"""The canonical units that may be missing on one side: time words are often left out or reworded."""


def _forms(canonical: str, *written: str) -> dict[str, str]:
    return dict.fromkeys(written, canonical)


UNITS: Mapping[str, str] = {
    **_forms("%", "%", "٪", "％", "percent", "per cent", "por ciento", "pour cent", "phần trăm"),
    **_forms("%", "في المئة", "في المائة", "بالمئة", "بالمائة"),
    **_forms("‰", "‰", "؉"),
    **_forms("mg", "mg", "milligram", "milligrams", "miligramo", "miligramos", "milligramme", "milligrammes"),
    **_forms("mg", "毫克", "ملغ", "مغ", "ملجم", "ملغم"),
    **_forms("g", "g", "gram", "grams", "gramo", "gramos", "gramme", "grammes", "克", "غ", "غرام", "جرام"),
    **_forms("kg", "kg", "kilogram", "kilograms", "kilogramo", "kilogramos", "kilogramme", "kilogrammes"),
    **_forms("kg", "kilo", "kilos", "千克", "公斤", "كغ", "كجم", "كيلوغرام", "كيلوجرام"),
    **_forms("µg", "mcg", "µg", "μg", "ug", "microgram", "micrograms", "microgramo", "microgramos"),
    **_forms("µg", "microgramme", "microgrammes", "微克", "ميكروغرام", "㎍"),
    **_forms("mg", "㎎"),
    **_forms("kg", "㎏"),
    **_forms("mL", "ml", "milliliter", "milliliters", "millilitre", "millilitres", "mililitro", "mililitros"),
    **_forms("mL", "毫升", "مل", "ملل", "㎖"),
    **_forms("mL", "cc"),
    **_forms("IU", "iu", "ui", "international units", "unidades internacionales", "unités internationales"),
    **_forms("IU", "国际单位", "وحدة دولية"),
    **_forms("L", "l", "liter", "liters", "litre", "litres", "litro", "litros", "升", "لتر", "لترات", "ℓ"),
    **_forms("°C", "°c", "ºc", "℃", "° c", "º c", "degrees celsius", "grados celsius", "grados centígrados"),
    **_forms("°C", "degrés celsius", "độ c", "摄氏度", "درجة مئوية", "درجات مئوية"),
    **_forms("°F", "°f", "ºf", "℉", "° f", "degrees fahrenheit", "grados fahrenheit", "degrés fahrenheit"),
    **_forms("°F", "độ f", "华氏度", "درجة فهرنهايت"),
    **_forms("°", "°"),
    **_forms("mmHg", "mmhg", "mm hg", "毫米汞柱", "ملم زئبق"),
    **_forms("hour", "hour", "hours", "hr", "hrs", "h", "hora", "horas", "heure", "heures", "giờ"),
    **_forms("hour", "小时", "小時", "个小时", "個小時", "ساعة", "ساعات"),
    **_forms("minute", "minute", "minutes", "min", "mins", "minuto", "minutos", "phút", "分钟", "分鐘"),
    **_forms("minute", "دقيقة", "دقائق"),
    **_forms("day", "day", "days", "día", "días", "jour", "jours", "ngày", "天", "日", "يوم", "أيام", "يوما"),
    **_forms("week", "week", "weeks", "wk", "wks", "semana", "semanas", "semaine", "semaines", "tuần"),
    **_forms("week", "周", "週", "星期", "个星期", "個星期", "أسبوع", "أسابيع", "أسبوعا"),
    **_forms("month", "month", "months", "mes", "meses", "mois", "tháng", "个月", "個月", "月"),
    **_forms("month", "شهر", "أشهر", "شهور", "شهرا"),
    **_forms("year", "year", "years", "yr", "yrs", "año", "años", "an", "ans", "année", "années", "năm", "年"),
    **_forms("year", "سنة", "سنوات", "سنين", "عام", "أعوام", "عاما"),
}
"""Every unit the checks know: its written form (compared case-insensitively) -> its canonical unit."""

SHORT_PHONES = frozenset({"911", "112", "999", "988"})
"""Emergency and crisis numbers, reported as phone numbers though they are written like numbers."""

"""Contact details as people read them: phone numbers grouped, links named by what they
reach (the e-mail address, the number, the web site's host), never a raw `mailto:…?subject=`.

Phone numbers are parsed with `phonenumbers`, the Python port of Google's libphonenumber:
it knows every country's numbering plan (where a Finnish area code ends, that 020 and 0800
are service numbers, how Swedish or German numbers are grouped), which a pattern of our
own would only guess. A link's address keeps the number in E.164 (`tel:+358401234567`),
which every phone dials from anywhere.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import phonenumbers

HOME_REGION = "FI"  # a number written without + is Finnish: netcard's networks are
HOME_COUNTRY_CODE = 358


@lru_cache(maxsize=1024)
def _parsed(number: str) -> phonenumbers.PhoneNumber | None:
    """The number, if libphonenumber can read it as a possible one; else None. (Imported
    here: its metadata takes a tenth of a second, which a build that renders no number,
    or `netcard check`, need not spend.)"""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, HOME_REGION)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


def phone_text(number: str) -> str:
    """A phone number as people write it: a Finnish one in the national form with its
    subscriber number grouped ("+358401234567" → "040 123 4567", "+35891234567" →
    "09 123 4567"), any other in the international form its country uses
    ("+46 70 123 45 67"). A number it cannot read is shown as written."""
    import phonenumbers

    parsed = _parsed(number)
    if parsed is None:
        return number
    if parsed.country_code != HOME_COUNTRY_CODE:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    prefix, _, subscriber = national.partition(" ")
    if not subscriber:
        return national
    return " ".join([prefix, *_groups(subscriber.replace(" ", ""))])


def _groups(digits: str) -> list[str]:
    """A Finnish subscriber number in the groups Finns write it in: "123 4567",
    "123 456", "1234 5678", "12 345"; longer ones in threes from the start."""
    if len(digits) <= 4:
        return [digits]
    if len(digits) == 5:
        return [digits[:2], digits[2:]]
    if len(digits) in (7, 8):
        return [digits[:-4], digits[-4:]]
    return [digits[:3], *_groups(digits[3:])]


def phone_href(number: str) -> str:
    """The `tel:` address of a number: E.164 when it can be read, else its digits and +."""
    import phonenumbers

    parsed = _parsed(number)
    if parsed is None:
        return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")
    return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def email_of(url: str) -> str:
    """The address of a `mailto:` link, without its `?subject=…` or other fields."""
    return unquote(url[len("mailto:"):].split("?", 1)[0])


def link_text(url: str) -> str:
    """What a link is shown as: the e-mail address, the phone number (grouped), or the
    web site's host name without `www.` ("https://www.koskela.fi/palvelut" → koskela.fi)."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "mailto":
        return email_of(url) or url
    if scheme == "tel":
        return phone_text(unquote(url[len("tel:"):]))
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def is_phone_link(url: str) -> bool:
    return url.lower().startswith("tel:")


def is_email_link(url: str) -> bool:
    return url.lower().startswith("mailto:")

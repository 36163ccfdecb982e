"""What a translator may type for an interface string: nothing that breaks a page, an email or an invoice.

- Placeholders: a printf one (`%(name)s`, `%s`, `%d`) or a brace one (`{n}`, `{name}`, `{}`) in the source must
  be in the translation, and the translation adds none. A plural form may leave out a named placeholder of the
  source (the Russian "one" form of "1 product"), never add one. A percent sign in a string that is formatted
  with `%` is written `%%`.
- Plural forms: as many as the language has (`nplurals` of its catalogue), none empty.
- HTML: refused unless the source has it, and then the translation has exactly the source's tags (`<a
  href="%(url)s">` stays that very tag), so no markup or script can be slipped in: `{% blocktranslate %}` puts
  a translation into a page unescaped.
- No control characters, and a bounded length.
"""

import re
import string
from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PRINTF = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?P<type>[diouxXeEfFgGcrsa%])")
TAG = re.compile(r"<[^<>]*>")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_LENGTH = 4000


def _uses_printf(msgid: str, flags) -> bool:
    return "python-format" in flags or bool(PRINTF.search(msgid.replace("%%", "")))


def printf_placeholders(text: str):
    """The printf placeholders of `text` (without `%%`), or None if a `%` is not one (a stray percent sign)."""
    found = []
    position = 0
    for match in PRINTF.finditer(text):
        if "%" in text[position : match.start()]:
            return None
        position = match.end()
        if match.group("type") != "%":
            found.append(match.group(0))
    if "%" in text[position:]:
        return None
    return found


def brace_placeholders(text: str):
    """The field names of `text` as `str.format` reads them, or None if it cannot read them."""
    try:
        return sorted(name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def _check_printf(source: str, translation: str, subset: bool):
    wanted, given = printf_placeholders(source) or [], printf_placeholders(translation)
    if given is None:
        raise ValidationError(_("A percent sign on its own must be written %%."), code="percent")
    positional = [p for p in wanted if "(" not in p]
    if positional or any("(" not in p for p in given):
        if given != wanted:
            raise ValidationError(
                _("Keep the placeholders %(placeholders)s, in the same order.") % {"placeholders": " ".join(wanted)},
                code="placeholders",
            )
        return
    extra = Counter(given) - Counter(wanted)
    missing = set(wanted) - set(given)
    if extra or (missing and not subset):
        raise ValidationError(
            _("Use exactly the placeholders of the source: %(placeholders)s.")
            % {"placeholders": " ".join(sorted(set(wanted))) or "—"},
            code="placeholders",
        )


def _check_braces(source: str, translation: str, subset: bool):
    wanted, given = brace_placeholders(source), brace_placeholders(translation)
    if given is None:
        raise ValidationError(_("A curly bracket on its own must be written {{ or }}."), code="braces")
    if set(given) - set(wanted) or (not subset and set(wanted) - set(given)):
        raise ValidationError(
            _("Use exactly the placeholders of the source: %(placeholders)s.")
            % {"placeholders": " ".join(f"{{{name}}}" for name in sorted(set(wanted)))},
            code="placeholders",
        )


def _check_html(sources: list[str], translation: str):
    allowed = Counter(tag for source in sources for tag in TAG.findall(source))
    if "<" not in translation and ">" not in translation:
        return
    tags = Counter(TAG.findall(translation))
    stray = translation.count("<") != sum(tags.values()) or translation.count(">") != sum(tags.values())
    if not allowed or stray or tags - allowed:
        raise ValidationError(
            _("HTML is not allowed here: keep exactly the tags of the source, and write no others."), code="html"
        )


def check_form(source: str, translation: str, flags=(), *, subset=False, sources=None) -> None:
    """Raise a ValidationError if `translation` may not stand for `source` (see the module docstring)."""
    if not translation.strip():
        raise ValidationError(_("The translation is empty."), code="empty")
    if len(translation) > MAX_LENGTH:
        raise ValidationError(_("The translation is too long."), code="length")
    if CONTROL.search(translation):
        raise ValidationError(_("The translation contains control characters."), code="control")
    _check_html(sources or [source], translation)
    if _uses_printf(source, flags):
        _check_printf(source, translation, subset)
    elif "%" in translation and PRINTF.search(translation):
        raise ValidationError(_("The source has no placeholder: write no percent placeholder."), code="placeholders")
    if "python-brace-format" in flags or (brace_placeholders(source) or []):
        _check_braces(source, translation, subset)
    elif "{" in translation or "}" in translation:
        # Not formatted with str.format today; refused anyway so that no later `.format()` can trip on it.
        raise ValidationError(_("The source has no placeholder: write no curly brackets."), code="braces")


def check_translation(entry, forms: list[str]) -> None:
    """Check a whole translation of a catalogue entry: one form, or as many as its plural rule has.
    Raises a ValidationError naming every problem found."""
    if entry.msgid_plural:
        nplurals = entry.nplurals
        if len(forms) != nplurals:
            raise ValidationError(
                _("This language needs %(count)s plural forms.") % {"count": nplurals}, code="plurals"
            )
        errors = []
        for index, form in enumerate(forms):
            try:
                check_form(
                    entry.msgid_plural, form, entry.flags, subset=True, sources=[entry.msgid, entry.msgid_plural]
                )
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        _("Plural form %(index)s: %(message)s") % {"index": index + 1, "message": error.messages[0]},
                        code=error.code,
                    )
                )
        if errors:
            raise ValidationError(errors)
        return
    if len(forms) != 1:
        raise ValidationError(_("This text has no plural forms."), code="plurals")
    check_form(entry.msgid, forms[0], entry.flags)

"""Interface-string overrides, their history, the glossary and the translation memory.

A `StringOverride` is a translator's correction of one catalogue entry in one language, layered over the
compiled catalogues in every process (`storefront.interface_overrides`); `translations.services` is the only
way one changes. Every change writes a `StringOverrideChange` with the value before it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    NEEDS_REVIEW = "needs_review", _("Needs review")
    APPROVED = "approved", _("Approved")


class StringOverride(models.Model):
    """The translation of (context, msgid) in a language that replaces the shipped one; live as soon as saved.

    `forms` holds one string, or one per plural form of the language. A translator's save leaves it
    "needs review"; a reviewer of the language approves it (only approved overrides are exported)."""

    language_code = models.CharField(_("language"), max_length=15)
    msgctxt = models.TextField(_("context"), blank=True, default="")
    msgid = models.TextField(_("source text"))
    msgid_plural = models.TextField(_("plural source text"), blank=True, default="")
    forms = models.JSONField(_("translation"), default=list)
    # The gettext plural rule of the catalogue the entry comes from; empty for a text without plural forms.
    plural_forms = models.CharField(_("plural rule"), max_length=255, blank=True, default="")
    state = models.CharField(_("state"), max_length=20, choices=ReviewState, default=ReviewState.NEEDS_REVIEW)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("interface string override")
        verbose_name_plural = _("interface string overrides")
        constraints = [
            models.UniqueConstraint(fields=["language_code", "msgctxt", "msgid"], name="unique_string_override")
        ]
        permissions = [("review_stringoverride", _("Can review interface string translations"))]

    def __str__(self):
        return f"{self.language_code}: {self.msgid[:60]}"


class StringOverrideChange(models.Model):
    """One change of an override: who, when, what it was before and after (forms; empty when there was none)."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved")
        APPROVED = "approved", _("Approved")
        REVERTED = "reverted", _("Reverted to the shipped translation")
        IMPORTED = "imported", _("Imported")
        CLEANED = "cleaned", _("Removed: the shipped translation is the same")

    language_code = models.CharField(_("language"), max_length=15)
    msgctxt = models.TextField(_("context"), blank=True, default="")
    msgid = models.TextField(_("source text"))
    action = models.CharField(_("action"), max_length=20, choices=Action)
    previous = models.JSONField(_("previous value"), default=list)
    value = models.JSONField(_("new value"), default=list)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interface string change")
        verbose_name_plural = _("interface string changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["language_code", "msgctxt", "msgid"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.msgid[:60]}"


class GlossaryTerm(models.Model):
    """A source term ("merino") and its approved translation in one language, kept by the language's reviewers."""

    language_code = models.CharField(_("language"), max_length=15)
    term = models.CharField(_("term"), max_length=200, help_text=_("As it appears in the source text."))
    translation = models.CharField(_("approved translation"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["language_code", "term"]
        constraints = [models.UniqueConstraint(fields=["language_code", "term"], name="unique_glossary_term")]

    def __str__(self):
        return f"{self.term} → {self.translation}"


class MemoryEntry(models.Model):
    """An approved translation as a source/target pair of one language, and where it came from."""

    class Origin(models.TextChoices):
        INTERFACE = "interface", _("Interface string")
        PAGE = "page", _("Page or snippet")

    language_code = models.CharField(_("language"), max_length=15)
    source = models.TextField(_("source text"))
    target = models.TextField(_("translation"))
    origin = models.CharField(_("origin"), max_length=20, choices=Origin)
    origin_label = models.CharField(_("where"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory")
        # Not unique on (language, source, target): a paragraph may pass PostgreSQL's limit of an index entry.
        indexes = [models.Index(fields=["language_code", "origin"])]

    def __str__(self):
        return f"{self.source[:40]} → {self.target[:40]}"

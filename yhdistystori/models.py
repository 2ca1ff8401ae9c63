from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yhdistystori.translation import translated


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        default="fi",
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
    )

    # Liaisons choose how they hear of new items in the moderation queue.
    class ModerationEmail(models.TextChoices):
        EACH = "each", _("An email for each new item")
        DIGEST = "digest", _("One email a day with the queue")
        NONE = "none", _("No emails")

    moderation_email = models.CharField(
        _("moderation emails"),
        max_length=10,
        choices=ModerationEmail.choices,
        default=ModerationEmail.DIGEST,
    )
    moderation_digest_sent_on = models.DateField(null=True, blank=True, editable=False)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(models.functions.Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SiteConfiguration(models.Model):
    """The deployment's city and contacts: data, so that no code assumes one city."""

    city_name_fi = models.CharField(_("city name (Finnish)"), max_length=100, default="Kaupunki")
    city_name_sv = models.CharField(_("city name (Swedish)"), max_length=100, blank=True)
    city_name_en = models.CharField(_("city name (English)"), max_length=100, blank=True)
    city_name_genitive_fi = models.CharField(
        _("city name in the genitive (Finnish)"),
        max_length=100,
        blank=True,
        help_text=_("For example “Jyväskylän”: Finnish says “Jyväskylän yhdistykset”."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    accessibility_email = models.EmailField(
        _("email for accessibility feedback"),
        blank=True,
        help_text=_("Where accessibility feedback is answered (within 14 days)."),
    )
    accessibility_evaluated_on = models.DateField(
        _("accessibility last evaluated"), null=True, blank=True
    )

    CACHE_KEY = "site-configuration"

    class Meta:
        verbose_name = _("site configuration")
        verbose_name_plural = _("site configuration")

    def __str__(self) -> str:
        return self.city_name

    @property
    def city_name(self) -> str:
        return translated(self, "city_name")

    @property
    def city_name_of(self) -> str:
        """The name as it stands before what belongs to the city: genitive in Finnish."""
        if (get_language() or "fi")[:2] == "fi" and self.city_name_genitive_fi:
            return self.city_name_genitive_fi
        return self.city_name

    def save(self, *args, **kwargs):
        self.pk = 1  # one row per deployment
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def current(cls) -> SiteConfiguration:
        config = cache.get(cls.CACHE_KEY)
        if config is None:
            config = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, config, 300)
        return config


class Feedback(models.Model):
    """Feedback from the footer form. The law expects an answer within 14 days."""

    class Topic(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility")
        CONTENT = "content", _("Content or an association's information")
        OTHER = "other", _("Other feedback")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    message = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    handler_notes = models.TextField(_("notes"), blank=True, max_length=5000)

    ANSWER_WITHIN_DAYS = 14

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} {self.created_at:%Y-%m-%d}"

    @property
    def answer_due(self):
        return timezone.localdate(self.created_at) + timedelta(days=self.ANSWER_WITHIN_DAYS)

    @property
    def is_overdue(self) -> bool:
        return self.answered_at is None and timezone.localdate() > self.answer_due

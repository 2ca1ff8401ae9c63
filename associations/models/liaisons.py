"""The city's named liaisons (yhdyshenkilöt), shown on the site as the contacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from associations.models.directory import Association, Category, District
from yhdistystori.translation import translated
from yhdistystori.validators import validate_phone


class LiaisonContact(models.Model):
    """A named city liaison (yhdyshenkilö), shown on the site as the contact for associations."""

    name = models.CharField(_("name"), max_length=200)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"))
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories covered"), blank=True, related_name="liaisons"
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("districts covered"), blank=True, related_name="liaisons"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liaison_contact",
    )
    is_active = models.BooleanField(_("shown on the site"), default=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("liaison contact")
        verbose_name_plural = _("liaison contacts")
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def title(self) -> str:
        return translated(self, "title")

    @classmethod
    def for_association(cls, association: Association) -> LiaisonContact | None:
        """The liaison covering the association's districts or categories, else a general one."""
        active = cls.objects.filter(is_active=True)
        specific = (
            active.filter(
                Q(districts__in=association.districts.all())
                | Q(categories__in=association.categories.all())
            )
            .distinct()
            .first()
        )
        if specific:
            return specific
        return active.filter(districts=None, categories=None).first() or active.first()

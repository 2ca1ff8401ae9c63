"""Forms of meetings: proposing a topic, the organiser's own topic, closing a meeting
(memo, attachments, attendance, participants, follow-ups) and a follow-up's new status."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from events.memo import MAX_PDF_MB, check_pdf
from events.models import FollowUp, FollowUpNote, MemoAttachment, Occurrence
from events.models.meetings import TOPIC_TEXT_MAX_LENGTH, TOPIC_TITLE_MAX_LENGTH

MEMO_MAX_LENGTH = Occurrence._meta.get_field("memo").max_length
# More follow-ups than any meeting raises; a bound on one form all the same.
MAX_FOLLOW_UP_ROWS = 60
EMPTY_FOLLOW_UP_ROWS = 2


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_TITLE_MAX_LENGTH,
        help_text=_("In a few words, what you would like to discuss."),
    )
    description = forms.CharField(
        label=_("More about it"),
        required=False,
        max_length=TOPIC_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Background or a question you would like answered (optional)."),
    )

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if associations is not None:
            self.fields["association"] = forms.ModelChoiceField(
                label=_("On behalf of"),
                queryset=associations,
                required=False,
                empty_label=_("Myself"),
            )


class OwnTopicForm(forms.Form):
    """The organiser's own topic, straight onto the agenda."""

    title = forms.CharField(label=_("Topic"), max_length=TOPIC_TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("More about it"),
        required=False,
        max_length=TOPIC_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def find_associations(text: str) -> tuple[list[Association], list[str], list[str]]:
    """Published associations named one per line by name or address name (slug).

    Returns those found, the lines that named none, and the names shared by several.
    """
    found, unknown, ambiguous = [], [], []
    for line in dict.fromkeys(line.strip() for line in text.splitlines()):
        if not line:
            continue
        matches = list(
            Association.objects.published().filter(Q(slug=line.lower()) | Q(name__iexact=line))[:2]
        )
        if len(matches) == 1:
            found.append(matches[0])
        elif len(matches) > 1:
            ambiguous.append(line)
        else:
            unknown.append(line)
    return found, unknown, ambiguous


class CloseForm(forms.Form):
    memo = forms.CharField(
        label=_("Memo"),
        required=False,
        max_length=MEMO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Write in paragraphs separated by a blank line. For more formatting you may use "
            "these HTML tags: <h2> and <h3> for subheadings, <strong>, <em>, <ul>/<ol> with "
            '<li> for lists, and <a href="https://…"> for links. Anything else is removed.'
        ),
    )
    attendance = forms.IntegerField(
        label=_("How many came"), required=False, min_value=0, max_value=100_000
    )
    associations = forms.ModelMultipleChoiceField(
        label=_("Associations that took part"),
        queryset=Association.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_associations = forms.CharField(
        label=_("Other associations that took part"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: the association's name as in the directory, or the end of its "
            "address (e.g. ahjon-kuoro)."
        ),
    )
    attachment = forms.FileField(
        label=_("Attach a PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    attachment_title = forms.CharField(
        label=_("Title of the attachment"),
        required=False,
        max_length=MemoAttachment._meta.get_field("title").max_length,
        help_text=_("For example: Presentation slides of the city planner."),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Remove attachments"),
        queryset=MemoAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, occurrence: Occurrence, **kwargs):
        super().__init__(*args, **kwargs)
        # The registrants' associations and those already recorded: a short list to tick,
        # never the whole directory.
        candidates = Association.objects.filter(
            Q(event_registrations__occurrence=occurrence, event_registrations__status="confirmed")
            | Q(attended_events=occurrence)
        )
        self.fields["associations"].queryset = Association.objects.filter(
            pk__in=candidates.values("pk")
        ).order_by("name", "pk")
        self.fields["remove_attachments"].queryset = occurrence.memo_attachments.all()
        self.fields["attachment"].help_text = gettext(
            "A PDF document of at most %(max_mb)s MB."
        ) % {"max_mb": MAX_PDF_MB}
        self.pdf = None

    def clean_other_associations(self) -> list[Association]:
        found, unknown, ambiguous = find_associations(self.cleaned_data["other_associations"])
        errors = []
        if unknown:
            errors.append(
                ValidationError(
                    _(
                        "No published association was found for: %(names)s. Check the "
                        "spelling, or write the end of its address in the directory."
                    ),
                    code="unknown",
                    params={"names": ", ".join(unknown)},
                )
            )
        if ambiguous:
            errors.append(
                ValidationError(
                    _(
                        "Several associations are named %(names)s. Write the end of the "
                        "address of the one you mean instead."
                    ),
                    code="ambiguous",
                    params={"names": ", ".join(ambiguous)},
                )
            )
        if errors:
            raise ValidationError(errors)
        return found

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("attachment")
        if upload:
            try:
                self.pdf = check_pdf(upload)
            except ValidationError as error:
                self.add_error("attachment", error)
            if not cleaned.get("attachment_title"):
                self.add_error(
                    "attachment_title", _("Give the attachment a title that says what it is.")
                )
        elif cleaned.get("attachment_title"):
            self.add_error("attachment", _("Choose the PDF file to attach."))
        return cleaned

    def participating(self) -> list[Association]:
        chosen = list(self.cleaned_data["associations"])
        known = {a.pk for a in chosen}
        return chosen + [a for a in self.cleaned_data["other_associations"] if a.pk not in known]


class FollowUpRowForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["title", "responsible", "status", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


FollowUpFormSet = forms.modelformset_factory(
    FollowUp,
    form=FollowUpRowForm,
    extra=EMPTY_FOLLOW_UP_ROWS,
    max_num=MAX_FOLLOW_UP_ROWS,
    validate_max=True,
    absolute_max=MAX_FOLLOW_UP_ROWS,
)


class FollowUpNoteForm(forms.ModelForm):
    class Meta:
        model = FollowUpNote
        fields = ["status", "note", "date"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return date

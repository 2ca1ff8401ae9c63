"""The associations app's models, by topic.

- directory: associations, their vocabularies and the liaison contacts
- search_conditions: what a search asks of a row
- editors: who may edit a profile (memberships, invitations, claims)
- liaisons: the city's named contacts
- moderation: the record of profile changes, reports and the liaison's actions
"""

from associations.models.directory import (
    PROFILE_FIELDS,
    PROFILE_RELATIONS,
    RELATION_ID_COLUMNS,
    SEARCH_TERM_FIELDS,
    ActivityLanguage,
    Association,
    AssociationQuerySet,
    Category,
    District,
    TargetGroup,
    Vocabulary,
    unique_slug,
)
from associations.models.editors import Claim, Invitation, Membership
from associations.models.liaisons import LiaisonContact
from associations.models.moderation import ModerationAction, ProfileChange, Report
from associations.models.search_conditions import SearchConditions, search_conditions

__all__ = [
    "PROFILE_FIELDS",
    "PROFILE_RELATIONS",
    "RELATION_ID_COLUMNS",
    "SEARCH_TERM_FIELDS",
    "ActivityLanguage",
    "Association",
    "AssociationQuerySet",
    "Category",
    "Claim",
    "District",
    "Invitation",
    "LiaisonContact",
    "Membership",
    "ModerationAction",
    "ProfileChange",
    "Report",
    "SearchConditions",
    "TargetGroup",
    "Vocabulary",
    "search_conditions",
    "unique_slug",
]

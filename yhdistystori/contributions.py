"""What the feature apps add to the shared pages and workflows.

The shared layer imports no feature app. Instead each app, in its AppConfig's
`ready()`, calls `contribute()` once with what it adds:

- `home`: sections of the home page, in the order the apps are installed;
- `my_page`: sections of a person's /my/ page;
- `desk_kinds`: kinds of item that wait in the staff's queue (yhdistystori.desk);
- `account_deletion`: functions called with `user=` inside the transaction that
  deletes an account, before the user row goes (to hand over or hide what the
  person kept);
- `association_profile`: sections of an association's public profile page, whose
  context function gets the request and the association;
- `api_paths`: OpenAPI fragments (`paths`, and `components.schemas`) that the
  description at /api/v1/openapi.json merges in (`api_description`).

A section is a template and a function of the request that gives its context,
or None when the section has nothing to show now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from yhdistystori.desk import DeskKind


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]

    def render(self, request: HttpRequest) -> SafeString | None:
        context = self.context(request)
        if context is None:
            return None
        return render_to_string(self.template, context, request)


@dataclass(frozen=True)
class ObjectSection:
    """A section about one object (an association's profile): its context function gets
    the request and the object."""

    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]

    def render(self, request: HttpRequest, obj: Any) -> SafeString | None:
        context = self.context(request, obj)
        if context is None:
            return None
        return render_to_string(self.template, context, request)


@dataclass
class Contributions:
    home: list[Section] = field(default_factory=list)
    my_page: list[Section] = field(default_factory=list)
    desk_kinds: dict[str, DeskKind] = field(default_factory=dict)
    account_deletion: list[Callable[..., Any]] = field(default_factory=list)
    association_profile: list[ObjectSection] = field(default_factory=list)
    api_paths: list[dict[str, Any]] = field(default_factory=list)


registry = Contributions()


def contribute(
    *,
    home: Iterable[Section] = (),
    my_page: Iterable[Section] = (),
    desk_kinds: Iterable[DeskKind] = (),
    account_deletion: Iterable[Callable[..., Any]] = (),
    association_profile: Iterable[ObjectSection] = (),
    api_paths: Iterable[dict[str, Any]] = (),
) -> None:
    registry.home.extend(home)
    registry.my_page.extend(my_page)
    for kind in desk_kinds:
        if kind.name in registry.desk_kinds:
            raise ValueError(f"Two desk kinds are named {kind.name!r}.")
        registry.desk_kinds[kind.name] = kind
    registry.account_deletion.extend(account_deletion)
    registry.association_profile.extend(association_profile)
    registry.api_paths.extend(api_paths)


def render_sections(sections: Iterable[Section], request: HttpRequest) -> list[SafeString]:
    """The sections that have something to show, rendered, in order."""
    rendered = (section.render(request) for section in sections)
    return [html for html in rendered if html is not None]


def render_object_sections(
    sections: Iterable[ObjectSection], request: HttpRequest, obj: Any
) -> list[SafeString]:
    rendered = (section.render(request, obj) for section in sections)
    return [html for html in rendered if html is not None]


def api_description(base: dict[str, Any]) -> dict[str, Any]:
    """`base` with every contributed path and schema added; a name given twice is an error,
    so that no app silently replaces another's."""
    merged = {**base, "paths": dict(base.get("paths", {}))}
    components = dict(base.get("components", {}))
    schemas = dict(components.get("schemas", {}))
    for fragment in registry.api_paths:
        for path, item in fragment.get("paths", {}).items():
            if path in merged["paths"]:
                raise ValueError(f"Two API descriptions have the path {path!r}.")
            merged["paths"][path] = item
        for name, schema in fragment.get("components", {}).get("schemas", {}).items():
            if name in schemas:
                raise ValueError(f"Two API descriptions have the schema {name!r}.")
            schemas[name] = schema
    merged["components"] = {**components, "schemas": schemas}
    return merged

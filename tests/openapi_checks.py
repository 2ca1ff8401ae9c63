"""Checking the API's real answers against OpenAPI descriptions, with nothing fetched.

`ResponseChecker` finds the schema of an operation's answer in an OpenAPI 3.1
description and validates JSON against it with `jsonschema` (JSON Schema 2020-12,
formats checked: uuid, uri, email, date, date-time). Every `$ref` is resolved from
the documents it was given: the registry has no way to retrieve anything else, so
a reference to an unknown address fails the test instead of reaching the internet.
"""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

STANDARDS = Path(__file__).parent / "standards"

# HSDS 3.0 as published (tests/standards/hsds-3.0/README.md), by the addresses its
# description refers to.
HSDS_SCHEMA_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
HSDS_FILES = {
    HSDS_SCHEMA_URL + "openapi.json": STANDARDS / "hsds-3.0" / "openapi.json",
    HSDS_SCHEMA_URL + "compiled/organization.json": STANDARDS
    / "hsds-3.0"
    / "compiled"
    / "organization.json",
    HSDS_SCHEMA_URL + "compiled/organization_list.json": STANDARDS
    / "hsds-3.0"
    / "compiled"
    / "organization_list.json",
}


def load_hsds(url: str) -> dict:
    return json.loads(HSDS_FILES[url].read_text(encoding="utf-8"))


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


class ResponseChecker:
    def __init__(self, document: dict, *, base_uri: str, resources: dict[str, dict] | None = None):
        self.document = document
        self.base_uri = base_uri
        pairs = [(base_uri, DRAFT202012.create_resource(document))]
        pairs += [(uri, DRAFT202012.create_resource(s)) for uri, s in (resources or {}).items()]
        self.registry = Registry().with_resources(pairs)

    def _local(self, node: dict, pointer: str) -> tuple[dict, str]:
        """Follow a local `$ref` of a response object (`#/components/responses/…`)."""
        while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
            pointer = node["$ref"][1:]
            node = self.document
            for part in pointer.strip("/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def validator(self, path: str, status: int, method: str = "get") -> Draft202012Validator:
        pointer = f"/paths/{_escape(path)}/{method}/responses/{status}"
        response = self.document["paths"][path][method]["responses"][str(status)]
        response, pointer = self._local(response, pointer)
        assert "application/json" in response["content"], f"{path} {status} has no JSON answer"
        pointer += "/content/application~1json/schema"
        return Draft202012Validator(
            {"$ref": f"{self.base_uri}#{pointer}"},
            registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def errors(self, path: str, response, method: str = "get") -> list[str]:
        assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
        validator = self.validator(path, response.status_code, method)
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in validator.iter_errors(response.json())
        ]

    def check(self, path: str, response, method: str = "get") -> dict:
        """Fail listing every way the answer differs from the description; else its JSON."""
        errors = self.errors(path, response, method)
        assert not errors, f"{response.status_code} answer of {path}:\n" + "\n".join(errors)
        return response.json()

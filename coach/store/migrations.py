"""The data format: its version, the tables every file has, and the steps from older formats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA = 1
"""The data format this coach writes. Bump it with a migration in MIGRATIONS."""

META = "meta"
"""The table that holds the schema version (and the last id given in each table)."""
SETTINGS = "settings"
"""The table that holds preferences such as the theme."""


def fresh_data() -> dict[str, Any]:
    """The data of a new, empty file."""
    return {META: {"1": {"schema": SCHEMA}}}


def schema_of(data: dict[str, Any]) -> int:
    """The data format version of checked data (0: a stock TinyDB file without a meta table)."""
    return int(data[META]["1"]["schema"]) if META in data else 0


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """A TinyDB file without a meta table (an empty file made by stock TinyDB): add the meta table."""
    if not data.get("_default"):
        data.pop("_default", None)
    data[META] = {"1": {"schema": 1}}
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}
"""from-version -> function that returns the data at from-version + 1."""


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """`data` brought up to SCHEMA, and the version it had if that was older (else None)."""
    schema = schema_of(data)
    migrated_from = schema if schema < SCHEMA else None
    while schema < SCHEMA:
        data = MIGRATIONS[schema](data)
        schema += 1
        data[META]["1"]["schema"] = schema
    return data, migrated_from

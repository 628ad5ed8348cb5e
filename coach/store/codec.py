"""Mapping between JSON documents and records: dates as ISO 8601, enums by value, tuples as lists."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from coach.models import Record

R = TypeVar("R", bound=Record)


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


def to_doc(record: Record) -> dict[str, Any]:
    """The JSON document for `record` (dates as ISO 8601, enums by value, tuples as lists)."""
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _decoder(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        decode_inner = _decoder(inner[0])
        return lambda value: None if value is None else decode_inner(value)
    if origin is tuple:
        decode_item = _decoder(typing.get_args(hint)[0])

        def decode_tuple(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError("expected a list")
            return tuple(decode_item(item) for item in value)

        return decode_tuple
    if hint is datetime:

        def decode_datetime(value: Any) -> datetime:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                parsed = parsed.astimezone()
            return parsed

        return decode_datetime
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if hint is bool:

        def decode_bool(value: Any) -> bool:
            if not isinstance(value, bool):
                raise TypeError("expected true or false")
            return value

        return decode_bool
    if hint is int:

        def decode_int(value: Any) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("expected a whole number")
            return value

        return decode_int
    if hint is str:

        def decode_str(value: Any) -> str:
            if not isinstance(value, str):
                raise TypeError("expected text")
            return value

        return decode_str
    raise TypeError(f"no decoder for {hint!r}")  # pragma: no cover - a programming error


_DECODERS: dict[type[Record], list[tuple[str, Callable[[Any], Any], bool]]] = {}


def _decoders(kind: type[Record]) -> list[tuple[str, Callable[[Any], Any], bool]]:
    if kind not in _DECODERS:
        hints = typing.get_type_hints(kind)
        _DECODERS[kind] = [
            (
                f.name,
                _decoder(hints[f.name]),
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(kind)
        ]
    return _DECODERS[kind]


def from_doc(kind: type[R], doc: Mapping[str, Any]) -> R:
    """The record stored in `doc`; unknown fields are ignored, a bad value raises ValueError."""
    values: dict[str, Any] = {}
    for name, decode, required in _decoders(kind):
        if name in doc:
            try:
                values[name] = decode(doc[name])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"its {name!r} value {doc[name]!r} can't be read ({exc})") from None
        elif required:
            raise ValueError(f"it has no {name!r}")
    return kind(**values)

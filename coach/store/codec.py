"""Mapping between JSON documents and records: dates as ISO 8601, enums by value, tuples as lists."""

from __future__ import annotations

import dataclasses
import enum
import functools
import operator
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


_HINTS: dict[type[Record], dict[str, Any]] = {}


def _hints(kind: type[Record]) -> dict[str, Any]:
    """The fields' types of `kind` (read once: each one is a string to evaluate)."""
    hints = _HINTS.get(kind)
    if hints is None:
        hints = _HINTS[kind] = typing.get_type_hints(kind)
    return hints


def _decoders(kind: type[Record]) -> list[tuple[str, Callable[[Any], Any], bool]]:
    if kind not in _DECODERS:
        hints = _hints(kind)
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
    """The record stored in `doc`; unknown fields are ignored, a bad value raises ValueError.

    A document as coach writes it goes through the decoder written out for its kind in
    `coach.store.decoders` (about twice as quick: no call per field); anything unusual, and any kind
    without a decoder that matches its fields, takes the general path, which also words the error.
    """
    return decoder_for(kind)(doc)


def decoder_for(kind: type[R]) -> Callable[[Mapping[str, Any]], R]:
    """What `from_doc(kind, doc)` calls for each document (for a loop over a whole table: one call less)."""
    fast = _FAST.get(kind)
    if fast is None:
        fast = _FAST[kind] = prebuilt_decoder(kind) or functools.partial(_general_from_doc, kind)
    return fast


_FAST: dict[type[Record], Callable[[Mapping[str, Any]], Any]] = {}


class _Unusual(Exception):
    """Raised inside a written-out decoder: leave this document to the general path."""


def signature(kind: type[Record]) -> str:
    """The fields of `kind` as its decoder was written for them: name, type as written, and whether
    each has a default. A decoder whose signature differs from its kind's is not used."""
    return ";".join(
        f"{f.name}:{f.type}{'' if f.default is dataclasses.MISSING else '='}" for f in dataclasses.fields(kind)
    )


def prebuilt_decoder(kind: type[Record]) -> Callable[[Mapping[str, Any]], Any] | None:
    """The written-out decoder for `kind`, or None if there is none or it was written for other fields
    (the models changed and `python -m coach.store.codegen` wasn't run: the tests say so)."""
    from coach import models
    from coach.store.decoders import BUILDERS

    entry: tuple[str, Callable[[], Callable[[Mapping[str, Any]], Any]]] | None = BUILDERS.get(kind.__name__)
    if entry is None or getattr(models, kind.__name__, None) is not kind or entry[0] != signature(kind):
        return None
    return entry[1]()


def slot_setter(kind: type[Record], name: str) -> Callable[[Any, Any], None]:
    """What stores `name` on a record of `kind` (the slot itself: no frozen __setattr__ in the way)."""
    slot = next(klass.__dict__[name] for klass in kind.__mro__ if name in klass.__dict__)
    return slot.__set__  # type: ignore[no-any-return]


def _general_from_doc(kind: type[R], doc: Mapping[str, Any]) -> R:
    values: dict[str, Any] = {}
    for name, decode, required in _decoders(kind):
        if name in doc:
            try:
                values[name] = decode(doc[name])
            except (TypeError, ValueError, OverflowError) as exc:
                raise ValueError(f"its {name!r} value {doc[name]!r} can't be read ({exc})") from None
        elif required:
            raise ValueError(f"it has no {name!r}")
    return kind(**values)


# --- checking without building records ----------------------------------------------------------
# Every write checks every record of the file first. Building 100,000 records takes over a second;
# checking the same documents a column (one field of every record) at a time, with the same rules as
# the decoders above, mostly runs in C: type sets, value sets, `fromisoformat` mapped over a list.

_MISSING = object()


def _column_ok(hint: Any, values: list[Any], required: bool) -> bool:
    """True if every value in `values` (one field of many documents) decodes as `hint`."""
    allowed: set[type] = set() if required else {object}  # _MISSING is a plain object
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        allowed.add(type(None))
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        values = list(filter(functools.partial(operator.is_not, None), values))
        origin = typing.get_origin(hint)
    if not required:
        values = list(filter(functools.partial(operator.is_not, _MISSING), values))
    if origin is tuple:
        if not set(map(type, values)) <= {list}:
            return False
        return _column_ok(typing.get_args(hint)[0], [item for value in values for item in value], True)
    if hint is bool or hint is int or hint is str:
        return set(map(type, values)) <= {hint}  # bool is not int here, as in decode_int
    if not set(map(type, values)) <= {str}:
        return False
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return set(values) <= hint._value2member_map_.keys()
    try:
        if hint is date:
            list(map(date.fromisoformat, values))
            return True
        if hint is datetime:
            parsed = list(map(datetime.fromisoformat, values))
            if None in set(map(operator.attrgetter("tzinfo"), parsed)):
                for naive in parsed:
                    if naive.tzinfo is None:
                        naive.astimezone()  # as decode_datetime does; can overflow at the ends of time
            return True
    except (TypeError, ValueError, OverflowError):
        return False
    raise TypeError(f"no check for {hint!r}")  # pragma: no cover - a programming error


def first_unreadable(kind: type[Record], docs: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The key of a document in `docs` that `from_doc(kind, ...)` would refuse, or None if it reads them all.

    Checked without building records (about ten times quicker); only a failing table is decoded one
    document at a time, to find which one.
    """
    if not docs:
        return None
    hints = _hints(kind)
    documents = list(docs.values())
    for name, _decode, required in _decoders(kind):
        try:
            column = list(map(operator.itemgetter(name), documents))  # coach writes every field: the quick way
        except KeyError:
            if required:
                break
            column = [doc.get(name, _MISSING) for doc in documents]
        try:
            if not _column_ok(hints[name], column, required):
                break
        except TypeError:  # an unhashable value where an enum goes
            break
    else:
        return None
    for key, doc in docs.items():
        try:
            from_doc(kind, doc)
        except ValueError:
            return key
    return None  # pragma: no cover - the column check and the decoders disagree: trust the decoders

"""`value_type` and `record_type`: frozen dataclasses made in a fraction of the time.

`dataclasses.dataclass(frozen=True, slots=True)` compiles six methods one at a time and builds each
class twice (about 1.6 ms a class on the machine coach is measured on); `coach` imports ten record
types before its first frame, and a command such as `coach today` some thirty small answers before it
prints a line. Here only `__init__` is compiled (one short function a class, when the first instance
is made); `__repr__`, `__eq__` and
`__hash__` are shared functions that read the fields through an `operator.attrgetter` kept on the class
(C code, as quick as the generated ones), and assignment is refused with `dataclasses.FrozenInstanceError`.

- `value_type` (the services' small answers: a day's progress, a follow-up due): keyword-or-positional
  `__init__` with plain defaults, `__match_args__`, and `values.replace`. No `__slots__` (an instance has
  a `__dict__`), no `dataclasses.fields`/`replace`, no `field(...)`, `__post_init__` or inheritance.
- `record_type` (the stored records in `coach.models`): a real slotted, keyword-only dataclass laid out
  by `dataclasses` (so `dataclasses.fields` and `dataclasses.replace` work, and `field(default_factory=...)`
  too), with the methods above instead of the ones `dataclasses` would compile.

Type checkers see frozen dataclasses (PEP 681). tests/test_values.py compares both with real dataclasses.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterable
from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)
V = TypeVar("V")

_MISSING = object()


class _Factory:
    """The default shown for a field filled by its `default_factory` (as dataclasses shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__shown_fields__)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> object:
    key: Callable[[Any], tuple[Any, ...]] = type(self).__compared__
    if other.__class__ is not self.__class__:
        return NotImplemented
    return key(self) == key(other)


def _hash(self: Any) -> int:
    return hash(type(self).__hashed__(self))


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields `names` of an instance, as one tuple."""
    if not names:
        return lambda _instance: ()
    if len(names) == 1:
        single = attrgetter(names[0])
        return lambda instance: (single(instance),)
    return attrgetter(*names)


def _finish(
    cls: Any,
    init: str,
    namespace: dict[str, Any],
    *,
    shown: Iterable[str],
    compared: list[str],
    hashed: list[str],
    annotations: dict[str, Any],
) -> None:
    """Give `cls` its `__init__` (compiled from `init` when the first instance is made) and the shared methods."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        # Most kinds are never built with __init__ before the first frame (records are decoded without it),
        # so compiling waits until one is.
        namespace["_set"] = object.__setattr__
        exec(compile(init, f"<coach {cls.__name__}.__init__>", "exec"), namespace)  # our source, from field names
        compiled = namespace["__init__"]
        compiled.__qualname__ = f"{cls.__qualname__}.__init__"
        compiled.__annotations__ = annotations
        cls.__init__ = compiled
        compiled(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = __init__
    cls.__repr__ = _repr
    cls.__eq__ = _eq
    cls.__hash__ = _hash
    cls.__setattr__ = _frozen_setattr
    cls.__delattr__ = _frozen_delattr
    # The getters are read from the class (`type(self).__compared__`), never through an instance, which
    # would bind the lambdas of the one- and no-field cases as methods.
    type.__setattr__(cls, "__shown_fields__", tuple(shown))
    type.__setattr__(cls, "__compared__", _getter(compared))
    type.__setattr__(cls, "__hashed__", _getter(hashed))


def _init_source(params: list[str], lines: list[str], names: list[str], *, kw_only: bool) -> str:
    star = "*, " if kw_only and params else ""
    return "\n".join(
        [
            f"def __init__(self, {star}{', '.join(params)}):" if params else "def __init__(self):",
            *lines,
            *(f"    _set(self, {name!r}, {name})" for name in names),
            "    pass",
        ]
    )


@dataclass_transform(frozen_default=True)
def value_type(cls: T) -> T:
    """Make `cls` (plain annotated fields, optional defaults) a frozen value type; see the module."""
    names = [name for name, hint in inspect.get_annotations(cls).items() if not _is_classvar(hint)]
    namespace: dict[str, Any] = {}
    params = []
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if default is not _MISSING:
            if type(default).__name__ == "Field":
                raise TypeError(f"{cls.__name__}.{name}: value types take plain defaults, not field()")
            namespace[f"_d_{name}"] = default
            params.append(f"{name}=_d_{name}")
        elif namespace:
            raise TypeError(f"{cls.__name__}.{name}: a field without a default follows one with a default")
        else:
            params.append(name)
    _finish(
        cls,
        _init_source(params, [], names, kw_only=False),
        namespace,
        shown=names,
        compared=names,
        hashed=names,
        annotations={name: cls.__annotations__[name] for name in names} | {"return": None},
    )
    type.__setattr__(cls, "__match_args__", tuple(names))
    type.__setattr__(cls, "__value_fields__", tuple(names))
    return cls


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record_type(cls: T) -> T:
    """Make `cls` a frozen, slotted, keyword-only dataclass: what `@dataclass(frozen=True, kw_only=True,
    slots=True)` makes, `dataclasses.fields` and `dataclasses.replace` included, in a third of the time.

    `dataclasses` lays out the fields and the slots; the methods are the module's. Its
    `__dataclass_params__` say `init=False, repr=False, eq=False, frozen=False`: nothing in coach reads
    them, and the methods are there all the same."""
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=True, slots=True)
    fields = [f for f in dataclasses.fields(made) if f.init]
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    params = []
    lines = []
    for f in fields:
        if f.default is not dataclasses.MISSING:
            namespace[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            lines.append(f"    if {f.name} is _FACTORY: {f.name} = _f_{f.name}()")
        else:
            params.append(f.name)
    _finish(
        made,
        _init_source(params, lines, [f.name for f in fields], kw_only=True),
        namespace,
        shown=[f.name for f in fields if f.repr],
        compared=[f.name for f in fields if f.compare],
        hashed=[f.name for f in fields if (f.compare if f.hash is None else f.hash)],
        annotations={f.name: f.type for f in fields} | {"return": None},
    )
    names = tuple(f.name for f in dataclasses.fields(made))

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    # copy, deepcopy and pickle set a slotted record's fields one by one: past the refused assignment
    # (what dataclasses adds to a frozen slotted class).
    made.__getstate__ = __getstate__
    made.__setstate__ = __setstate__
    return made  # type: ignore[no-any-return]


def replace(obj: V, /, **changes: Any) -> V:
    """A copy of the value `obj` with `changes` (what `dataclasses.replace` does for a dataclass)."""
    names: tuple[str, ...] = type(obj).__value_fields__  # type: ignore[attr-defined]
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    return type(obj)(**{name: changes[name] if name in changes else getattr(obj, name) for name in names})


def _is_classvar(hint: object) -> bool:
    text = hint if isinstance(hint, str) else getattr(hint, "__name__", repr(hint))
    return isinstance(text, str) and (text.startswith(("ClassVar", "typing.ClassVar")))

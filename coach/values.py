"""`value_type`: the frozen dataclass of the services' small answers (a day's progress, a follow-up due),
made in a fraction of the time.

`dataclasses.dataclass(frozen=True, slots=True)` compiles six methods one at a time and builds each
class twice (about 1.6 ms a class on the machine coach is measured on); a command such as `coach today`
imports some thirty of them before it prints a line. `value_type` compiles the same methods in one go
and builds the class once (about 0.6 ms): keyword-or-positional `__init__` with defaults, a `__repr__`,
`__eq__` and `__hash__` over the fields, assignment refused (`dataclasses.FrozenInstanceError`) and
`__match_args__`. What it leaves out: `__slots__` (an instance has a `__dict__`), `dataclasses.fields`
and `dataclasses.replace` (records in `coach.models` stay real dataclasses), `field(default_factory=...)`,
`__post_init__`, inheritance between value types. Type checkers see a frozen dataclass (PEP 681).
"""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)
V = TypeVar("V")

_MISSING = object()


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True)
def value_type(cls: T) -> T:
    """Make `cls` (plain annotated fields, optional defaults) a frozen value type; see the module."""
    names = [name for name, hint in inspect.get_annotations(cls).items() if not _is_classvar(hint)]
    defaults: dict[str, Any] = {}
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if default is not _MISSING:
            if type(default).__name__ == "Field":
                raise TypeError(f"{cls.__name__}.{name}: value types take plain defaults, not field()")
            defaults[name] = default
        elif defaults:
            raise TypeError(f"{cls.__name__}.{name}: a field without a default follows one with a default")
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_cls": cls}
    params = []
    for name in names:
        if name in defaults:
            namespace[f"_d_{name}"] = defaults[name]
            params.append(f"{name}=_d_{name}")
        else:
            params.append(name)
    fields = ", ".join(f"self.{name}" for name in names)
    other = ", ".join(f"other.{name}" for name in names)
    as_tuple = f"({fields},)" if names else "()"
    other_tuple = f"({other},)" if names else "()"
    shown = ", ".join(f"{name}={{self.{name}!r}}" for name in names)
    source = "\n".join(
        [
            f"def __init__(self, {', '.join(params)}):" if params else "def __init__(self):",
            *(f"    _set(self, {name!r}, {name})" for name in names),
            "    pass",
            "def __repr__(self):",
            f"    return f'{cls.__qualname__}({shown})'",
            "def __eq__(self, other):",
            "    if other.__class__ is not self.__class__:",
            "        return NotImplemented",
            f"    return {as_tuple} == {other_tuple}",
            "def __hash__(self):",
            f"    return hash({as_tuple})",
        ]
    )
    exec(compile(source, f"<coach value {cls.__name__}>", "exec"), namespace)  # our own source, from field names
    for method in ("__init__", "__repr__", "__eq__", "__hash__"):
        function = namespace[method]
        function.__qualname__ = f"{cls.__qualname__}.{method}"
        setattr(cls, method, function)
    cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign, assignment]
    cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign, assignment]
    type.__setattr__(cls, "__match_args__", tuple(names))
    type.__setattr__(cls, "__value_fields__", tuple(names))
    return cls


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

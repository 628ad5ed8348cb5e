"""The seal: what coach remembers about the last version of a data file it checked or wrote itself.

Checking a file before anything is drawn (parse every byte, look at every key and id) takes about
0.7 s at 100,000 records. A file whose bytes are exactly those coach last checked or saved needs none
of it: it can't be damaged. So after each check and each save coach writes a small seal into its cache
folder: the file's size and CRC-32, its data format, how many records each table holds, and the two
small tables read before the first frame (meta and settings). Opening a file whose size and CRC match
its seal costs one read and one CRC (about 80 ms at 100,000 records); the parse waits until a record is
first asked for, and Home's first frame comes from the seal.

A seal also says whether every record of those bytes was read through once (`records`): true for the
bytes of coach's own saves (a save starts from a file whose records were all checked, and adds only
records coach encoded), false for a file checked only as far as opening needs. Coach checks every record
before its first write to a file; with a seal that says so, that check (about 40 ms at 10,000 records)
is already done.

A file that doesn't match (changed by hand, by a sync tool, by a bad disk, or never seen before) is
checked in full before anything is drawn, as always, and refused if it is bad. A seal that is missing,
unreadable, from another version or about other bytes is ignored. Losing the cache loses nothing but
that speed; a seal is never written for bytes that failed the check.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

import orjson

from coach.store.migrations import META, SCHEMA, SETTINGS

VERSION = 1
"""The seal's own format: a seal of another version is ignored."""
SMALL_TABLES = (META, SETTINGS)
"""The tables a seal carries whole: read before the first frame (the format, the theme, the welcome)."""
MAX_SMALL = 64 * 1024
"""A seal whose small tables are bigger than this isn't written (settings are a few short values)."""


class Seal:
    """A data file's bytes as coach last checked or wrote them: how to recognise them, and what the
    first frame needs from them."""

    __slots__ = ("counts", "laid_out", "records", "small")

    def __init__(
        self,
        counts: dict[str, int],
        small: dict[str, dict[str, Any]],
        *,
        records: bool = False,
        laid_out: bool = False,
    ) -> None:
        self.counts = counts
        """Records per table."""
        self.small = small
        """The small tables, whole (copies: change one only through the store)."""
        self.records = records
        """Every record of these bytes was checked (see the module)."""
        self.laid_out = laid_out
        """The bytes are laid out as coach's own save writes them (see `TableSpans`), so one table can be
        parsed without the others."""


def seal_folder() -> Path:
    """Where seals are kept: coach's folder in the user's cache (XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("coach", appauthor=False) / "seals"


def seal_path(target: Path) -> Path:
    """The seal of the data file whose real path is `target` (one per file, named by a hash of its path)."""
    # Two checksums of the path name the seal (hashlib would cost an OpenSSL import at every start).
    # Two paths that shared a name would only take turns with one seal: a seal is believed only for
    # the exact bytes it describes.
    name = os.fsencode(target)
    return seal_folder() / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json"


def _fingerprint(raw: bytes) -> tuple[int, int]:
    return len(raw), zlib.crc32(raw)


def read_seal(target: Path, raw: bytes) -> Seal | None:
    """The seal of `target` if it is about exactly these bytes; None otherwise (or if it can't be read)."""
    try:
        doc = orjson.loads(seal_path(target).read_bytes())
        size, crc = _fingerprint(raw)
        if (
            not isinstance(doc, dict)
            or doc.get("version") != VERSION
            or doc.get("size") != size
            or doc.get("crc32") != crc
            or doc.get("schema") != SCHEMA
        ):
            return None
        counts = doc["counts"]
        small = doc["small"]
        if not isinstance(counts, dict) or not all(isinstance(value, int) for value in counts.values()):
            return None
        if not isinstance(small, dict) or not all(isinstance(value, dict) for value in small.values()):
            return None
        return Seal(counts, small, records=doc.get("records") is True, laid_out=doc.get("laid_out") is True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


_PENDING: dict[Path, tuple[bytes, dict[str, int], bytes, bool]] = {}
"""Seals of files saved by this process, not written yet: target -> (the bytes saved, counts, small
tables, every record checked). Those bytes are always laid out as `TableSpans` expects."""


def seal_later(target: Path, raw: bytes, data: dict[str, Any], *, records: bool = False) -> None:
    """`write_seal` for bytes coach just saved (`orjson.dumps(data, option=OPT_INDENT_2)`, so laid out as
    `TableSpans` expects), with the CRC (3 ms at 10,000 records, 25 ms at 100,000) left for
    `write_pending` (at close or exit), so that a save doesn't wait for it. What the seal says about the
    data is taken now: the data in memory changes with the next edit."""
    with contextlib.suppress(Exception):
        if data.get(META, {}).get("1", {}).get("schema") != SCHEMA:
            _PENDING.pop(target, None)
            return
        _PENDING[target] = (raw, _counts(data), _small(data), records)


def write_pending(target: Path | None = None) -> None:
    """Write the seals `seal_later` kept (of `target` only, if given). Never raises."""
    for path in [target] if target is not None else list(_PENDING):
        pending = _PENDING.pop(path, None)
        if pending is not None:
            raw, counts, small, records = pending
            _write(path, raw, counts, small, records, laid_out=True)


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {name: len(table) for name, table in data.items() if isinstance(table, dict)}


def _small(data: dict[str, Any]) -> bytes:
    return orjson.dumps({name: data[name] for name in SMALL_TABLES if isinstance(data.get(name), dict)})


def write_seal(target: Path, raw: bytes, data: dict[str, Any], *, records: bool = False) -> None:
    """Remember that `raw` (whose parsed, checked content is `data`) is good; `records`: each of its
    records was checked too. Never raises: a seal that can't be written only means the next open checks
    the file in full."""
    with contextlib.suppress(Exception):
        if data.get(META, {}).get("1", {}).get("schema") != SCHEMA:
            return
        _PENDING.pop(target, None)
        _write(target, raw, _counts(data), _small(data), records, laid_out=False)


def _write(target: Path, raw: bytes, counts: dict[str, int], small: bytes, records: bool, *, laid_out: bool) -> None:
    with contextlib.suppress(Exception):
        size, crc = _fingerprint(raw)
        payload = orjson.dumps(
            {
                "version": VERSION,
                "size": size,
                "crc32": crc,
                "schema": SCHEMA,
                "counts": counts,
                "records": records,
                "laid_out": laid_out,
                "small": orjson.Fragment(small),
            }
        )
        if len(payload) > MAX_SMALL:
            forget_seal(target)
            return
        path = seal_path(target)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".seal-", suffix=".tmp")
        try:
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


class TableSpans:
    """Where each table's JSON object lies in bytes laid out as coach's save writes them, found only as
    far as asked.

    The layout is `orjson.dumps(data, option=OPT_INDENT_2)` of a dict of tables, whose order the seal's
    counts keep. There, and only there, the table after `name` begins exactly at `'\n  },\n  "next": '`
    (a record's lines sit deeper, and text never holds a raw line break), the last table ends just before
    the file's final `'\n}'`, and `raw[start:end]` parses to the table. Finding a table reads the bytes of
    the tables before it once (`bytes.find`, about 1 ms a megabyte); the last one is never read through.
    Anything not as expected makes every answer None (then parse the whole file)."""

    __slots__ = ("_broken", "_found", "_next", "_order", "_position", "_raw")

    def __init__(self, raw: bytes, order: list[str]) -> None:
        self._raw = raw
        self._order = order
        self._found: dict[str, tuple[int, int]] = {}
        self._next = 0
        """The index in `order` of the next table to find."""
        self._position = 4
        """Where that table's name (its opening quote) is expected."""
        self._broken = not order or not raw.startswith(b'{\n  "') or not raw.endswith(b"\n}")

    def span(self, table: str) -> tuple[int, int] | None:
        """(start, end) of `table`; None if it is not in the file or the layout is not as expected."""
        while not self._broken and table not in self._found and self._next < len(self._order):
            self._step()
        return None if self._broken else self._found.get(table)

    def all(self) -> dict[str, tuple[int, int]] | None:
        """Every table's span, in the file's order; None if the layout is not as expected."""
        while not self._broken and self._next < len(self._order):
            self._step()
        return None if self._broken else self._found

    def _step(self) -> None:
        raw, order, index = self._raw, self._order, self._next
        head = b'"' + order[index].encode() + b'": '
        if not raw.startswith(head, self._position):
            self._broken = True
            return
        start = self._position + len(head)
        last = index == len(order) - 1
        if raw.startswith(b"{}", start):
            end = start + 2
        elif not raw.startswith(b"{\n", start):
            self._broken = True
            return
        elif last:
            end = len(raw) - 2  # before the final "\n}"
            if not raw.endswith(b"\n  }\n}") or end <= start:
                self._broken = True
                return
        else:
            found = raw.find(b'\n  },\n  "' + order[index + 1].encode() + b'": ', start)
            if found == -1:
                self._broken = True
                return
            end = found + 4
        if last and len(raw) - 2 != end:
            self._broken = True
            return
        if not last and not raw.startswith(b',\n  "', end):
            self._broken = True
            return
        self._found[order[index]] = (start, end)
        self._next = index + 1
        self._position = end + 4


def forget_seal(target: Path) -> None:
    """Drop the seal of `target` (never raises)."""
    with contextlib.suppress(Exception):
        seal_path(target).unlink(missing_ok=True)

"""The only package that touches TinyDB and the disk.

The data file is plain TinyDB JSON (one table per kind of record, a `meta` table with the schema version).
What this package adds to stock TinyDB, because people's notes depend on it:

* atomic saves: a temp file in the same folder, flushed and fsynced, then `os.replace`d over the old one,
  and the folder fsynced, so a crash leaves either the old file or the new one, whole;
* one writer at a time across processes (an `flock` on a lock file around every read-modify-write);
* a change made on disk by someone else (another coach, a sync tool, a hand edit) is noticed by its
  device, inode, size, mtime and ctime (which no one can set back), and, while the file's timestamps
  are too fresh to tell two changes apart, by its bytes; it is reloaded before anything is written over it;
* the data stays in memory: reads never reparse the file unless it changed;
* a file coach cannot read, one from a newer coach, or one with a single record coach can't read, is
  refused and never touched (every record is checked before the first write of each version of the file);
* anything at the data path that is not a regular file (a FIFO, a socket, a device) is refused at once;
* a symlinked data file is written through the link; the lock and the backups sit beside the real file;
* a read-only data file (no owner write bit) is read but never rewritten;
* every failure on the write path is one StoreError naming the file or folder and the cause, and a lock
  really held by another coach is told apart from a lock file coach may not create;
* folders coach creates are 0700 and files 0600, whatever the umask;
* a copy in the backups folder once a day and before each migration, keeping the last seven.

One job per module: `codec` (documents <-> records), `files` (reading, checking and writing the file),
`lock` (one writer at a time), `storage` (TinyDB's storage interface), `backups`, `migrations`
(the data format), `locations` (the real file behind a link, its lock and backups),
`database` (the `Store` itself).
"""

from __future__ import annotations

from coach.store.backups import KEEP_BACKUPS
from coach.store.codec import from_doc, to_doc
from coach.store.database import Clock, Store, local_now, local_zone, reset_tinydb_caches
from coach.store.files import DIR_MODE, FILE_MODE, atomic_write, check_data, ensure_folder, load_file
from coach.store.locations import backups_folder, is_protected, lock_file, protected_paths, real_path
from coach.store.lock import FlockLock, LockTimeout, lock_for
from coach.store.migrations import META, MIGRATIONS, SCHEMA, SETTINGS, fresh_data
from coach.store.storage import SafeStorage

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "KEEP_BACKUPS",
    "META",
    "MIGRATIONS",
    "SCHEMA",
    "SETTINGS",
    "Clock",
    "FlockLock",
    "LockTimeout",
    "SafeStorage",
    "Store",
    "atomic_write",
    "backups_folder",
    "check_data",
    "ensure_folder",
    "fresh_data",
    "from_doc",
    "is_protected",
    "load_file",
    "local_now",
    "local_zone",
    "lock_file",
    "lock_for",
    "protected_paths",
    "real_path",
    "reset_tinydb_caches",
    "to_doc",
]

"""Stage 1 of the pipeline, its first half: find the documents a user names and read
their bytes, within the limits on what a document may be.

``iter_documents`` expands the paths a user gave into files: folders are walked, and
what is not a regular file (a FIFO would make a reader wait forever) or is a symbolic
link out of the folder is reported, not read. ``read_bytes`` reads one file, refusing
what is not a regular file or is past the size limit. ``ReadLimits`` are the limits
(``kg.reading.readers`` applies the limit on characters).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg.core.errors import InputError, KgError

TXT, MD, HTML = "text/plain", "text/markdown", "text/html"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

MEDIA_TYPES = {
    ".txt": TXT, ".text": TXT, ".md": MD, ".markdown": MD, ".html": HTML, ".htm": HTML,
    ".pdf": PDF, ".docx": DOCX,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(MEDIA_TYPES)


@dataclass(frozen=True)
class ReadLimits:
    """How much a reader takes from one file. A file past a limit is refused with the
    limit's name (one error line), so that one hostile or broken file cannot take the
    machine's memory or hours of NLP: a 3.6 MB DOCX whose document.xml inflates to 1 GiB
    took 9 GB; a 171 KB one holds 30 million characters (25 CPU-minutes of NLP).

    ``chars``: characters of text per document (10 million: some 4,000 pages, 9 CPU-
    minutes of NLP). ``inflated``: bytes a file may hold or, for a DOCX (a zip), inflate
    to (256 MiB; python-docx needs about 9 bytes of memory per byte of XML). Raise them
    with the environment variables ``KG_MAX_CHARS`` and ``KG_MAX_INFLATED``."""

    chars: int = 10_000_000
    inflated: int = 256 * 2**20

    @classmethod
    def from_env(cls) -> "ReadLimits":
        return cls(chars=_env_int(CHARS_VAR, cls.chars),
                   inflated=_env_int(INFLATED_VAR, cls.inflated))


CHARS_VAR, INFLATED_VAR = "KG_MAX_CHARS", "KG_MAX_INFLATED"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip().replace("_", "").replace(",", "")
    if not value:
        return default
    if not value.isdigit() or int(value) == 0:
        raise KgError(f"{name} must be a positive whole number, not {os.environ[name]!r}")
    return int(value)


# --------------------------------------------------------------------------- finding files


def suffix(path: Path) -> str:
    return path.suffix.lower()


def unsupported(path: Path) -> InputError:
    kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
    return InputError(path, f"unsupported file type {kind} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")


def os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return f"cannot read file: {e.strerror or e}"


def _walk(root: Path) -> list[Path | InputError]:
    """Supported, non-hidden files under ``root`` (and unreadable folders, what is not a
    regular file and symbolic links out of ``root``, as errors), sorted by their path
    components."""
    found: list[Path | InputError] = []
    errors: list[OSError] = []
    inside = os.path.realpath(root)
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):  # no symlinked dirs
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [_checked(Path(dirpath, name), inside) for name in filenames
                  if not name.startswith(".") and suffix(Path(name)) in SUPPORTED_SUFFIXES]
    found += [InputError(e.filename or root, os_reason(e)) for e in errors]
    return sorted(found, key=lambda p: Path(p.path if isinstance(p, InputError) else p).relative_to(root).parts)


def _checked(path: Path, inside: str) -> Path | InputError:
    """``path`` found in a folder, or why it is not read: a symbolic link that leads out
    of the folder (to /etc/passwd, say), or something other than a regular file (a FIFO
    would make the reader wait forever)."""
    real = os.path.realpath(path)
    if os.path.commonpath([real, inside]) != inside:
        return InputError(path, f"a symbolic link to {real}, outside {inside}: not "
                                "followed (name the file itself to read it)")
    return _regular(path)


def _regular(path: Path) -> Path | InputError:
    """A file named on its own: followed if it is a symbolic link (the user chose it),
    refused if it is not a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        return InputError(path, os_reason(e))
    return path if stat.S_ISREG(mode) else InputError(path, not_regular(mode))


def not_regular(mode: int) -> str:
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"not a regular file ({kind}): not read"


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand files and folders into document paths, in a deterministic order.

    Folders are walked recursively (sorted; hidden entries and unsupported suffixes are
    skipped silently). A bad explicit path yields an ``InputError`` in its place and the
    walk goes on. A file reached twice is yielded once.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as e:  # e.g. a path inside a folder we may not enter
            yield InputError(path, os_reason(e))
            continue
        if not exists:
            yield InputError(path, "no such file or directory")
            continue
        if not is_dir and suffix(path) not in SUPPORTED_SUFFIXES:
            yield unsupported(path)
            continue
        for item in _walk(path) if is_dir else [_regular(path)]:
            if isinstance(item, InputError):
                yield item
            elif (key := os.path.realpath(item)) not in seen:
                seen.add(key)
                yield item


def _open(path: Path) -> int:
    # without waiting: opening a FIFO to read would wait for a writer forever
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))


def read_bytes(path: Path, limits: ReadLimits | None = None) -> bytes:
    """The file's bytes, unless it is not a regular file or is past the size limit
    (``InputError``); every reading of a document's file goes through here."""
    limits = limits or ReadLimits.from_env()
    try:
        fd = _open(path)
    except OSError as e:
        raise InputError(path, os_reason(e)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # whatever its name
            raise InputError(path, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, not_regular(info.st_mode))
        if info.st_size > limits.inflated:
            raise InputError(path, f"file of {info.st_size:,} bytes is over the limit of "
                                   f"{limits.inflated:,} bytes ({INFLATED_VAR}; raise it to "
                                   "read this file)")
        with open(fd, "rb", closefd=False) as file:
            return file.read()
    except OSError as e:
        raise InputError(path, os_reason(e)) from None
    finally:
        os.close(fd)

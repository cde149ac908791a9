"""The archive: one tar.gz holding the database dump, the media files and a
manifest, written last, that records the schema and a sha256 of every member.

Layout::

    database.jsonl        the dump (``hub.backups.database``), one object a line
    media/<name>          each file of the default storage, under its own name
    manifest.json         format, date, source, schema, checksums and sizes

Reading checks everything before anything is written: every member listed and
no other, each checksum, member names that stay inside the archive.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from pathlib import Path

FORMAT = "passerelle-backup/1"
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is not one of ours, or not intact: refuse it as a whole."""


def sha256_of(fileobj):
    """The sha256 and size of what ``fileobj`` still holds, read in chunks."""
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class ArchiveWriter:
    """Writes ``path`` through a hidden temporary file, renamed into place on
    success: an interrupted backup never leaves a truncated archive under the
    expected name. The archive holds personal data (e-mail addresses, password
    hashes): it is created readable by its owner only."""

    def __init__(self, path):
        self.path = Path(path)
        self.members = {}

    def __enter__(self):
        fd, self._partial = tempfile.mkstemp(
            dir=self.path.parent or ".", prefix=f".{self.path.name}.", suffix=".part"
        )
        os.fchmod(fd, 0o600)
        self._file = os.fdopen(fd, "wb")
        self._tar = tarfile.open(fileobj=self._file, mode="w:gz")
        return self

    def add(self, name, fileobj):
        """Add ``fileobj`` (seekable, read from the start) as ``name``; returns
        its checksum and size as recorded in the manifest."""
        fileobj.seek(0)
        sha256, size = sha256_of(fileobj)
        fileobj.seek(0)
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, time.time()
        self._tar.addfile(info, fileobj)
        self.members[name] = {"sha256": sha256, "size": size}
        return self.members[name]

    def finish(self, manifest):
        """Write the manifest (with every member's checksum); returns it."""
        manifest = {"format": FORMAT, **manifest, "members": self.members}
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, time.time()
        self._tar.addfile(info, io.BytesIO(data))
        return manifest

    def __exit__(self, exc_type, exc, tb):
        try:
            self._tar.close()
            self._file.close()
        finally:
            if exc_type is None:
                os.replace(self._partial, self.path)
            else:
                os.unlink(self._partial)


def extract(path, into):
    """Unpack ``path`` into the directory ``into`` and check it against its
    manifest; returns the manifest. Raises ``ArchiveError`` on anything amiss."""
    into = Path(into)
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            # "data": no absolute names, no "..", no links out, no devices.
            tar.extractall(into, filter="data")
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise ArchiveError(f"{path} is not a readable tar.gz archive: {exc}") from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"{path} has no readable {MANIFEST}.") from exc
    if manifest.get("format") != FORMAT:
        raise ArchiveError(
            f"{path} is not a Passerelle backup of format {FORMAT} "
            f"(format: {manifest.get('format')!r})."
        )
    members = manifest.get("members", {})
    found = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()}
    found.discard(MANIFEST)
    if missing := sorted(set(members) - found):
        raise ArchiveError(f"Archive incomplete: missing {', '.join(missing[:5])}.")
    if extra := sorted(found - set(members)):
        raise ArchiveError(f"Archive holds unlisted files: {', '.join(extra[:5])}.")
    for name, expected in sorted(members.items()):
        with open(into / name, "rb") as member:
            sha256, size = sha256_of(member)
        if (sha256, size) != (expected["sha256"], expected["size"]):
            raise ArchiveError(
                f"Checksum mismatch for {name}: the archive is corrupted "
                "(nothing was restored)."
            )
    return manifest

"""Uploads: an allow-list checked by extension AND magic bytes, a size limit, served safely."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from botschaft.core.errors import NotFound, PayloadTooLarge, Unprocessable
from botschaft.core.text import remove_forbidden
from botschaft.files.models import StoredFile
from botschaft.tenancy.access import ProgramContext

# extension → (content type, shown inline?)
ALLOWED = {
    "pdf": ("application/pdf", False),
    "png": ("image/png", True),
    "jpg": ("image/jpeg", True),
    "jpeg": ("image/jpeg", True),
    "webp": ("image/webp", True),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", False),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    "txt": ("text/plain; charset=utf-8", False),
    "md": ("text/markdown; charset=utf-8", False),
}
_OOXML_DIR = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}


def _magic_ok(ext: str, data: bytes) -> bool:
    if ext == "pdf":
        return data.startswith(b"%PDF-")
    if ext == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if ext == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if ext in _OOXML_DIR:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return False
        return "[Content_Types].xml" in names and any(n.startswith(_OOXML_DIR[ext]) for n in names)
    if ext in ("txt", "md"):
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def safe_filename(name: str) -> str:
    name = remove_forbidden(name).replace("\\", "/").rsplit("/", 1)[-1]
    name = name.replace('"', "").strip(" .")
    return name[:200] or "file"


def store(
    session: Session,
    ctx: ProgramContext,
    filename: str,
    data: bytes,
    max_bytes: int,
) -> StoredFile:
    name = safe_filename(filename)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise Unprocessable.for_field(
            "file", "This file type is not allowed (PDF, images, Office, text).", "file_type"
        )
    if len(data) > max_bytes:
        raise PayloadTooLarge.for_field(
            "file", f"The file is larger than {max_bytes:,} bytes.", "too_large"
        )
    if not data:
        raise Unprocessable.for_field("file", "The file is empty.", "empty")
    if not _magic_ok(ext, data):
        raise Unprocessable.for_field(
            "file", "The content does not match the file type.", "file_type"
        )
    stored = StoredFile(
        program_id=ctx.program.id,
        uploaded_by=ctx.user.id,
        filename=name,
        content_type=ALLOWED[ext][0],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )
    session.add(stored)
    session.flush()
    return stored


def readable(ctx: ProgramContext):
    """The program's files: everyone in the program (and an administrator managing it) may read
    each of them, since they are briefings' attachments and ideas' pictures, shown to whoever
    sees the briefing; every read of files starts here. The content is deferred (a download
    undefers it)."""
    return select(StoredFile).where(StoredFile.program_id == ctx.program.id)


def fetch(session: Session, ctx: ProgramContext, file_id: uuid.UUID) -> StoredFile:
    stored = session.scalar(
        readable(ctx).options(undefer(StoredFile.content)).where(StoredFile.id == file_id)
    )
    if stored is None:
        raise NotFound("No such file.")
    return stored


def is_inline(stored: StoredFile) -> bool:
    return stored.content_type.startswith("image/")

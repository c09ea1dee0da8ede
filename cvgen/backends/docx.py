"""Word output: a real .docx people restyle, renumber and paste from.

The theme's ``reference.docx`` is opened as the base document (its body cleared), so its named
styles, page margins and fonts are the look: Title for the name, Heading 1 for sections, Heading 2
for group titles, "CV Entry" with a right-aligned tab stop for dates, "CV Detail" for continuation
lines, "CV Numbered" for publications and talks (real Word numbering, see
:class:`cvgen.backends.docx_xml.Numbering`) and the "Hyperlink", "CV Owner" and "CV Date"
character styles. Every link is a real hyperlink relationship. The zip is rewritten with fixed
timestamps so the same input gives the same bytes.

python-docx is imported at the top: the backend registry imports this module only when Word
output is asked for, so ``import cvgen`` and other formats never pay for it.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt, Twips
from docx.text.paragraph import Paragraph

from cvgen.backends.base import Backend, RenderOptions
from cvgen.backends.docx_language import complex_script_formatting, set_language, uses_complex_script
from cvgen.backends.docx_styles import ensure_styles, set_accent, set_text_width
from cvgen.backends.docx_xml import (
    Hyperlinks,
    Numbering,
    RunFormat,
    add_field,
    add_hyperlink,
    add_tab,
    add_text,
    fixed_time,
    normalise_zip,
    set_num_pr,
)
from cvgen.model.markup import Emph, Inline, Link, Strong, Sup, Text

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Contact, Document, Header, Item, Section

PAGE_SIZES = {"letter": (12240, 15840), "a4": (11906, 16838)}
"""Page width and height in twentieths of a point."""


class DocxBackend(Backend):
    name = "docx"
    aliases = ("word",)
    suffix = ".docx"
    binary = True
    description = "Word document with named styles, real numbering and hyperlinks"
    requires_modules = ("docx",)

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> bytes:

        document = docx.Document(str(theme.file("reference.docx", "docx")))
        _Writer(document, doc).write()
        buffer = io.BytesIO()
        document.save(buffer)
        return normalise_zip(buffer.getvalue())


class _Writer:
    """Walks the prepared document once, appending styled paragraphs."""

    def __init__(self, document: Any, doc: Document) -> None:
        self.document = document
        self.doc = doc
        self.body = document.element.body
        self.links = Hyperlinks(document.part)
        self.styles = ensure_styles(document)
        label_style = document.styles.get_by_id(self.styles["label"], _char_type())
        self.numbering = Numbering(document, label_style.element.rPr)
        self._font_sizes: dict[str, float] = {}
        self._indent: tuple[int, int] | None = None
        self.tabs_over_indent = _compatibility_mode(document) <= 14
        """Word 2010 rules honour a tab stop beyond the right indent (see :meth:`_date_room`)."""

    # -- document --------------------------------------------------------------------------

    def write(self) -> None:
        self._clear_body()
        self._page_setup()
        self._properties()
        self._header(self.doc.header)
        for section in self.doc.sections:
            self._section(section)
        self._footer()
        if uses_complex_script(self.doc.meta.language):
            complex_script_formatting(self.document)

    def _clear_body(self) -> None:
        """Keep only the reference's section properties (page size, margins, footer links)."""
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self._end = self.body.find(qn("w:sectPr"))
        if self._end is None:
            self._end = self.body.get_or_add_sectPr()

    def _page_setup(self) -> None:

        section = self.document.sections[0]
        width, height = PAGE_SIZES.get(self.doc.meta.page_size, PAGE_SIZES["letter"])
        section.page_width, section.page_height = Twips(width), Twips(height)
        self.text_width = Emu(section.page_width - section.left_margin - section.right_margin)
        set_text_width(self.document, self.styles, self.text_width)
        set_language(self.document, self.doc.meta.language, rtl=self.doc.meta.direction == "rtl")
        if self.doc.meta.accent_colour:
            set_accent(self.document, self.doc.meta.accent_colour)

    def _properties(self) -> None:
        meta, props = self.doc.meta, self.document.core_properties
        when = fixed_time().replace(tzinfo=None)
        props.title = _core(meta.title)
        props.author = _core(meta.author)
        props.subject = _core(meta.subject)
        props.keywords = _core(", ".join(meta.keywords))
        props.comments = _core(meta.description)
        props.language = meta.language
        props.last_modified_by = _core(meta.author)
        props.category = "Curriculum Vitae"
        props.revision = 1
        props.created = props.modified = when

    # -- blocks ----------------------------------------------------------------------------

    def _paragraph(self, role: str, nodes: Inline = ()) -> Any:
        paragraph = self._new_paragraph()
        paragraph._p.style = self.styles[role]  # the id; python-docx's setter searches every style
        self._inline(paragraph._p, nodes)
        return paragraph

    def _new_paragraph(self) -> Any:
        """An empty paragraph at the end of the body (before the section properties).

        python-docx's ``add_paragraph`` searches the whole body for the insertion point each
        time, which is quadratic for a 5,000-publication CV; the end is known here.
        """

        p = OxmlElement("w:p")
        self._end.addprevious(p)
        return Paragraph(p, self.document._body)

    def _header(self, header: Header) -> None:
        title = self._paragraph("title", (Text(header.name),))
        title.paragraph_format.keep_with_next = True
        left = [line for block in header.affiliations for line in block]
        block_starts = {sum(len(b) for b in header.affiliations[:i]) for i in range(1, len(header.affiliations))}
        right = [self._contact_nodes(c) for c in header.contacts]
        columns = [col for col in (left, right) if col]
        if not columns and header.photo is None:
            return
        table = self.document.add_table(rows=1, cols=len(columns) + (header.photo is not None))
        _plain_table(table, self.text_width, photo=header.photo is not None, rtl=self.doc.meta.direction == "rtl")
        for index, lines in enumerate(columns):
            cell = table.rows[0].cells[index]
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            for number, line in enumerate(lines):
                p = cell.add_paragraph()
                p._p.style = self.styles["header"]
                if lines is left and number in block_starts:
                    p.paragraph_format.space_before = Pt(4)  # a gap between two affiliations
                if index == len(columns) - 1 and len(columns) > 1:

                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self._inline(p._p, line)
        if header.photo is not None:
            self._photo(table.rows[0].cells[-1], header.photo)

    def _photo(self, cell: Any, photo: Any) -> None:
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        data = photo.data
        if photo.media_type == "image/svg+xml":  # Word needs pixels; the SVG was sanitised on loading
            from cvgen.backends.svg_raster import to_png

            data = to_png(photo)
        p.add_run().add_picture(io.BytesIO(data), width=Inches(1.0))

    @staticmethod
    def _contact_nodes(contact: Contact) -> Inline:
        shown: Inline = (Text(contact.text),)
        if contact.href:
            shown = (Link(contact.href, shown),)
        if contact.caption:
            return (Text(f"{contact.caption}: "), *shown)
        return shown

    def _section(self, section: Section) -> None:
        self.numbering.break_run()
        self._paragraph("h1", (Text(section.title),))
        has_groups = any(group.items for group in section.groups)
        for nodes in section.intro:
            p = self._paragraph("intro", nodes)
            p.paragraph_format.keep_with_next = has_groups
        if section.chart is not None:
            from cvgen.backends.docx_chart import add_chart_table

            add_chart_table(self.document, section.chart)
        for group in section.groups:
            if group.title:
                self._paragraph("h2", group.title)
            last_pair = len(group.items) - 2 if group.keep_last else -1
            for index, item in enumerate(group.items):
                self._item(item, keep_next=index == last_pair)

    def _item(self, item: Item, keep_next: bool = False) -> None:
        """One entry; ``keep_next`` keeps it on the page of the next one (a group's last two stay together)."""
        numbered = item.label is not None
        main = self._paragraph("numbered" if numbered else "entry")
        if numbered:
            self._number(main, item)
        self._inline(main._p, item.main)
        for index, ref in enumerate(item.links):
            add_text(main._p, " · " if index else " ")
            self._inline(main._p, (Link(ref.href, (Text(ref.label),)),))
        if item.date:
            date_fmt = RunFormat(style=self.styles["date"])
            add_tab(main._p, date_fmt)
            add_text(main._p, item.date, date_fmt)
            if self.tabs_over_indent:
                main.paragraph_format.right_indent = self._date_room(main, item.date)
        continuation = [("detail", d) for d in item.details]
        if item.abstract:
            continuation.append(("abstract", item.abstract))
        main.paragraph_format.keep_with_next = bool(continuation) or keep_next
        for index, (role, nodes) in enumerate(continuation):
            p = self._paragraph(role, nodes)
            p.paragraph_format.keep_with_next = index < len(continuation) - 1 or keep_next

    def _date_room(self, paragraph: Any, date: str) -> Any:
        """A right indent as wide as the date, so long text wraps before it.

        The date's tab stop sits at the text width, beyond this indent (Word 2010 layout rules
        and LibreOffice honour that; the built-in references ask for them), so the date stays
        flush right on the entry's last line instead of being pushed onto a line of its own.
        A reference.docx saved by Word 2013+ gets no indent: there the tab would be dropped. The width is estimated from the font size: dates are short
        and mostly digits, about half an em each.
        """

        style_id = paragraph._p.style
        points = self._font_sizes.get(style_id)
        if points is None:
            size, style = None, self.document.styles.get_by_id(style_id, _para_type())
            while style is not None and size is None:
                size, style = style.font.size, style.base_style
            points = self._font_sizes[style_id] = size.pt if size is not None else 11.0
        return Pt(round(len(date) * points * 0.5 + points))

    def _number(self, paragraph: Any, item: Item) -> None:
        """Real list numbering when the view says the label is prefix + number; otherwise the label as text.

        Permanent labels ("J12", chosen by the user) need not follow the position, so they are
        written as text followed by a tab, in the same style and indent as numbered items.
        """

        label, number, prefix = item.label or "", item.number, item.numbering_prefix
        if prefix is None or "%" in prefix or number is None:  # Word's level text reserves "%"
            add_text(paragraph._p, f"{label}.", RunFormat(style=self.styles["label"]))
            add_tab(paragraph._p)
            return
        if self._indent is None:
            self._indent = self._numbered_indent()
        num_id = self.numbering.num_id(prefix, number, self._indent)
        set_num_pr(paragraph, num_id)

    def _numbered_indent(self) -> tuple[int, int]:
        """(left, hanging) in twips from the "CV Numbered" style, so the theme sets the indent."""
        style = self.document.styles.get_by_id(self.styles["numbered"], _para_type())
        fmt = style.paragraph_format
        left = fmt.left_indent.twips if fmt.left_indent is not None else 640
        first = fmt.first_line_indent.twips if fmt.first_line_indent is not None else -left
        return left, -first if first < 0 else left

    def _footer(self) -> None:

        section = self.document.sections[0]
        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for child in list(p._p):
            if child.tag != qn("w:pPr"):
                p._p.remove(child)
        p._p.style = self.styles["footer"]
        before, between, after = self.doc.meta.page_number
        add_text(p._p, self.doc.header.name)
        add_tab(p._p)
        if before:
            add_text(p._p, before)
        add_field(p._p, "PAGE", "1")
        add_text(p._p, between)
        add_field(p._p, "NUMPAGES", "1")
        if after:
            add_text(p._p, after)

    # -- inline ----------------------------------------------------------------------------

    def _inline(self, parent: Any, nodes: Inline, fmt: Any = None, in_link: bool = False) -> None:
        """Append inline nodes as runs; links become ``w:hyperlink`` elements."""
        fmt = fmt or RunFormat()
        for node in nodes:
            if isinstance(node, Text):
                add_text(parent, node.text, fmt)
            elif isinstance(node, Strong):
                if node.role == "owner" and fmt.style is None:
                    inner = replace(fmt, style=self.styles["owner"])
                else:
                    inner = replace(fmt, bold=True)
                self._inline(parent, node.children, inner, in_link)
            elif isinstance(node, Emph):
                self._inline(parent, node.children, replace(fmt, italic=not fmt.italic), in_link)
            elif isinstance(node, Sup):
                self._inline(parent, node.children, replace(fmt, superscript=True), in_link)
            elif isinstance(node, Link):
                if in_link:
                    self._inline(parent, node.children, fmt, in_link)
                    continue
                link = add_hyperlink(parent, self.links, node.href)
                bold = fmt.bold or fmt.style == self.styles["owner"]
                self._inline(link, node.children, replace(fmt, style=self.styles["link"], bold=bold), True)


def _compatibility_mode(document: Any) -> int:
    """The Word version whose layout rules the reference.docx asks for (15 = Word 2013+)."""
    for setting in document.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            value = setting.get(qn("w:val")) or ""
            return int(value) if value.isdigit() else 15
    return 15


def _para_type() -> Any:

    return WD_STYLE_TYPE.PARAGRAPH


def _char_type() -> Any:

    return WD_STYLE_TYPE.CHARACTER


def _core(value: str) -> str:
    """A core property within the 255 characters python-docx allows (a long name or title must not crash)."""
    return value if len(value) <= 255 else value[:254] + "…"


def _plain_table(table: Any, text_width: int, photo: bool, rtl: bool = False) -> None:
    """A borderless, full-width layout table whose text lines up with the page margins.

    Right to left (``rtl``), its columns run from the right (``w:bidiVisual``): affiliations on the
    right, contacts on the left.
    """
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        for el in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(el)
    if rtl:
        tbl_pr.insert(0, OxmlElement("w:bidiVisual"))
    tbl_pr.append(OxmlElement("w:tblW", attrs={qn("w:w"): str(text_width.twips), qn("w:type"): "dxa"}))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{side}", attrs={qn("w:val"): "nil"}))
    tbl_pr.append(borders)
    tbl_pr.append(OxmlElement("w:tblLayout", attrs={qn("w:type"): "fixed"}))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", attrs={qn("w:w"): "0", qn("w:type"): "dxa"}))
    tbl_pr.append(margins)
    tbl_pr.append(OxmlElement("w:tblLook", attrs={qn("w:val"): "0000", qn("w:firstRow"): "0",
                                                  qn("w:lastRow"): "0", qn("w:firstColumn"): "0",
                                                  qn("w:lastColumn"): "0", qn("w:noHBand"): "1",
                                                  qn("w:noVBand"): "1"}))
    photo_width = Inches(1.15) if photo else 0
    text_columns = len(table.columns) - (1 if photo else 0)
    widths = [int((text_width - photo_width) / max(text_columns, 1))] * text_columns
    if photo:
        widths.append(photo_width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width

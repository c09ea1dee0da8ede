"""Word output: a real .docx people restyle, renumber and paste from.

The theme's ``reference.docx`` is opened as the base document (its body cleared), so its named
styles, page margins and fonts are the look: Title for the name, Heading 1 for sections, Heading 2
for group titles, "CV Entry" for entries (a dated group is a borderless two-column table, so the
date stays on the first line of a wrapped entry), "CV Detail" and "CV Description" for continuation
lines, "CV Links" for an entry's links and DOI, "CV Numbered" for publications and talks (real Word numbering, see
:class:`cvgen.backends.docx_xml.Numbering`) and the "Hyperlink", "CV Owner" and "CV Date"
character styles. Every link is a real hyperlink relationship. The zip is rewritten with fixed
timestamps so the same input gives the same bytes.

python-docx is imported at the top: the backend registry imports this module only when Word
output is asked for, so ``import cvgen`` and other formats never pay for it.
"""

from __future__ import annotations

import copy
import io
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Inches, Pt, Twips
from docx.table import _Row
from docx.text.paragraph import Paragraph

from cvgen.backends.base import Backend, RenderOptions
from cvgen.backends.docx_language import complex_script_formatting, set_language, uses_complex_script
from cvgen.backends.docx_package import keep_allowed_relationships, refused_fields
from cvgen.backends.docx_styles import ensure_styles, set_accent, set_text_width
from cvgen.backends.docx_xml import (
    Hyperlinks,
    Numbering,
    OxmlElement,
    RunFormat,
    add_field,
    add_hyperlink,
    add_tab,
    add_text,
    fixed_time,
    normalise_zip,
    qn,
    save_stored,
    set_keep_next,
    set_num_pr,
    set_paragraph_style,
)
from cvgen.errors import RenderError
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
        _Writer(document, doc, theme.manifest.docx_header).write()
        data = keep_allowed_relationships(save_stored(document))
        fields = refused_fields(data)
        if fields:
            raise RenderError(f"theme {theme.name!r}: reference.docx holds Word fields that fetch files or run "
                              f"programs when updated: {', '.join(fields[:5])}")
        return normalise_zip(data)


class _Writer:
    """Walks the prepared document once, appending styled paragraphs."""

    def __init__(self, document: Any, doc: Document, header_layout: str = "columns") -> None:
        self.document = document
        self.doc = doc
        self.header_layout = header_layout
        self.body = document.element.body
        self.links = Hyperlinks(document.part)
        self.styles = ensure_styles(document)
        label_style = document.styles.get_by_id(self.styles["label"], _char_type())
        self.numbering = Numbering(document, label_style.element.rPr)
        self._font_sizes: dict[str, float] = {}
        self._gaps: dict[str, Any] = {}
        self._indent: tuple[int, int] | None = None

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
        set_paragraph_style(paragraph._p, self.styles[role])  # the id; python-docx's setter searches every style
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
        set_keep_next(title._p, True)
        if self.header_layout == "inline" and header.photo is None:
            self._inline_header(header, title)
            return
        left = [line for block in header.affiliations for line in block]
        block_starts = {sum(len(b) for b in header.affiliations[:i]) for i in range(1, len(header.affiliations))}
        right = [] if header.compact_contacts else [self._contact_nodes(c) for c in header.contacts]
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
                set_paragraph_style(p._p, self.styles["header"])
                if lines is left and number in block_starts:
                    p.paragraph_format.space_before = Pt(4)  # a gap between two affiliations
                if self.header_layout == "inline":  # its "CV Header" may be centred and inset (banner): not in a cell
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(0)
                if index == len(columns) - 1 and len(columns) > 1:

                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self._inline(p._p, line)
        if header.photo is not None:
            self._photo(table.rows[0].cells[-1], header.photo)
        if header.compact_contacts:
            self._contact_line(header)

    def _inline_header(self, header: Header, title: Any) -> None:
        """The modern look: each affiliation on one line (rank in bold, parts joined by " · "), then the
        contacts in one wrapping line, as the theme's PDF shows them."""
        sep = RunFormat(style=self.styles["date"])
        for block in header.affiliations:
            p = self._paragraph("header")
            for index, line in enumerate(block):
                if index:
                    add_text(p._p, " · ", sep)
                self._inline(p._p, line, RunFormat(bold=index == 0))
        last = self._contact_line(header, "\u2003")  # an em space between contacts, like the PDF's gap
        _rule_below(last or title, self._accent())

    def _accent(self) -> str:
        """The accent the theme's reference gives the name (Title), as the PDF's header rule uses it."""
        if self.doc.meta.accent_colour:
            return self.doc.meta.accent_colour.lstrip("#").upper()
        colour = self.document.styles.get_by_id(self.styles["title"], _para_type()).font.color
        return str(colour.rgb) if colour is not None and colour.rgb is not None else "000000"

    def _contact_line(self, header: Header, sep: str = " · ") -> Any:
        """All contacts in one wrapping line (the modern header, or many contacts in the classic one)."""
        if not header.contacts:
            return None
        p = self._paragraph("header")
        p.paragraph_format.space_before = Pt(3)
        for index, contact in enumerate(header.contacts):
            if index:
                add_text(p._p, sep, RunFormat(style=self.styles["date"]))
            self._inline(p._p, self._contact_nodes(contact))
        return p

    def _photo(self, cell: Any, photo: Any) -> None:
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.line_spacing = 1.0  # not Normal's exact leading, which crops the picture to one line
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
        # The heading keeps with the intro's first lines (Heading 1 is keep-with-next); the intro's
        # paragraphs keep together, but the last need not pull the first entry along: a heading plus
        # two lines is enough, and a whole block moved on leaves a third of a page blank.
        for index, nodes in enumerate(section.intro):
            p = self._paragraph("intro", nodes)
            set_keep_next(p._p, index < len(section.intro) - 1)
        if section.chart is not None:
            from cvgen.backends.docx_chart import add_chart_table

            add_chart_table(self.document, section.chart)
        for group in section.groups:
            if group.title:
                self._paragraph("h2", group.title)
            last_pair = len(group.items) - 2 if group.keep_last else -1
            if any(item.date for item in group.items):
                self._dated_rows(group.items, last_pair)
                continue
            for index, item in enumerate(group.items):
                self._item(item, keep_next=index == last_pair)

    def _dated_rows(self, items: tuple[Item, ...], last_pair: int = -1) -> None:
        """A borderless two-column table, one row per entry: the text and its details left, the date
        right on the entry's first line however far the text wraps (a right tab after the text put the
        date on its last line). A row never splits across pages, like an entry in the PDF."""
        date_width = max(self._date_width(item.date) for item in items)
        overhang = self._overhang(items)
        table = self.document.add_table(rows=0, cols=2)
        _plain_table(table, Emu(self.text_width + overhang), photo=False)
        if overhang:
            _indent_table(table, Emu(-overhang))
        empty_row = None
        for index, item in enumerate(items):
            if empty_row is None:
                row = table.add_row()
                _cant_split(row)
                text_cell, date_cell = row.cells
                text_cell.width, date_cell.width = self.text_width - date_width + overhang, date_width
                empty_row = copy.deepcopy(row._tr)
            else:  # the same empty row again, copied: python-docx builds each cell by parsing XML
                row = _Row(copy.deepcopy(empty_row), table)
                table._tbl.append(row._tr)
                text_cell, date_cell = row.cells
            self._item(item, text_cell, date_width)
            if overhang:
                self._shift_paragraphs(text_cell, overhang)
            date = date_cell.paragraphs[0]
            set_paragraph_style(date._p, self.styles["entry"])
            date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_text(date._p, item.date, RunFormat(style=self.styles["date"]))
            if index == last_pair:  # this row stays on the page of the group's last row
                for paragraph in (*text_cell.paragraphs, *date_cell.paragraphs):
                    set_keep_next(paragraph._p, True)
        for column, width in zip(table.columns, (self.text_width - date_width + overhang, date_width), strict=True):
            column.width = width

    def _overhang(self, items: tuple[Item, ...]) -> Any:
        """How far a theme's numbers hang left of the text block (compact: into the page margin), as
        Twips; 0 when they hang inside it. A table cell clips what lies outside it, so a dated table of
        such entries starts that far left and its paragraphs are indented by as much."""
        if not any(item.label is not None for item in items):
            return Twips(0)
        left, hanging = self._numbered_indent()
        return Twips(max(hanging - left, 0))

    def _shift_paragraphs(self, cell: Any, overhang: Any) -> None:
        """Indent every paragraph of ``cell`` by ``overhang`` more than its style says (see _overhang)."""
        for paragraph in cell.paragraphs:
            fmt = paragraph.paragraph_format
            style = self.document.styles.get_by_id(paragraph._p.style, _para_type()).paragraph_format
            left = fmt.left_indent if fmt.left_indent is not None else (style.left_indent or 0)
            first = fmt.first_line_indent if fmt.first_line_indent is not None else style.first_line_indent
            fmt.left_indent = Emu(left + overhang)
            if first is not None:
                fmt.first_line_indent = first

    def _item(self, item: Item, cell: Any = None, reach: Any = 0, keep_next: bool = False) -> None:
        """One entry: in a paragraph of its own, or in a dated table's text cell whose continuation
        lines reach ``reach`` into the date column (full width, as in the PDF). ``keep_next`` keeps a
        paragraph entry on the page of the next one (a funder document's last two entries)."""
        numbered = item.label is not None
        if cell is None:
            main = self._paragraph("numbered" if numbered else "entry")
        else:
            main = cell.paragraphs[0]
            set_paragraph_style(main._p, self.styles["numbered" if numbered else "entry"])
        if numbered:
            self._number(main, item)
        self._inline(main._p, item.main)
        detail_role = "description" if item.detail_style == "description" else "detail"
        continuation: list[tuple[str, Inline]] = [(detail_role, d) for d in item.details]
        if item.links:  # on a line of their own, under the entry, as in the other formats
            refs: list[Any] = []
            for index, ref in enumerate(item.links):
                refs.extend(((Text(" ") if index else Text("")), Link(ref.href, (Text(ref.label),))))
            continuation.append(("links", tuple(refs)))
        if item.abstract:
            continuation.append(("abstract", item.abstract))
        if cell is not None:  # the row is kept whole; keep-with-next in a cell would bind the whole table
            gap = main.paragraph_format.space_after
            if gap is None:
                gap = self._style_gap(main._p.style)
            for index, (role, nodes) in enumerate(continuation):
                p = self._cell_paragraph(cell, role, nodes)
                p.paragraph_format.right_indent = -reach
                if index == len(continuation) - 1:  # the entry's gap comes after its last line, as in the PDF
                    main.paragraph_format.space_after = Pt(0)
                    p.paragraph_format.space_after = gap
            return
        set_keep_next(main._p, bool(continuation) or keep_next)
        for index, (role, nodes) in enumerate(continuation):
            p = self._paragraph(role, nodes)
            set_keep_next(p._p, index < len(continuation) - 1 or keep_next)

    def _cell_paragraph(self, cell: Any, role: str, nodes: Inline) -> Any:
        p = cell.add_paragraph()
        set_paragraph_style(p._p, self.styles[role])
        self._inline(p._p, nodes)
        return p

    def _date_width(self, date: str) -> Any:
        """The date column: as wide as the longest date (about half an em per character) plus a gap."""
        points = self._style_size(self.styles["entry"])
        return Pt(round(len(date) * points * 0.5 + 1.2 * points)) if date else Pt(0)

    def _style_gap(self, style_id: str) -> Any:
        """A paragraph style's own space after, looked up once per style (an XPath search each time)."""
        if style_id not in self._gaps:
            self._gaps[style_id] = self.document.styles.get_by_id(style_id, _para_type()).paragraph_format.space_after
        return self._gaps[style_id]

    def _style_size(self, style_id: str) -> float:
        points = self._font_sizes.get(style_id)
        if points is None:
            size, style = None, self.document.styles.get_by_id(style_id, _para_type())
            while style is not None and size is None:
                size, style = style.font.size, style.base_style
            points = self._font_sizes[style_id] = size.pt if size is not None else 11.0
        return points

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
        set_paragraph_style(p._p, self.styles["footer"])
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


def _rule_below(paragraph: Any, colour: str) -> None:
    """The modern header's 2.5 pt accent rule under its last line, as style.css draws it."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(OxmlElement("w:bottom", attrs={qn("w:val"): "single", qn("w:sz"): "20", qn("w:space"): "5",
                                                  qn("w:color"): colour}))
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                              "w:pPrChange")
    paragraph.paragraph_format.space_after = Pt(8)


def _cant_split(row: Any) -> None:
    """Keep a table row (an entry with its details) on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _para_type() -> Any:

    return WD_STYLE_TYPE.PARAGRAPH


def _char_type() -> Any:

    return WD_STYLE_TYPE.CHARACTER


def _core(value: str) -> str:
    """A core property within the 255 characters python-docx allows (a long name or title must not crash)."""
    return value if len(value) <= 255 else value[:254] + "…"


def _indent_table(table: Any, indent: Any) -> None:
    """Move ``table`` from the text block's leading edge by ``indent`` (negative: into the margin)."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.addnext(OxmlElement("w:tblInd", attrs={qn("w:w"): str(indent.twips), qn("w:type"): "dxa"}))


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

"""RenderCV's own pipeline over many files in ONE Python process (run with RenderCV's interpreter).

This is the kindest way to loop RenderCV: its model and Typst are imported once, as in cvgen's
workers. It performs the same steps as ``rendercv render`` (validate, Typst source, PDF, and with
``--all`` also PNG, Markdown and HTML) without the progress printer.

    ~/rendercv-venv/bin/python bench/rendercv_loop.py --out OUT [--all] a.yaml b.yaml …
"""

from __future__ import annotations

import argparse
import pathlib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--all", action="store_true", help="also PNG, Markdown and HTML (RenderCV's defaults)")
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    args = parser.parse_args()

    from rendercv import data, renderer

    for path in args.files:
        path = path.absolute()
        model = data.validate_input_dictionary_and_return_the_data_model(
            data.read_a_yaml_file(path), context={"input_file_directory": path.parent}
        )
        out = args.out / path.stem
        typst_file = renderer.create_a_typst_file_and_copy_theme_files(model, out)
        renderer.render_a_pdf_from_typst(typst_file)
        if args.all:
            renderer.render_pngs_from_typst(typst_file)
            renderer.render_an_html_from_markdown(renderer.create_a_markdown_file(model, out))


if __name__ == "__main__":
    main()

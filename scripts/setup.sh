#!/usr/bin/env bash
# Installs everything cvgen needs on a fresh Debian machine (run as root), idempotently:
# system packages (fonts, WeasyPrint's libraries, TeX Live, LibreOffice, Chromium, poppler)
# and a virtual environment in .venv with cvgen installed.
#   bash scripts/setup.sh          # runtime: render every format
#   bash scripts/setup.sh --dev    # plus what the test suite needs
# A second run finds everything in place and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

APT_PACKAGES=(
  # WeasyPrint's native libraries; harfbuzz-subset makes font subsetting fast and deterministic.
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo libopenjp2-7 libffi-dev
  # Cairo, for CairoSVG: an SVG photo is rasterised for Word.
  libcairo2
  # Fonts: TeX Gyre Termes (classic theme), Noto (modern theme, wide coverage), Noto CJK for CJK names.
  # The languages of docs/languages.md: fonts-noto-core also holds Noto Naskh/Sans Arabic (Arabic,
  # Persian), Noto Serif/Sans Hebrew and Noto Serif/Sans Devanagari (Hindi); fonts-noto-cjk the
  # regional Chinese (SC, TC), Japanese and Korean forms.
  fonts-texgyre fonts-noto-core fonts-noto-cjk fonts-dejavu-core fontconfig
  # LaTeX output compiled on request (xelatex, lualatex, pdflatex) with stock packages only.
  # texlive-latex-base brings babel and its locale files (\babelprovide for every language, the
  # bidi support of Arabic, Hebrew and Persian); no texlive-lang-* package is needed, as cvgen's
  # LaTeX themes do not hyphenate.
  texlive-latex-base texlive-latex-recommended texlive-fonts-recommended texlive-xetex texlive-luatex lmodern
  # pdftotext/pdftoppm: reading PDFs back.
  poppler-utils
  python3-venv
)
if [ "$DEV" = 1 ]; then
  APT_PACKAGES+=(
    # The DOCX output is opened by LibreOffice in the tests; the HTML by headless Chromium.
    libreoffice-writer-nogui chromium
  )
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ "$DEV" = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
echo "setup: ready (.venv/bin/cvgen)"

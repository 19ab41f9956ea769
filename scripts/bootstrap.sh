#!/usr/bin/env bash
# Set clausepress up on a Debian-like machine, idempotently, then build or test.
#
#   bash scripts/bootstrap.sh build   # set up, then build every content/*.yaml into output/
#   bash scripts/bootstrap.sh test    # set up with the test tools, then run the tests
#   bash scripts/bootstrap.sh setup   # set up only (with the test tools)
#   bash scripts/bootstrap.sh bench   # set up with pandoc (benchmark only), then run bench/run.py
#   bash scripts/bootstrap.sh bench --volume   # ... then bench/volume.py (a volume of 100 documents)
#
# Installs Debian packages (fonts, HarfBuzz's subsetter, Java for EPUBCheck...) when missing,
# a virtual environment in .venv/ and clausepress into it. Runs again in seconds.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
task=${1:-build}
shift || true
case "$task" in build|test|setup|bench) ;; *) echo "usage: bash scripts/bootstrap.sh build|test|setup|bench [ARGS...]" >&2; exit 2;; esac

log() { printf '[bootstrap] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------
debs=(
  fonts-noto-core        # Noto Serif: Latin, Cyrillic, Greek; Noto Serif Armenian, Hebrew, Devanagari, Ethiopic...
  fonts-noto-cjk         # Noto Sans CJK: Chinese, Japanese, Korean
  libharfbuzz-subset0    # WeasyPrint subsets fonts with it
  libpango-1.0-0 libpangoft2-1.0-0 shared-mime-info
  poppler-utils          # pdftoppm, pdftotext: looking at what was built
)
if [ "$task" != build ]; then
  debs+=(qpdf)           # qpdf --check on the PDFs the tests build
  debs+=(fonts-dejavu-core fonts-liberation2)  # the tests lay pages out with only these fonts too
  debs+=(libjaxb-java)   # veraPDF (PDF/A, PDF/UA) needs JAXB beside its own libraries
  debs+=(chromium)       # Ace by DAISY checks EPUB accessibility in Debian's Chromium
  debs+=(libreoffice-writer-nogui pandoc)  # the import tests read files that LibreOffice and pandoc wrote
  debs+=(calibre xvfb xauth)  # a real e-book reader opens the EPUB (tests/render/test_reader.py)
  debs+=(tesseract-ocr tesseract-ocr-eng)  # clausepress import reads a scanned PDF through Tesseract (and its tests do)
  command -v java >/dev/null 2>&1 || debs+=(default-jre-headless)  # EPUBCheck and veraPDF run on Java
  command -v npm >/dev/null 2>&1 || debs+=(nodejs npm)             # Ace is installed with npm
fi
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python ----------------------------------------------------------------------------
python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "bootstrap: Python 3.11 or newer is needed ($python is $("$python" -V 2>&1))" >&2; exit 1; }
[ -x .venv/bin/python ] || { log "creating .venv"; "$python" -m venv .venv; }
extra=""; [ "$task" = build ] || extra="[test,cluster]"; [ "$task" = bench ] && extra="[test,cluster,bench]"
stamp=".venv/.clausepress-installed"
want="$(sha256sum pyproject.toml | cut -c1-16) $extra"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] && ! grep -qxF "$want" "$stamp" 2>/dev/null; then
  log "installing clausepress$extra into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra"
  echo "$want" > "$stamp"
fi

# --- the task --------------------------------------------------------------------------
case "$task" in
  build) exec .venv/bin/clausepress build --variant screen,print,archival "$@" ;;
  test)  exec .venv/bin/python -m pytest "$@" ;;
  bench) if [ "${1:-}" = --volume ]; then shift; exec .venv/bin/python bench/volume.py "$@"; fi
         exec .venv/bin/python bench/run.py "$@" ;;
  setup) log "ready: .venv/bin/clausepress" ;;
esac

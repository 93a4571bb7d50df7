#!/usr/bin/env bash
# Installs the Debian packages handoutkit needs, only those missing (idempotent; quick when all are there).
#   fonts-noto-core fonts-noto-cjk   Arabic, Simplified Chinese (and Cyrillic, Greek) faces for the PDFs
#   fonts-sil-andika                 the Vietnamese face of the PDFs (the Latin one, Atkinson Hyperlegible Next,
#                                    comes from npm: scripts/install-fonts.sh)
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1   WeasyPrint's text stack
#   fontconfig                       fc-match, which the PDF exporter uses to find each language's fonts
#   gettext                          msgfmt --check on every catalog (tests)
#   poppler-utils                    pdftoppm/pdffonts for previews and checks
#   default-jre-headless             Java for EPUBCheck
#   chromium                         the browser DAISY Ace drives
#   pandoc                           the peer in the benchmarks
#   liblouis-bin liblouis-data       lou_translate and its tables, for the braille (BRF) exporter
#   nodejs npm                       to install DAISY Ace (only when npm is missing)
set -euo pipefail

packages=(fonts-noto-core fonts-noto-cjk fonts-sil-andika libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 fontconfig
          gettext poppler-utils chromium pandoc liblouis-bin liblouis-data)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || packages+=(python3-venv)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "error: these Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Installs the Latin face of the PDFs, Atkinson Hyperlegible Next (SIL OFL 1.1), regular and bold, from the
# npm package @expo-google-fonts/atkinson-hyperlegible-next (pinned, files checked by SHA-256) into
# /usr/local/share/fonts, where fontconfig and the build's job keys (handoutkit/keys.py) look. Idempotent.
set -euo pipefail

version=0.4.1
target=/usr/local/share/fonts/atkinson-hyperlegible-next
files=(
  "400Regular/AtkinsonHyperlegibleNext_400Regular.ttf 60f8c1a1b2e7da47ff7af95c3e5b5b1232ca5b3771e93eb587784f08fb1e6650"
  "700Bold/AtkinsonHyperlegibleNext_700Bold.ttf 4ba7415b7095e546720446b6d47daa95d6f482d9fd40c729793e21d67cc9f366"
)

installed=1
for entry in "${files[@]}"; do
  read -r path sum <<<"$entry"
  echo "$sum  $target/$(basename "$path")" | sha256sum --quiet -c - >/dev/null 2>&1 || installed=0
done
[[ $installed -eq 1 ]] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Installing Atkinson Hyperlegible Next $version (npm) into $target"
npm install --silent --no-audit --no-fund --prefix "$work" "@expo-google-fonts/atkinson-hyperlegible-next@$version" >/dev/null
package="$work/node_modules/@expo-google-fonts/atkinson-hyperlegible-next"
mkdir -p "$target"
for entry in "${files[@]}"; do
  read -r path sum <<<"$entry"
  echo "$sum  $package/$path" | sha256sum --quiet -c -
  install -m 644 -p "$package/$path" "$target/"
done
install -m 644 -p "$package/LICENSE_FONT" "$target/OFL.txt"
fc-cache -f "$target"

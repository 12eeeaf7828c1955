#!/usr/bin/env bash
# Renders the two pages ctlint writes and screenshots them with headless Chromium (Debian's package):
#   Docs/images/timeline.png  `ctlint timeline` of the reference study against its protocol file
#   Docs/images/report.png    `ctlint report` of a scan of Fixtures/corpus (or of the folders given
#                             with --scan: the README's picture is of `--scan ../shared/corpus`)
# then checks that neither screenshot is blank (Scripts/png-not-blank.py, standard library only).
#
# usage: Scripts/screenshots.sh [--scan DIR]... [--chromium PATH]   (default: Fixtures/corpus, /usr/bin/chromium)
# Needs Chromium only here: `swift test` never runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=/usr/bin/chromium
inputs=()
while (($#)); do
    case "$1" in
        --scan) inputs+=("$2"); shift 2 ;;
        --chromium) chromium="$2"; shift 2 ;;
        *) echo "usage: $0 [--scan DIR]... [--chromium PATH]" >&2; exit 2 ;;
    esac
done
((${#inputs[@]})) || inputs=(Fixtures/corpus)
[ -x "$chromium" ] || { echo "error: no Chromium at $chromium (apt-get install chromium)" >&2; exit 2; }

swift build --product ctlint >&2
ctlint="$(swift build --show-bin-path)/ctlint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$ctlint" timeline Fixtures/reference/NCT06813157.description-module.txt \
    --protocol Fixtures/reference/NCT06813157.protocol.yaml --html "$work/timeline.html"
# A scan exits 1 when a finding reaches --fail-on; without it, findings alone do not fail, so any
# non-zero status here is a real failure.
"$ctlint" scan "${inputs[@]}" --db "$work/scan.sqlite" --as-of 2025-12-01 > /dev/null 2> "$work/scan.log" \
    || { cat "$work/scan.log" >&2; exit 1; }
"$ctlint" report "$work/scan.sqlite" --html "$work/report.html"

mkdir -p Docs/images
shoot() { # page, output, width, height
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --screenshot="$2" --window-size="$3,$4" "file://$1" 2> "$work/chromium.log" \
        || { cat "$work/chromium.log" >&2; echo "error: Chromium failed on $1" >&2; exit 1; }
    [ -s "$2" ] || { cat "$work/chromium.log" >&2; echo "error: Chromium wrote no screenshot for $1" >&2; exit 1; }
}
shoot "$work/timeline.html" Docs/images/timeline.png 1040 900
shoot "$work/report.html" Docs/images/report.png 1280 1400

python3 Scripts/png-not-blank.py Docs/images/timeline.png Docs/images/report.png

#!/usr/bin/env bash
# Scores `ctlint extract` against the hand-annotated gold set (facts contract, "Scoring").
#
# usage: Scripts/score-gold.sh [SHARED_DIR] [score-facts.py options, e.g. --show-errors]
#
# SHARED_DIR is the project material folder (default: ../shared next to the package). Builds ctlint in
# release, runs `ctlint extract --format json` on the record file of every gold file (a gold `file` is
# relative to SHARED_DIR/corpus, or to SHARED_DIR for `reference/...`), writes the predictions to
# .build/gold/PRED.json and prints the score.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-$root/../shared}"
[ $# -gt 0 ] && shift
if [ ! -d "$shared/gold-dev" ]; then
    echo "score-gold.sh: $shared/gold-dev not found; pass the shared folder as the first argument" >&2
    exit 2
fi
shared="$(cd "$shared" && pwd)"

swift build -c release --product ctlint --package-path "$root" >&2
bin="$(swift build -c release --product ctlint --package-path "$root" --show-bin-path)/ctlint"

records=()
while IFS= read -r line; do records+=("$line"); done < <(python3 - "$shared" <<'PY'
import glob, json, os, sys
shared = sys.argv[1]
for path in sorted(glob.glob(os.path.join(shared, 'gold-dev', '*.gold.json'))):
    f = json.load(open(path, encoding='utf-8'))['file']
    print(os.path.join(shared, f) if f.startswith('reference/') else os.path.join(shared, 'corpus', f))
PY
)

mkdir -p "$root/.build/gold"
pred="$root/.build/gold/PRED.json"
status=0
"$bin" extract --format json "${records[@]}" > "$pred" || status=$?
if [ "$status" -ne 0 ]; then
    echo "score-gold.sh: ctlint extract exited $status (see the errors above); scoring what was read" >&2
fi
echo "predictions: $pred" >&2
python3 "$shared/tools/score-facts.py" --gold "$shared/gold-dev" --pred "$pred" "$@"

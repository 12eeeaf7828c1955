#!/usr/bin/env bash
# Prints, as a Markdown table, how many findings each rule reports on a corpus of records, and on how
# many records: the registry and consistency rules (protocol rules need a protocol file, so they do not
# run here). Usage: Scripts/corpus-findings.sh [CORPUS_DIR] [AS_OF]
#   CORPUS_DIR  folder of record files (default: ../shared/corpus)
#   AS_OF       the day rules treat as today, yyyy-MM-dd (default: today), for reproducible figures
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus}"
as_of="${2:-$(date -u +%Y-%m-%d)}"
[ -d "$corpus" ] || { echo "error: no corpus folder at $corpus" >&2; exit 2; }

swift build --product ctlint >&2
ctlint="$(swift build --show-bin-path)/ctlint"
output="$(mktemp)"
errors="$(mktemp)"
trap 'rm -f "$output" "$errors"' EXIT

# Exit 1 means findings and 2 unreadable files; anything else (a crash) stops the script.
status=0
find "$corpus" -type f \( -name '*.json' -o -name '*.xml' -o -name '*.txt' \) -print0 | sort -z \
    | xargs -0 "$ctlint" check --format json --as-of "$as_of" >"$output" 2>"$errors" || status=$?
case "$status" in
    0 | 1 | 2 | 123) ;;  # xargs reports 123 when an invocation exited 1-125
    *) echo "error: ctlint failed with status $status" >&2; cat "$errors" >&2; exit 1 ;;
esac

python3 - "$output" "$errors" "$as_of" "$("$ctlint" rules)" <<'PY'
import json, sys
from collections import Counter, defaultdict

text = open(sys.argv[1], encoding="utf-8").read()
decoder, index, findings = json.JSONDecoder(), 0, []
while index < len(text):
    while index < len(text) and text[index].isspace():
        index += 1
    if index == len(text):
        break
    chunk, index = decoder.raw_decode(text, index)
    findings += chunk
unreadable = [line for line in open(sys.argv[2], encoding="utf-8") if ": error: " in line]
rules = [line.split()[:3] for line in sys.argv[4].splitlines() if line.strip()]

count = Counter(f["ruleId"] for f in findings)
records = defaultdict(set)
for f in findings:
    records[f["ruleId"]].add((f["file"], f["record"]))
print(f"Findings per rule (as of {sys.argv[3]}; {len(findings)} findings; {len(unreadable)} unreadable files or records):\n")
print("| rule | family | severity | findings | records |")
print("|---|---|---|---:|---:|")
for rule_id, family, severity in rules:
    if family != "protocol":
        print(f"| `{rule_id}` | {family} | {severity} | {count[rule_id]} | {len(records[rule_id])} |")
PY

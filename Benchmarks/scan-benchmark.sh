#!/usr/bin/env bash
# Compares `ctlint scan` (release build as installed, all cores, SQLite sink: full parse, extraction and validation)
# with the Python reference scanner on the benchmark corpus, as a folder and as a zip, and prints
# records/s, MB/s and peak memory for both, the speed ratio, and the projected time for the whole
# registry (600,000 studies, 10 GB).
#
#     Benchmarks/scan-benchmark.sh [--copies N] [--rounds R] [--jobs J] [--dir DIR]
#
# The corpus is built with ../shared/tools/make-bench-corpus.py into DIR (default: a temporary folder,
# removed at the end; a DIR given is kept, and its corpus reused when it is there). Both tools run
# back to back, R times each (default 5), and every run is printed with the load average at its start,
# since other processes on a shared machine change the figures (single rounds by up to 30 %, the first
# ones after a build most); the summary uses each tool's fastest run.
set -euo pipefail
cd "$(dirname "$0")/.."

copies=20
rounds=5
jobs=$(nproc)
dir=""
while (($#)); do
    case "$1" in
        --copies) copies="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        *) echo "usage: $0 [--copies N] [--rounds R] [--jobs J] [--dir DIR]" >&2; exit 2 ;;
    esac
done

shared="$(cd .. && pwd)/shared"
[ -d "$shared/tools" ] || { echo "scan-benchmark: needs ../shared/tools (make-bench-corpus.py, reference-scan.py)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scan-benchmark: needs GNU time at /usr/bin/time for peak memory (apt-get install time)" >&2; exit 2; }

if [ -z "$dir" ]; then
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
folder="$dir/bench-$copies"
archive="$dir/bench-$copies.zip"
if [ ! -d "$folder" ]; then
    echo "building the corpus ($copies copies) in $folder" >&2
    python3 "$shared/tools/make-bench-corpus.py" "$folder" --copies "$copies" >&2
fi
if [ ! -f "$archive" ]; then
    python3 "$shared/tools/make-bench-corpus.py" "$archive" --copies "$copies" >&2
fi

# The build the README's Install section makes: Swift's runtime and libraries linked into the binary,
# and link-time optimisation across the modules (a few minutes longer to build).
build=(swift build -c release --static-swift-stdlib --experimental-lto-mode=full)
echo "building ctlint (${build[*]:1})" >&2
"${build[@]}" --product ctlint >&2
ctlint="$("${build[@]}" --show-bin-path)/ctlint"

bytes=$(find "$folder" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
files=$(find "$folder" -type f | wc -l)

# run NAME INPUT COMMAND...: runs under GNU time, prints one line of figures, and remembers the best.
declare -A best_seconds best_memory
run() {
    local name="$1" input="$2"
    shift 2
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    local log="$dir/time.log"
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$dir/stderr.log" || {
        local status=$?
        # ctlint exits 2 when some records cannot be read; anything else is a failed run.
        [ "$status" -eq 2 ] || { echo "$name failed ($status):" >&2; cat "$dir/stderr.log" >&2; exit 1; }
    }
    local wall rss seconds
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    seconds=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
    awk -v name="$name" -v input="$input" -v s="$seconds" -v b="$bytes" -v n="$files" -v m="$rss" -v load="$load" \
        'BEGIN { printf "  %-10s %-6s %7.2f s  %8.0f records/s  %7.1f MB/s  peak %6.0f MB  (load %s)\n", name, input, s, n / s, b / 1e6 / s, m / 1024, load }'
    local key="$name/$input"
    if [ -z "${best_seconds[$key]:-}" ] || awk -v a="$seconds" -v b="${best_seconds[$key]}" 'BEGIN { exit !(a < b) }'; then
        best_seconds[$key]=$seconds
        best_memory[$key]=$rss
    fi
}

echo "corpus: $files records, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; $jobs jobs; $(nproc) cores"
for input in folder zip; do
    path="$folder"
    [ "$input" = zip ] && path="$archive"
    for ((r = 1; r <= rounds; r++)); do
        run python "$input" python3 "$shared/tools/reference-scan.py" "$path" --out /dev/null --jobs "$jobs"
        rm -f "$dir/scan.sqlite"
        run ctlint "$input" "$ctlint" scan "$path" --db "$dir/scan.sqlite" --jobs "$jobs"
    done
done
records=$(sqlite3 "$dir/scan.sqlite" 'SELECT records || " records, " || failures || " failures, " || facts || " facts, " || (errors + warnings + notes) || " findings" FROM scans' 2>/dev/null || true)
[ -n "$records" ] && echo "last ctlint scan: $records"

echo "best runs:"
for input in folder zip; do
    p="${best_seconds[python/$input]}"
    c="${best_seconds[ctlint/$input]}"
    awk -v input="$input" -v p="$p" -v c="$c" -v b="$bytes" -v n="$files" -v pm="${best_memory[python/$input]}" -v cm="${best_memory[ctlint/$input]}" 'BEGIN {
        printf "  %-6s python %6.0f records/s %6.1f MB/s peak %4.0f MB | ctlint %6.0f records/s %6.1f MB/s peak %4.0f MB | ctlint is %.2fx as fast\n",
            input, n / p, b / 1e6 / p, pm / 1024, n / c, b / 1e6 / c, cm / 1024, p / c
        printf "         whole registry (600,000 studies, 10 GB): python %.0f min by records, %.0f min by bytes; ctlint %.0f min by records, %.0f min by bytes\n",
            600000 / (n / p) / 60, 10e9 / (b / p) / 60, 600000 / (n / c) / 60, 10e9 / (b / c) / 60
    }'
done

#!/usr/bin/env bash
# bench/run.sh — run each benchmark on gilpy and CPython side by side.
# Prints per benchmark both medians (of RUNS runs) and python3/gilpy;
# then the geometric mean of the ratios (> 1 means gilpy is faster).
set -u
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PY=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
GILPY=${GILPY:-./gilpy}
benches=${*:-$(ls bench/*.py | grep -v -e '/_' -e '/report_')}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timeit() {  # $1 interpreter, $2 script -> seconds of one run, or "fail"
    local s e
    s=$(date +%s.%N)
    "$1" "$2" > /dev/null 2>&1 || { echo fail; return; }
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN {printf "%.4f\n", e - s}' 
}
printf '%-22s %10s %10s %8s\n' benchmark python3_s gilpy_s ratio
logsum=0; n=0
for b in $benches; do
    pt=(); gt=()
    for ((i = 0; i < RUNS; i++)); do pt+=("$(timeit "$PY" "$b")"); gt+=("$(timeit "$GILPY" "$b")"); done
    if printf '%s\n' "${gt[@]}" | grep -q fail; then
        printf '%-22s %10s %10s %8s\n' "$(basename "$b" .py)" "-" "FAIL" "-"; continue
    fi
    pm=$(printf '%s\n' "${pt[@]}" | median); gm=$(printf '%s\n' "${gt[@]}" | median)
    ratio=$(awk -v p="$pm" -v g="$gm" 'BEGIN {printf "%.4f", p / g}')
    printf '%-22s %10.3f %10.3f %8.2f\n' "$(basename "$b" .py)" "$pm" "$gm" "$ratio"
    logsum=$(awk -v l="$logsum" -v r="$ratio" 'BEGIN {printf "%.6f", l + log(r)}'); n=$((n + 1))
done
[ $n -gt 0 ] && awk -v l="$logsum" -v n="$n" 'BEGIN {printf "geometric mean python3/gilpy: %.2f\n", exp(l / n)}'

# Reports: scripts that print their own measurements, run once on each.
for r in bench/report_*.py; do
    [ -f "$r" ] || continue
    echo
    echo "== $(basename "$r" .py) on python3"; "$PY" "$r"
    echo "== $(basename "$r" .py) on gilpy";  "$GILPY" "$r"
done

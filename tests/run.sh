#!/usr/bin/env bash
# tests/run.sh — the test runner.
#   tests/run.sh BINARY [DIR...]     run the scripts under DIR (default tests/)
#   tests/run.sh --expected [DIR...] regenerate .exp files with python3
#
# A test is a .py file with a .exp file beside it.  The expected text is the
# script's stdout, followed (when the exit status is not 0) by a line
# "[exit N] <last line of stderr>".  A script whose first lines contain
# "# check: stderr" has its whole stderr appended instead (after a line
# "--- stderr ---").  Scripts run from the repository root with stdin from
# /dev/null, or from FILE.stdin when it exists; FILE.args holds extra
# command-line arguments.  Scripts whose name starts with "_" are helpers.
# An executable X.sh under a test folder is a scenario (REPL sessions in a
# terminal, command-line checks): run from the repository root with GILPY
# naming the binary; exit status 0 is a pass.
set -u
cd "$(dirname "$0")/.."

mode=run
if [ "${1:-}" = "--expected" ]; then mode=expected; shift; bin=$(python3 -c 'import sys; print(sys.executable)'); else bin=${1:-./gilpy}; shift || true; fi
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=(tests)
timeout_s=${GILPY_TEST_TIMEOUT:-30}
# The expected files were made with unbuffered standard streams (the order in
# which parent and child processes print depends on it): same for every run.
export PYTHONUNBUFFERED=1

outcome() {  # $1 binary, $2 script -> the text to compare, on stdout
    local bin=$1 t=$2 out err rc args=() input=/dev/null
    [ -f "${t%.py}.args" ] && read -r -a args < "${t%.py}.args"
    [ -f "${t%.py}.stdin" ] && input="${t%.py}.stdin"
    err=$(mktemp)
    timeout "$timeout_s" "$bin" "$t" "${args[@]}" < "$input" 2> "$err"
    rc=$?
    if head -n 5 "$t" | grep -q '^# check: stderr'; then
        echo "--- stderr ---"; cat "$err"
        [ $rc -ne 0 ] && echo "[exit $rc]"
    elif [ $rc -ne 0 ]; then
        echo "[exit $rc] $(grep -v '^\s*$' "$err" | tail -n 1)"
    fi
    rm -f "$err"
}
# Paths in tracebacks are absolute: show them relative to the repository root
# so expected files do not depend on where the checkout lives.
outcome_rel() { outcome "$@" | sed "s|$PWD/||g"; }
export timeout_s

tests=$(find "${dirs[@]}" -name '*.py' ! -name '_*' | sort)
if [ $mode = expected ]; then
    for t in $tests; do
        case "$t" in *.gilpy.py) continue;; esac   # gilpy-only: hand-checked .exp
        [ -f "${t%.py}.gilpy-exp" ] && continue
        outcome_rel "$bin" "$t" > "${t%.py}.exp"
    done
    echo "regenerated $(echo "$tests" | wc -w) expected files"
    exit 0
fi

pass=0; fail=0; failed=()
for t in $tests; do
    exp="${t%.py}.exp"
    [ -f "$exp" ] || continue
    if diff -u "$exp" <(outcome_rel "$bin" "$t") > /tmp/gilpy-test-diff.$$ 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed+=("$t")
        if [ -n "${VERBOSE:-}" ]; then head -n 40 /tmp/gilpy-test-diff.$$; fi
    fi
done
for t in $(find "${dirs[@]}" -name '*.sh' ! -name '_*' ! -name run.sh -perm -u+x | sort); do
    if GILPY="$bin" timeout $((timeout_s * 4)) "$t" < /dev/null > /tmp/gilpy-test-diff.$$ 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed+=("$t")
        if [ -n "${VERBOSE:-}" ]; then head -n 40 /tmp/gilpy-test-diff.$$; fi
    fi
done
rm -f /tmp/gilpy-test-diff.$$
for t in "${failed[@]}"; do echo "FAIL $t"; done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

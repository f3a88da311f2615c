# tests/cli/_lib.sh — command-line checks: run gilpy, compare its output.
#
#   expect STATUS ARG... <<EOF   stdout and stderr together (2>&1) must equal
#   text                         the text and the exit status STATUS; stdin
#   EOF                          is $STDIN (default /dev/null)
#   finish                       exit 0 if every check passed
# Runs in a private temp dir ($T_DIR, also the current directory), with
# PYTHONUNBUFFERED unset.  GILPY (default ./gilpy, from the repo root)
# names the binary.  Expected texts are python3's, with "python3" (the
# program name) replaced by "gilpy".
set -u
GILPY=${GILPY:-./gilpy}
case $GILPY in /*) ;; *) GILPY=$PWD/$GILPY ;; esac
T_DIR=$(cd "$(mktemp -d)" && pwd -P)
T_FAIL=0
trap 'rm -rf "$T_DIR"' EXIT
unset PYTHONUNBUFFERED
cd "$T_DIR" || exit 1

expect() {
    local want_status=$1 got status
    shift
    local want
    want=$(cat)
    got=$("$GILPY" "$@" < "${STDIN:-/dev/null}" 2>&1)
    status=$?
    if [ "$got" != "$want" ] || [ "$status" != "$want_status" ]; then
        echo "FAIL: gilpy $* (status $status, expected $want_status)"
        diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got")
        T_FAIL=1
    fi
}

finish() { exit $T_FAIL; }

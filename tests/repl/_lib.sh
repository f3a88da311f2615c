# tests/repl/_lib.sh — drive the gilpy REPL in a real terminal (tmux).
#
# A scenario sources this file, then:
#   start [gilpy options]      gilpy in a fresh 100x50 tmux pane, HOME and
#                              GILPY_HISTFILE in a private temp dir
#   line 'text'                type a line + Enter, wait for the next prompt
#   keys K...                  tmux send-keys (Tab, C-c, Up, C-d ...), no wait
#   type 'text'                literal text, no Enter, no wait
#   wait_for REGEX             until the screen matches (grep -E), or fail
#   wait_prompt                until the last non-blank line is a prompt
#   wait_exit                  until gilpy has exited
#   expect_screen <<'EOF'      the screen (trailing blanks trimmed) must
#   ...                        equal the text; on mismatch print a diff, fail
#   finish                     end the session; exit 0 if every check passed
# A private tmux server (-L) keeps tests away from the user's sessions.
# GILPY (default ./gilpy) names the binary; scenarios run from the repo root.
set -u
GILPY=${GILPY:-./gilpy}
case $GILPY in /*) ;; *) GILPY=$PWD/$GILPY ;; esac
T_DIR=$(mktemp -d)
T_SOCK=gilpy-test-$$
T_FAIL=0
T_SESSION=s
t_tmux() { tmux -L "$T_SOCK" -f /dev/null "$@"; }
t_cleanup() { t_tmux kill-server 2>/dev/null; rm -rf "$T_DIR"; }
trap t_cleanup EXIT

command -v tmux >/dev/null || { echo "tmux is not installed"; exit 1; }

screen() {   # the pane's text, trailing blank lines and tmux's notes removed
    t_tmux capture-pane -p -S - -E - -t "$T_SESSION" 2>/dev/null |
        sed -e '/^Pane is dead/d' -e 's/[[:space:]]*$//' |
        sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}'
}

fail() { echo "FAIL: $*"; echo "--- screen ---"; screen; T_FAIL=1; }

start() {
    t_tmux kill-session -t "$T_SESSION" 2>/dev/null
    rm -f "$T_DIR/status"
    # bash keeps the status (tmux's own #{pane_dead_status} is not always
    # there in time); a bash parent also leaves Ctrl-C to gilpy.
    cat > "$T_DIR/run" <<RUN
cd '$PWD' || exit 99
env -u PYTHONUNBUFFERED HOME='$T_DIR' GILPY_HISTFILE='${T_HIST-$T_DIR/history}' ${T_ENV:-} '$GILPY' $*
echo \$? > '$T_DIR/status'
RUN
    t_tmux new-session -d -s "$T_SESSION" -x 100 -y 50 "bash '$T_DIR/run'"
    t_tmux set-option -t "$T_SESSION" remain-on-exit on >/dev/null
    wait_prompt
}

# The screen matches REGEX within ~10 s.
wait_for() {
    local i
    for i in $(seq 200); do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.05
    done
    fail "timed out waiting for /$1/"
    return 1
}

prompt_count() { screen | grep -Ec '^(>>>|\.\.\.)( |$)'; }

wait_prompt() {
    local i
    for i in $(seq 200); do
        [ "$(screen | tail -n 1 | grep -Ec '^(>>>|\.\.\.)( |$)')" = 1 ] && return 0
        sleep 0.05
    done
    fail "timed out waiting for a prompt"
    return 1
}

line() {
    local n i
    n=$(prompt_count)
    t_tmux send-keys -t "$T_SESSION" -l -- "$1"
    t_tmux send-keys -t "$T_SESSION" Enter
    for i in $(seq 200); do
        [ "$(prompt_count)" -gt "$n" ] && break
        sleep 0.05
    done
    wait_prompt
}

keys() { t_tmux send-keys -t "$T_SESSION" "$@"; sleep 0.2; }
type() { t_tmux send-keys -t "$T_SESSION" -l -- "$1"; sleep 0.2; }

wait_exit() {
    local i
    for i in $(seq 200); do
        [ -s "$T_DIR/status" ] && return 0
        sleep 0.05
    done
    fail "gilpy did not exit"
    return 1
}

exit_status() {   # gilpy's exit status ("0", "3"; 130 after a SIGINT death)
    local i
    for i in $(seq 40); do
        [ -s "$T_DIR/status" ] && { cat "$T_DIR/status"; return; }
        sleep 0.05
    done
    echo "none"
}

expect_screen() {
    local want
    want=$(cat)
    if ! diff -u <(printf '%s\n' "$want") <(screen) > "$T_DIR/diff"; then
        echo "FAIL: screen differs (- expected, + got)"; cat "$T_DIR/diff"; T_FAIL=1
    fi
}

finish() {
    t_tmux kill-session -t "$T_SESSION" 2>/dev/null
    exit $T_FAIL
}

#!/usr/bin/env bash
# Options and their errors, as python3 words them: unknown options, options
# missing their argument (usage + "Try `gilpy -h'", status 2), -V, -h (every
# option listed), -X values gilpy checks, -q/-u/-E... accepted.
. "$(dirname "$0")/_lib.sh"
USAGE='usage: gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...'
TRY="Try \`gilpy -h' for more information."
expect 2 -z <<EOF
Unknown option: -z
$USAGE
$TRY
EOF
expect 2 -qz <<EOF
Unknown option: -z
$USAGE
$TRY
EOF
expect 2 --frobnicate <<EOF
unknown option --frobnicate
$USAGE
$TRY
EOF
for o in -c -m -X -W; do
expect 2 $o <<EOF
Argument expected for the $o option
$USAGE
$TRY
EOF
done
expect 0 -V <<'EOF'
gilpy 0.1.0 (Python 3.11 compatible)
EOF
expect 0 --version <<'EOF'
gilpy 0.1.0 (Python 3.11 compatible)
EOF
# options after the program belong to the program
expect 0 -c 'import sys; print(sys.argv)' -z --frobnicate <<'EOF'
['-c', '-z', '--frobnicate']
EOF
# -h lists every option
for h in -h --help '-?'; do
    out=$("$GILPY" $h 2>&1) || { echo "FAIL: $h status $?"; T_FAIL=1; }
    for opt in '^usage: gilpy ' '^-c cmd' '^-m mod' '^-i ' '^-q ' '^-u ' '^-E ' '^-V ' '^-h ' \
               '^-W arg' '^-X opt' 'switchinterval=S' 'gil=POLICY' 'checkinterval=N' \
               ' gilstats ' 'giltrace=FILE' 'gilchecks=every' '^--dis ' '^file ' '^- ' \
               '^arg \.\.\.' 'GILPY_HISTFILE'; do
        grep -Eq -- "$opt" <<< "$out" || { echo "FAIL: gilpy $h does not mention /$opt/"; T_FAIL=1; }
    done
done
# -X values
expect 0 -X switchinterval=0.02 -c 'import sys; print(sys.getswitchinterval())' <<'EOF'
0.02
EOF
expect 2 -X switchinterval=abc -c pass <<'EOF'
gilpy: -X switchinterval: invalid value 'abc' (seconds > 0)
EOF
expect 2 -X switchinterval=0 -c pass <<'EOF'
gilpy: -X switchinterval: invalid value '0' (seconds > 0)
EOF
expect 0 -X gil=fifo -c 'import gil; print(gil.policy())' <<'EOF'
fifo
EOF
expect 2 -X gil=nope -c pass <<'EOF'
gilpy: unknown GIL policy 'nope' (valid: interval, ticks, fifo, priority)
EOF
expect 2 -X gilchecks=bad -c pass <<'EOF'
gilpy: -X gilchecks: 'bad' is neither 'every' nor 'default'
EOF
expect 0 -X gilchecks=every -X foo -X bar=1 -c 'import sys; print(sys._xoptions)' <<'EOF'
{'gilchecks': 'every', 'foo': True, 'bar': '1'}
EOF
# compatibility flags are accepted; -q and -u show in sys.flags / the streams
expect 0 -B -s -S -O -I -P -b -d -v -E -W ignore -c 'print("ok")' <<'EOF'
ok
EOF
expect 0 -q -c 'import sys; print(sys.flags.quiet)' <<'EOF'
1
EOF
expect 0 -u -c 'import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)' <<'EOF'
FileIO True
EOF
expect 0 -c 'import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)' <<'EOF'
BufferedWriter False
EOF
finish

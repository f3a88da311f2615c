#!/usr/bin/env bash
# The program forms and sys.argv for each (as python3 builds it): -c, -m,
# a script, a directory with __main__.py, "-" and a piped stdin, "--";
# missing files and modules; exit statuses; -i after a program and on a
# piped stdin (the >>> loop without a terminal: prompts on stderr).
. "$(dirname "$0")/_lib.sh"
echo 'import sys; print(sys.argv)' > argv.py
mkdir -p app && echo 'import sys; print("main of app", sys.argv)' > app/__main__.py
echo 'import sys; print(__name__, sys.argv)' > mod_argv.py
expect 0 -c 'import sys; print(sys.argv)' a -b --c <<'EOF'
['-c', 'a', '-b', '--c']
EOF
expect 0 -c 'import sys; print(sys.argv)' <<'EOF'
['-c']
EOF
expect 0 argv.py x -c y <<'EOF'
['argv.py', 'x', '-c', 'y']
EOF
expect 0 "$T_DIR/argv.py" <<EOF
['$T_DIR/argv.py']
EOF
expect 0 -- argv.py -V <<'EOF'
['argv.py', '-V']
EOF
expect 0 -m mod_argv 1 2 <<EOF
__main__ ['$T_DIR/mod_argv.py', '1', '2']
EOF
expect 0 app z <<'EOF'
main of app ['app', 'z']
EOF
STDIN=argv.py expect 0 - p q <<'EOF'
['-', 'p', 'q']
EOF
STDIN=argv.py expect 0 <<'EOF'
['']
EOF
# errors
expect 2 missing.py <<EOF
gilpy: can't open file '$T_DIR/missing.py': [Errno 2] No such file or directory
EOF
expect 2 "$T_DIR/nodir/x.py" a b <<EOF
gilpy: can't open file '$T_DIR/nodir/x.py': [Errno 2] No such file or directory
EOF
expect 1 -m no_such_module <<'EOF'
gilpy: No module named no_such_module
EOF
expect 3 -c 'import sys; sys.exit(3)' <<'EOF'
EOF
expect 1 -c 'import sys; sys.exit("bye")' <<'EOF'
bye
EOF
expect 1 -c '1/0' <<'EOF'
Traceback (most recent call last):
  File "<string>", line 1, in <module>
ZeroDivisionError: division by zero
EOF
# a piped program runs whole, no prompts, values not echoed
printf 'x = 6 * 7\nx\nprint(x)\n' > prog.txt
STDIN=prog.txt expect 0 <<'EOF'
42
EOF
# -i: the >>> loop after the program, on a pipe too (prompts on stderr;
# values echoed; EOF ends the prompt's line)
printf 'x\nx + 1\n' > session.txt
STDIN=session.txt expect 0 -i -c 'x = 41' <<'EOF'
>>> 41
>>> 42
>>> 
EOF
printf 'def f():\n    return 1\n\nf()\n1/0\nexit(4)\n' > session2.txt
STDIN=session2.txt expect 4 -q -i <<'EOF'
>>> ... ... >>> 1
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
ZeroDivisionError: division by zero
>>> 
EOF
STDIN=session.txt expect 0 -i -c 'x = 1/0' <<'EOF'
Traceback (most recent call last):
  File "<string>", line 1, in <module>
ZeroDivisionError: division by zero
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
NameError: name 'x' is not defined
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
NameError: name 'x' is not defined
>>> 
EOF
# the process ends by SIGINT only if the session's last input was interrupted
printf 'raise KeyboardInterrupt\n' > ki.txt
STDIN=ki.txt expect 130 -q -i <<'EOF'
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
KeyboardInterrupt
>>> 
EOF
printf 'raise KeyboardInterrupt\n\n' > ki2.txt
STDIN=ki2.txt expect 0 -q -i <<'EOF'
>>> Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
KeyboardInterrupt
>>> >>> 
EOF
expect 0 -i -c 'raise KeyboardInterrupt' <<'EOF'
Traceback (most recent call last):
  File "<string>", line 1, in <module>
KeyboardInterrupt
>>> 
EOF
finish

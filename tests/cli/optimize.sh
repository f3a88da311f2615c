#!/usr/bin/env bash
# -O, -OO and PYTHONOPTIMIZE: __debug__ False and no asserts; -OO also no
# docstrings (the program is tests/compiler/optimize_levels.py).
PROG=$(cd "$(dirname "$0")/../compiler" && pwd)/optimize_levels.py
. "$(dirname "$0")/_lib.sh"
expect 0 -O "$PROG" <<'EOF'
False 1 module doc fdoc cdoc mdoc ('fdoc', 1)
assert skipped
-1 d gd False skipped
0 d gd True raised
1 d gd False skipped
2 None None False skipped
False
EOF
expect 0 -OO "$PROG" <<'EOF'
False 2 None None None None (None, 1)
assert skipped
-1 None None False skipped
0 d gd True raised
1 d gd False skipped
2 None None False skipped
False
EOF
PYTHONOPTIMIZE=2 expect 0 "$PROG" <<'EOF'
False 2 None None None None (None, 1)
assert skipped
-1 None None False skipped
0 d gd True raised
1 d gd False skipped
2 None None False skipped
False
EOF
PYTHONOPTIMIZE=1 expect 0 -E "$PROG" <<'EOF'
True 0 module doc fdoc cdoc mdoc ('fdoc', 1)
assert raised boom
debug block
-1 d gd True raised
0 d gd True raised
1 d gd False skipped
2 None None False skipped
True
EOF
finish

# check: stderr
# How SyntaxErrors are displayed (CPython 3.11's print_error_text): leading
# blanks stripped with the offset, no caret left of the text, one caret for
# subclasses (IndentationError, TabError), text of compiler errors read back
# from the file (none for code compiled from a string).
import sys

def show(e):
    sys.excepthook(type(e), e, None)

cases = [
    (2, 1, "return 1\n", 2, 7), (2, 5, "    return 1\n", 2, 9), (2, 5, "    return 1\n", 2, 30),
    (2, 1, "return 1\n", 3, 7), (2, 3, "return 1\n", 2, 1), (2, 20, "return 1\n", 2, 25),
    (2, 0, "return 1\n", 2, 3), (2, None, "return 1\n", 2, 3), (2, 3, "ab\ncd\nef\n", 2, 5),
    (2, 5, "ab\ncd\nef\n", 2, 7), (2, 2, "  \tx y\n", 2, 5), (2, 1, "", 2, 1),
    (None, 1, "x\n", None, 1), (2, 3, "x = 1", 4, 1), (2, "1", "x\n", 2, 2),
]
for cls in (SyntaxError, IndentationError, TabError):
    for c in cases:
        try:
            raise cls('msg', ('f.py',) + c)
        except SyntaxError as e:
            show(e)
try:
    raise SyntaxError('msg', (None, 2, 1, "x\n"))
except SyntaxError as e:
    show(e)

sources = [
    "def f():\nreturn 1\n",
    "if True:\n    x = 1\n      y = 2\n",
    "if True:\n\tx = 1\n        y = 2\n",
    "    x = 1 +\n",
    "def f():\n    x = (1,\n    2\n",
    "yield 1\n",
    "def f():\n    x = 1\n    nonlocal x\n",
    "class A:\n    def f(self):\n        return 1 = 2\n",
    "x = 'abc\n",
    "def f():\n    break\n",
    "def f(a, a): pass\n",
    "if x:\n    pass\n  else:\n    pass\n",
    "f(**x, *y)\n",
    "while True:\n    if x:\n    y = 1\n",
    "\u00e9 = 1; yield 2\n",
]
for src in sources:
    for how in (compile, exec):
        try:
            if how is compile:
                compile(src, "<string>", "exec")
            else:
                exec(src)
        except SyntaxError as e:
            show(e)
# a compiler error's text comes from the file it names
try:
    compile("x = 1\nyield 2\n", "tests/errors/syntax_display.py", "exec")
except SyntaxError as e:
    show(e)

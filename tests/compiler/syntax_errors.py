# Compiler: SyntaxErrors of the symbol table and code generator, with positions.
srcs = ["return 1\n", "x = 1\nyield x\n", "break\n", "continue\n", "nonlocal x\n",
"def f():\n    nonlocal x\n", "def f():\n    x = 1\n    global x\n", "def f():\n    print(x)\n    global x\n",
"def f(x):\n    global x\n", "def f(x, x): pass\n", "def f(a, *, a): pass\n", "f(a=1, a=2)\n", "class C:\n    return 3\n",
"def f():\n    class C:\n        yield 1\n", "[(yield 1) for x in y]\n", "def f():\n  from m import *\n", "await x\n", "def f():\n  await x\n",
"*a = 1\n", "a, *b, *c = d\n", "print(*a) if *b else 1\n", "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n",
"class C:\n  [(y := 1) for x in z]\n", "[x := 1 for x in y]\n", "def f(x):\n  nonlocal x\n", "for x in y:\n  def f():\n    break\n",
"while 1:\n  try:\n    pass\n  finally:\n    continue\n","x: int = 1\nglobal x\n", "def f():\n  x = 1\n  nonlocal x\n"]
for s in srcs:
    try:
        compile(s, "f.py", "exec")
        print(repr(s), "OK")
    except SyntaxError as e:
        print(repr(s), "->", repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)

# Compiler: the single (REPL) and eval modes.
exec(compile("1+1\n", "<s>", "single"))
exec(compile("for i in range(2): i\n", "<s>", "single"))
exec(compile("x = 5\n", "<s>", "single"))
exec(compile("None\n", "<s>", "single"))
exec(compile("'doc'\n", "<s>", "single"))
exec(compile("def f():\n  3\n  return 4\n\n", "<s>", "single"))
exec(compile("f()\n", "<s>", "single"))
print(eval(compile("x * 2", "<e>", "eval")))

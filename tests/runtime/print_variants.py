import sys
print("a", "b", sep="", end="|\n")
print("x", 1, None, 2.5, [1, "s"], (1,), {"k": "v"}, sep=", ")
print()
print(sep="-")
print("no newline", end="")
print(" continued")
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
class S:
    def __str__(self): return "S-str"
    def __repr__(self): return "S-repr"
print(S(), [S()], sep=" / ")
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("to", "object", file=w, end="!")
print(w.parts)
print("中文", "emoji ✓", 'quote"s', "tab\there")
print(1, 2, sep=None, end=None)
sys.stdout.write("direct write\n")
print(sys.stdout.write("abc"), flush=True)

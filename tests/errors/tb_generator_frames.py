# check: stderr
# A generator frame and a lambda in the traceback; an error in a
# comprehension; a multi-line call.
def gen(items):
    for it in items:
        yield 10 // it
squares = [n * n for n in range(3)]
total = sum(
    gen([1, 2, 0]),
)

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter(); c(); c(); print(c())
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in make_adders()])
total = 0
def add(n):
    global total
    total += n
add(5); add(7); print(total)
def outer():
    x = 'outer'
    def middle():
        def inner():
            return x
        return inner
    return middle()()
print(outer())
def cell_arg(v):
    def get():
        return v
    v = v * 2
    return get
print(cell_arg(21)())
print(c.__name__, c.__qualname__, counter.__name__)

# closures, nonlocal and global edge cases
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter()
inc(); inc()
print(get(), inc.__closure__[0].cell_contents, inc.__code__.co_freevars)
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])
def outer():
    x = 'outer'
    def middle():
        def inner():
            nonlocal x
            x = 'changed by inner'
        inner()
        return x
    return middle(), x
print(outer())
g = 'global'
def read_global():
    return g
def shadow():
    g = 'local'
    return g
def set_global():
    global g
    g = 'set'
print(read_global(), shadow(), g)
set_global()
print(g)
def unbound():
    print(g)
    g = 1
try:
    unbound()
except UnboundLocalError as e:
    print('UnboundLocalError:', e)
def free_unbound():
    def inner():
        return y
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ':', e)
    y = 1
    return inner()
print(free_unbound())
def del_local():
    z = 1
    del z
    try:
        z
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)
del_local()
try:
    undefined_name
except NameError as e:
    print('NameError:', e)
def declare_global_new():
    global brand_new
    brand_new = 'created'
declare_global_new()
print(brand_new)
class C:
    x = 5
    y = [x for _ in range(2)] if False else None
    def m(self):
        return x
try:
    C().m()
except NameError as e:
    print('NameError:', e)
class D:
    a = 1
    b = a + 1
    c = (lambda a=a: a * 10)()
    try:
        d = [a for _ in range(1)]
    except NameError as e:
        d = str(e)
print(D.b, D.c, D.d)
x = 'module x'
class E:
    x = 'class x'
    def f(self):
        return x
    g = lambda self: x
print(E().f(), E().g())
def counter_gen():
    total = 0
    def add(n):
        nonlocal total
        total += n
        return total
    return add
a1, a2 = counter_gen(), counter_gen()
print(a1(5), a1(5), a2(1))
def closure_loop():
    res = []
    for i in range(3):
        def f():
            return i
        res.append(f)
    i = 99
    return [f() for f in res]
print(closure_loop())
def lambda_default_eval():
    n = 1
    f = lambda k=n: k
    n = 2
    return f(), (lambda: n)()
print(lambda_default_eval())
def comp_scope():
    x = 10
    return [x + i for i in range(3)], {i: x for i in range(2)}, list(x * j for j in range(2))
print(comp_scope())
[leak for leak in range(3)]
try:
    leak
except NameError as e:
    print('NameError:', e)
print((w := 5), w)
def walrus_in_comp():
    vals = [last := v for v in range(4)]
    return vals, last
print(walrus_in_comp())
def nested_global():
    def inner():
        global g2
        g2 = 'from inner'
    inner()
nested_global()
print(g2)
def f_locals():
    a = 1
    b = 2
    return sorted(locals())
print(f_locals())
exec('q = 5')
print(q)
def exec_local():
    ns = {}
    exec('r = 7', globals(), ns)
    return ns['r']
print(exec_local())
def deep():
    v = 0
    def l1():
        def l2():
            def l3():
                nonlocal v
                v += 1
            l3()
        l2()
    l1(); l1()
    return v
print(deep())

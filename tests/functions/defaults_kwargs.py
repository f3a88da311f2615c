def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, d=0))
def g(x, y, /, z, *, w):
    return x, y, z, w
print(g(1, 2, 3, w=4), g(1, 2, z=3, w=4))
def h(*args, **kwargs):
    return args, kwargs
print(h(), h(1, 2, a=3), h(*[1, 2], **{'k': 'v'}))
def defaults(items=[]):
    items.append(1)
    return items
print(defaults(), defaults())
args = (1, 2); kw = {'c': 3}
print(f(*args, **kw))
def daemonize(pidfile, *, stdin='/dev/null', stdout='/dev/null'):
    return pidfile, stdin, stdout
print(daemonize('/tmp/p', stdout='/tmp/o'))
print((lambda x, y=10: x + y)(1), (lambda *a: a)(1, 2), (lambda **k: k)(a=1))

def sub():
    x = yield 'a'
    print('sub got', x)
    y = yield 'b'
    print('sub got', y)
    return 'sub-result'
def delegator():
    r = yield from sub()
    print('delegator got', r)
    yield 'c'
g = delegator()
print(next(g)); print(g.send(1)); print(g.send(2))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], 'ab', range(2))))
def inner():
    try:
        yield 1
        yield 2
    except KeyError:
        print('inner caught KeyError')
        yield 'after'
    finally:
        print('inner finally')
def outer():
    yield from inner()
o = outer(); print(next(o)); print(o.throw(KeyError)); o.close()
def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))

print(eval('1 + 2 * 3'), eval('x * 2', {'x': 21}))
ns = {}
exec('y = 10\ndef f(a):\n    return a + y', ns)
print(ns['y'], ns['f'](5))
code = compile('3 ** 2', '<expr>', 'eval'); print(eval(code))
g = globals(); g['dynamic'] = 'set via globals'; print(dynamic)
def loc():
    a = 1; b = 2
    return sorted(locals().items())
print(loc())
try:
    eval('1 +')
except SyntaxError as e:
    print('SyntaxError', e.msg)

# typesys: messages of the type system (CPython 3.11 wording)
def mask(s):
    out = []
    i = 0
    while i < len(s):
        if s.startswith('0x', i) and i + 2 < len(s) and s[i + 2] in '0123456789abcdef':
            j = i + 2
            while j < len(s) and s[j] in '0123456789abcdef':
                j += 1
            if j - i > 6:
                out.append('0xADDR')
                i = j
                continue
        out.append(s[i])
        i += 1
    return ''.join(out)
def t(f):
    try:
        r = f()
        print("OK", mask(repr(r)))
    except BaseException as e:
        print(type(e).__name__ + ":", mask(str(e)))
t(lambda: NameError('x', name='y').name)
t(lambda: NameError('x', foo='y'))
t(lambda: ImportError('x', foo='y'))
t(lambda: AttributeError('x', name='n', obj=1).obj)
t(lambda: UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'invalid start byte'))
t(lambda: str(UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'invalid start byte')))
t(lambda: str(UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 2, 'bad')))
t(lambda: str(UnicodeEncodeError('ascii', '\xe9', 0, 1, 'ordinal not in range(128)')))
t(lambda: str(UnicodeEncodeError('ascii', 'a\u4e2d', 1, 2, 'ordinal not in range(128)')))
t(lambda: UnicodeDecodeError('utf-8'))
t(lambda: str(SyntaxError('bad', ('/a/b/f.py', 3, 4, 'x = ', 3, 5))))
t(lambda: str(SyntaxError('bad', (None, 3, 4, 'x = '))))
t(lambda: str(SyntaxError('bad')))
t(lambda: SyntaxError('bad', (1,)))
t(lambda: SyntaxError('bad', ('f', 1, 2, 'x', 1, 3)).end_offset)
t(lambda: OSError(2, 'x', 'f', None, 'g'))
t(lambda: str(OSError(2, 'x', 'f', None, 'g')))
t(lambda: OSError(2, 'x', 'f').args)
t(lambda: OSError(2, 'x', 'f').filename)
t(lambda: OSError('a').errno)
t(lambda: str(OSError(2)))
t(lambda: OSError(errno=2))
t(lambda: SystemExit(1,2).code)
t(lambda: SystemExit().code)
t(lambda: StopIteration(1,2).value)
t(lambda: ValueError(1).add_note(2))
t(lambda: ValueError(1).__notes__)
def f():
    e = ValueError(1); e.add_note("hi"); return e.__notes__
t(f)
t(lambda: ValueError(1).with_traceback(None))
t(lambda: ValueError(1).__reduce__())
t(lambda: setattr(ValueError(), '__cause__', 1))
t(lambda: setattr(ValueError(), '__traceback__', 1))
t(lambda: setattr(ValueError(), 'args', 1))
t(lambda: KeyError())
t(lambda: str(KeyError()))
t(lambda: str(KeyError(1,2)))
t(lambda: str(KeyError('a')))
t(lambda: repr(KeyError('a')))
t(lambda: ValueError.__doc__)
t(lambda: BaseException.__new__(ValueError, 1, 2).args)
t(lambda: ImportError('x', name='m').msg)
t(lambda: str(ImportError(name='m')))
t(lambda: ModuleNotFoundError("No module named 'x'", name='x'))
t(lambda: OSError(13, 'perm'))
t(lambda: OSError(11, 'again'))
t(lambda: ValueError(1) == ValueError(1))
t(lambda: ValueError('a', 2))
t(lambda: str(ValueError('a', 2)))
class MyErr(Exception):
    def __init__(self, code, msg):
        self.code = code
        self.msg = msg
t(lambda: MyErr(1, 'x'))
t(lambda: str(MyErr(1, 'x')))
t(lambda: MyErr(1, 'x').args)
class E2(ValueError):
    def __str__(self): return "custom"
t(lambda: str(E2('a')))
t(lambda: repr(E2('a')))
class E3(OSError): pass
t(lambda: E3(2, 'no'))
t(lambda: type(OSError(2, 'no')))
t(lambda: IOError is OSError)
t(lambda: E3.__mro__)
try:
    try:
        1/0
    except ZeroDivisionError as e:
        raise ValueError("v") from e
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
try:
    try:
        {}['k']
    except KeyError:
        raise TypeError("t")
except TypeError as e:
    print(repr(e.__context__), e.__suppress_context__, e.__cause__)
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.value, e.args)
e = Exception("x"); e.foo = 3; print(e.foo, e.__dict__)
print(issubclass(KeyError, LookupError), issubclass(FileNotFoundError, OSError), sorted(c.__name__ for c in BaseException.__subclasses__() if c.__name__ in ('Exception', 'SystemExit', 'KeyboardInterrupt', 'GeneratorExit')))
print(isinstance(ValueError(), Exception), ValueError.__bases__, ValueError.__base__)

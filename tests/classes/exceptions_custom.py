class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise DbError(42, 'db down')
except AppError as e:
    print(type(e).__name__, e, e.code, e.args, repr(e))
class Plain(Exception):
    def __init__(self, x):
        self.x = x
try:
    raise Plain(5)
except Plain as e:
    print(e.x, e.args, str(e))
print(issubclass(DbError, Exception), isinstance(DbError(1, 'm'), BaseException))
print(repr(ValueError('bad')), str(KeyError('k')), repr(KeyError('k')), str(Exception()), Exception('a', 1).args)
e = OSError(2, 'No such file or directory', 'x.txt'); print(e, type(e).__name__, e.errno, e.filename)
print(StopIteration(5).value, SystemExit(3).code)

# check: stderr
# A user exception with a custom __str__ and extra attributes, uncaught.
class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code
    def __str__(self):
        return 'application failed with code %d' % self.code
try:
    raise AppError(7)
except AppError as e:
    print(e, e.code, e.args, repr(e))
raise AppError(3)

"""Utilities for with-statement contexts.

contextmanager turns a generator into a context manager; closing,
suppress, nullcontext, redirect_stdout/redirect_stderr and ExitStack cover
the common cases without writing a class.
"""

import sys

__all__ = ['AbstractContextManager', 'ContextDecorator', 'ExitStack',
           'closing', 'contextmanager', 'nullcontext', 'redirect_stderr',
           'redirect_stdout', 'suppress']


class AbstractContextManager:
    """A base class for context managers: __enter__ returns self."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    """Base class for a context manager that can also decorate a function:
    the function body then runs inside the context."""

    def _recreate_cm(self):
        # A generator-based manager is single-use: each call needs a fresh one.
        return self

    def __call__(self, func):
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        for attr in ('__module__', '__name__', '__qualname__', '__doc__'):
            try:
                setattr(inner, attr, getattr(func, attr))
            except AttributeError:
                pass
        inner.__wrapped__ = func
        return inner


class _GeneratorContextManager(ContextDecorator, AbstractContextManager):
    """The context manager made by @contextmanager from a generator that
    yields exactly once."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        doc = getattr(func, '__doc__', None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        # the arguments are only needed to recreate the manager for a decorator
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            # a bare exception class was raised: make the instance now
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            # The generator swallowed the exception (return False so the
            # original propagates only if it was the StopIteration itself).
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                exc.__traceback__ = traceback
                return False
            # A StopIteration raised inside the with block comes back
            # wrapped in RuntimeError by the generator machinery.
            if isinstance(value, StopIteration) and exc.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            exc.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    """@contextmanager decorator.

        @contextmanager
        def opened(path):
            f = open(path)
            try:
                yield f
            finally:
                f.close()

    The code before the yield runs on entry, the yielded value is bound by
    `as`, and an exception from the with block is raised at the yield.
    """
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    for attr in ('__module__', '__name__', '__qualname__', '__doc__'):
        try:
            setattr(helper, attr, getattr(func, attr))
        except AttributeError:
            pass
    helper.__wrapped__ = func
    return helper


class closing(AbstractContextManager):
    """Context to automatically close something at the end of a block:

        with closing(<module>.open(<arguments>)) as f:
            <block>
    """

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    """Context manager that does no additional processing:

        cm = optional_cm if condition else nullcontext()
    """

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class _RedirectStream(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []  # a stack, so the manager is reentrant

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """Context manager for temporarily redirecting stdout to another file."""
    _stream = 'stdout'


class redirect_stderr(_RedirectStream):
    """Context manager for temporarily redirecting stderr to another file."""
    _stream = 'stderr'


class suppress(AbstractContextManager):
    """Context manager to suppress the specified exceptions:

        with suppress(FileNotFoundError):
            os.remove(somefile)
    """

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class ExitStack(AbstractContextManager):
    """Context manager for dynamic management of a stack of exit callbacks:

        with ExitStack() as stack:
            files = [stack.enter_context(open(name)) for name in names]

    On exit the callbacks run in reverse order; each sees the exception
    left by the previous ones, and may suppress it.
    """

    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        """Move all callbacks to a new ExitStack and return it."""
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new_stack

    def push(self, exit):
        """Register an __exit__-like callback (or an object with __exit__)."""
        exit_method = getattr(type(exit), '__exit__', None)
        if exit_method is None:
            self._exit_callbacks.append(exit)
        else:
            self._exit_callbacks.append(lambda *details: exit_method(exit, *details))
        return exit

    def enter_context(self, cm):
        """Enter the supplied context manager; its __exit__ joins the stack."""
        cls = type(cm)
        try:
            enter = cls.__enter__
            exit = cls.__exit__
        except AttributeError:
            raise TypeError("'%s.%s' object does not support the context manager protocol"
                            % (cls.__module__, cls.__qualname__)) from None
        result = enter(cm)
        self._exit_callbacks.append(lambda *details: exit(cm, *details))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Register an arbitrary callback and arguments (it cannot suppress)."""
        def wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        wrapper.__wrapped__ = callback
        self._exit_callbacks.append(wrapper)
        return callback

    def close(self):
        """Immediately unwind the context stack."""
        self.__exit__(None, None, None)

    def __exit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        # The exception being handled around us: a callback's exception gets
        # it as __context__ automatically, which we re-point to the
        # exception that callback actually replaced.
        frame_exc = sys.exc_info()[1]

        def fix_context(new_exc, old_exc):
            while True:
                ctx = new_exc.__context__
                if ctx is None or ctx is old_exc:
                    return
                if ctx is frame_exc:
                    break
                new_exc = ctx
            new_exc.__context__ = old_exc

        suppressed = False
        pending = False
        while self._exit_callbacks:
            cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed = True
                    pending = False
                    exc_details = (None, None, None)
            except BaseException:
                new_details = sys.exc_info()
                fix_context(new_details[1], exc_details[1])
                pending = True
                exc_details = new_details
        if pending:
            exc = exc_details[1]
            context = exc.__context__
            try:
                raise exc
            finally:
                exc.__context__ = context
        return received_exc and suppressed

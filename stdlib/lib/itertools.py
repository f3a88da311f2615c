"""Functions creating iterators for efficient looping.

Infinite: count, cycle, repeat.  Terminating on the shortest input:
accumulate, chain, compress, dropwhile, filterfalse, groupby, islice,
pairwise, starmap, takewhile, tee, zip_longest.  Combinatoric: product,
permutations, combinations, combinations_with_replacement.

They produce the same items in the same order as CPython's itertools and
consume their inputs just as far.  Most are generators; count, repeat,
chain and groupby are classes because their type or repr shows.
"""

__all__ = [
    'accumulate', 'chain', 'combinations', 'combinations_with_replacement',
    'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby',
    'islice', 'pairwise', 'permutations', 'product', 'repeat', 'starmap',
    'takewhile', 'tee', 'zip_longest',
]

_MAXSIZE = (1 << 63) - 1


# ---- infinite iterators ---------------------------------------------------------

class count:
    """count(start=0, step=1) --> start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        for value in (start, step):
            if not hasattr(value, '__add__') or isinstance(value, (str, bytes)):
                raise TypeError('a number is required')
        self._next = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._next
        self._next = value + self._step
        return value

    def __repr__(self):
        name = type(self).__name__
        if type(self._step) is int and self._step == 1:
            return '%s(%r)' % (name, self._next)
        return '%s(%r, %r)' % (name, self._next, self._step)

    def __reduce__(self):
        return type(self), (self._next, self._step)


def cycle(iterable):
    """cycle(p) --> p0, p1, ... plast, p0, p1, ... (saving a copy of p)"""
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element


class repeat:
    """repeat(object [,times]) --> object, object, ... endlessly or `times` times."""

    def __init__(self, object, times=None):
        self._object = object
        if times is not None:
            times = times.__index__()
            if times < 0:
                times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._object,)
        return 'repeat(%r, %d)' % (self._object, self._times)


# ---- iterators terminating on the shortest input ------------------------------------

def accumulate(iterable, func=None, *, initial=None):
    """Running totals (or running results of a binary func):
    accumulate([1,2,3,4,5]) --> 1 3 6 10 15"""
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total


class chain:
    """chain(*iterables) --> the items of the first iterable, then of the
    second, and so on."""

    def __init__(self, *iterables):
        self._source = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterables):
        """chain.from_iterable(iterable) --> the items of each iterable it yields."""
        self = cls.__new__(cls)
        self._source = iter(iterables)
        self._active = None
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while self._source is not None:
            if self._active is None:
                try:
                    self._active = iter(next(self._source))
                except StopIteration:
                    self._source = None
                    break
            try:
                return next(self._active)
            except StopIteration:
                self._active = None
        raise StopIteration


def compress(data, selectors):
    """compress('ABCDEF', [1,0,1,0,1,1]) --> A C E F"""
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    """dropwhile(lambda x: x<5, [1,4,6,4,1]) --> 6 4 1"""
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def filterfalse(predicate, iterable):
    """filterfalse(lambda x: x%2, range(10)) --> 0 2 4 6 8"""
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


_NOTHING = object()


class groupby:
    """groupby(iterable, key=None) --> (key, group) pairs for runs of items
    with equal keys.  Advancing to the next pair ends the previous group."""

    def __init__(self, iterable, key=None):
        self._keyfunc = key
        self._it = iter(iterable)
        self._current_key = self._current_value = _NOTHING
        self._target_key = _NOTHING
        self._group_id = None

    def _advance(self):
        # Read one item; False at the end of the input.
        try:
            value = next(self._it)
        except StopIteration:
            self._current_key = self._current_value = _NOTHING
            return False
        self._current_value = value
        self._current_key = value if self._keyfunc is None else self._keyfunc(value)
        return True

    def __iter__(self):
        return self

    def __next__(self):
        self._group_id = object()  # invalidates the previous group
        # skip what is left of the current run
        if self._current_key is _NOTHING:
            if not self._advance():
                raise StopIteration
        while (self._target_key is not _NOTHING and
               self._current_key == self._target_key):
            if not self._advance():
                raise StopIteration
        self._target_key = self._current_key
        return self._current_key, self._grouper(self._target_key, self._group_id)

    def _grouper(self, key, group_id):
        while self._group_id is group_id and self._current_key is not _NOTHING:
            if not (self._current_key == key):
                return
            yield self._current_value
            if not self._advance():
                return


def islice(iterable, *args):
    """islice(iterable, stop) or islice(iterable, start, stop[, step]) -->
    the selected items, like seq[start:stop:step] without indexing."""
    if not 1 <= len(args) <= 3:
        raise TypeError('islice expected at most 4 arguments, got %d' % (len(args) + 1))
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    else:
        start, stop = args[0], args[1]
        step = args[2] if len(args) == 3 else 1
    if start is None:
        start = 0
    if step is None:
        step = 1
    if stop is not None:
        try:
            stop = stop.__index__()
        except AttributeError:
            stop = -1
        if not 0 <= stop <= _MAXSIZE:
            raise ValueError('Stop argument for islice() must be None or an integer: '
                             '0 <= x <= sys.maxsize.')
    try:
        start = start.__index__()
    except AttributeError:
        start = -1
    if not 0 <= start <= _MAXSIZE:
        raise ValueError('Indices for islice() must be None or an integer: '
                         '0 <= x <= sys.maxsize.')
    try:
        step = step.__index__()
    except AttributeError:
        step = -1
    if step < 1:
        raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    if stop is not None and start >= stop:
        # nothing to yield, but CPython still reads up to `start`
        for _ in range(start):
            try:
                next(it)
            except StopIteration:
                return
        return
    wanted = start   # index of the next item to yield
    index = 0        # index of the next item to read
    while stop is None or index < stop:
        try:
            element = next(it)
        except StopIteration:
            return
        if index == wanted:
            yield element
            wanted += step
            if stop is not None and wanted >= stop:
                # consume the skipped tail up to `stop`, as CPython does
                index += 1
                while index < stop:
                    try:
                        next(it)
                    except StopIteration:
                        return
                    index += 1
                return
        index += 1


def pairwise(iterable):
    """pairwise('ABCD') --> AB BC CD"""
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def starmap(function, iterable):
    """starmap(pow, [(2,5), (3,2)]) --> 32 9"""
    for args in iterable:
        yield function(*args)


def takewhile(predicate, iterable):
    """takewhile(lambda x: x<5, [1,4,6,4,1]) --> 1 4"""
    for x in iterable:
        if not predicate(x):
            break
        yield x


class _TeeLink:
    """One cell of the buffer shared by tee iterators."""
    __slots__ = ('value', 'next')

    def __init__(self):
        self.value = None
        self.next = None


class _tee:
    """One of the independent iterators returned by tee()."""

    def __init__(self, source, link):
        self._source = source   # a one-element list holding the shared iterator
        self._link = link       # the cell this iterator reads next

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link
        if link.next is None:  # nobody has read this far yet: fetch
            link.value = next(self._source[0])
            link.next = _TeeLink()
        self._link = link.next
        return link.value

    def __copy__(self):
        return _tee(self._source, self._link)


def tee(iterable, n=2):
    """tee(iterable, n=2) --> tuple of n independent iterators."""
    if not isinstance(n, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    if isinstance(iterable, _tee):
        first = iterable.__copy__()
    else:
        first = _tee([iter(iterable)], _TeeLink())
    return tuple([first] + [first.__copy__() for _ in range(n - 1)])


def zip_longest(*iterables, fillvalue=None):
    """zip_longest('ABCD', 'xy', fillvalue='-') --> Ax By C- D-"""
    iterators = [iter(it) for it in iterables]
    active = len(iterators)
    if not active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            if it is None:
                values.append(fillvalue)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                active -= 1
                if not active:
                    return
                iterators[i] = None
                values.append(fillvalue)
        yield tuple(values)


# ---- combinatoric iterators ---------------------------------------------------------

def product(*iterables, repeat=1):
    """product('ab', range(3)) --> ('a',0) ('a',1) ('a',2) ('b',0) ('b',1) ('b',2)"""
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in iterables] * repeat
    for pool in pools:
        if not pool:
            return
    # an odometer over the pools, rightmost wheel fastest
    indices = [0] * len(pools)
    yield tuple(pool[0] for pool in pools)
    while True:
        i = len(pools) - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple(pool[k] for pool, k in zip(pools, indices))


def permutations(iterable, r=None):
    """permutations(range(3), 2) --> (0,1) (0,2) (1,0) (1,2) (2,0) (2,1)

    Successive r-length orderings in lexicographic order of positions.
    """
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r < 0:
        raise ValueError('r must be non-negative')
    if r > n:
        return
    # Lexicographic successor on the index sequence: find the rightmost
    # position that can take a larger unused index, bump it to the smallest
    # such index, then fill the rest with the smallest unused indices.
    current = list(range(r))
    yield tuple(pool[i] for i in current)
    while True:
        used = set(current)
        for pos in range(r - 1, -1, -1):
            used.discard(current[pos])
            bigger = [i for i in range(current[pos] + 1, n) if i not in used]
            if bigger:
                current[pos] = bigger[0]
                used.add(bigger[0])
                rest = [i for i in range(n) if i not in used]
                current = current[:pos + 1] + rest[:r - pos - 1]
                break
        else:
            return
        yield tuple(pool[i] for i in current)


def combinations(iterable, r):
    """combinations('ABCD', 2) --> AB AC AD BC BD CD"""
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError('r must be non-negative')
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        # the rightmost index that has not reached its maximum
        i = r - 1
        while i >= 0 and indices[i] == i + n - r:
            i -= 1
        if i < 0:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    """combinations_with_replacement('ABC', 2) --> AA AB AC BB BC CC"""
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError('r must be non-negative')
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        i = r - 1
        while i >= 0 and indices[i] == n - 1:
            i -= 1
        if i < 0:
            return
        value = indices[i] + 1
        for j in range(i, r):
            indices[j] = value
        yield tuple(pool[i] for i in indices)

"""Heap queue algorithm (a.k.a. priority queue).

Heaps are plain lists for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for
all k: a[0] is always the smallest item.

    heap = []            # creates an empty heap
    heappush(heap, item) # pushes a new item on the heap
    item = heappop(heap) # pops the smallest item from the heap
    heapify(x)           # transforms list into a heap, in-place, in linear time

The sifting strategy is CPython's (move the hole down to a leaf, then sift
the new item up), so heaps built here have the same layout as CPython's.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def heappush(heap, item):
    """Push item onto heap, maintaining the heap invariant."""
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _siftup(heap, 0)
        return smallest
    return last


def heapreplace(heap, item):
    """Pop and return the current smallest value, and add the new item.

    The returned value may be larger than the item added.
    """
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Fast version of a heappush followed by a heappop."""
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _siftup(heap, 0)
    return item


def heapify(x):
    """Transform list into a heap, in-place, in O(len(x)) time."""
    for i in reversed(range(len(x) // 2)):
        _siftup(x, i)


def _siftdown(heap, startpos, pos):
    # Move heap[pos] up towards startpos while its parent is larger.
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    # Walk the hole at pos down to a leaf, always promoting the smaller
    # child, then let the displaced item bubble back up: fewer comparisons
    # than stopping early, since the item usually belongs near the bottom.
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


# Max-heap variants, used by merge(reverse=True).
def _siftdown_max(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < newitem:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup_max(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[rightpos] < heap[childpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown_max(heap, startpos, pos)


def _heapify_max(x):
    for i in reversed(range(len(x) // 2)):
        _siftup_max(x, i)


def _heappop_max(heap):
    last = heap.pop()
    if heap:
        largest = heap[0]
        heap[0] = last
        _siftup_max(heap, 0)
        return largest
    return last


def _heapreplace_max(heap, item):
    largest = heap[0]
    heap[0] = item
    _siftup_max(heap, 0)
    return largest


def merge(*iterables, key=None, reverse=False):
    """Merge multiple sorted inputs into a single sorted output.

    >>> list(merge([1,3,5,7], [0,2,4,8], [5,10,15,20], [], [25]))
    [0, 1, 2, 3, 4, 5, 5, 7, 8, 10, 15, 20, 25]

    Equal items come out in the order of the iterables they came from.
    """
    if reverse:
        heapify_, pop_, replace_, direction = _heapify_max, _heappop_max, _heapreplace_max, -1
    else:
        heapify_, pop_, replace_, direction = heapify, heappop, heapreplace, 1
    # Heap entries are [sort key, tie-breaking order, value, next-function]:
    # the order makes entries never compare values or functions.
    h = []
    for order, it in enumerate(map(iter, iterables)):
        nxt = it.__next__
        try:
            value = nxt()
        except StopIteration:
            continue
        k = value if key is None else key(value)
        h.append([k, order * direction, value, nxt])
    heapify_(h)
    while len(h) > 1:
        try:
            while True:
                entry = h[0]
                yield entry[2]
                value = entry[3]()
                entry[0] = value if key is None else key(value)
                entry[2] = value
                replace_(h, entry)
        except StopIteration:
            pop_(h)
    if h:
        entry = h[0]
        yield entry[2]
        yield from _drain(entry[3])


def _drain(nxt):
    while True:
        try:
            yield nxt()
        except StopIteration:
            return


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]
    """
    if n <= 0:
        return []
    # A max-heap of the n best so far, keyed by (key, arrival order) so
    # ties keep arrival order like the stable sort the result must equal.
    it = iter(iterable)
    heap = []
    for order, elem in zip(range(n), it):
        heap.append((elem if key is None else key(elem), order, elem))
    if not heap:
        return []
    _heapify_max(heap)
    order = n
    for elem in it:
        k = elem if key is None else key(elem)
        if k < heap[0][0]:
            _heapreplace_max(heap, (k, order, elem))
        order += 1
    heap.sort()
    return [entry[2] for entry in heap]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]
    """
    if n <= 0:
        return []
    # A min-heap of the n best so far, keyed by (key, -arrival order).
    it = iter(iterable)
    heap = []
    for order, elem in zip(range(0, -n, -1), it):
        heap.append((elem if key is None else key(elem), order, elem))
    if not heap:
        return []
    heapify(heap)
    order = -n
    for elem in it:
        k = elem if key is None else key(elem)
        if heap[0][0] < k:
            heapreplace(heap, (k, order, elem))
        order -= 1
    heap.sort(reverse=True)
    return [entry[2] for entry in heap]

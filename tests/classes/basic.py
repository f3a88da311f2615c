class Point:
    """A point."""
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f'Point({self.x}, {self.y})'
    def __str__(self):
        return f'({self.x}, {self.y})'
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def dist2(self):
        return self.x ** 2 + self.y ** 2
p = Point(1, 2); q = Point(3, 4)
print(p, repr(p), p + q, p == Point(1, 2), p != q, p < q, p.dist2(), Point.count)
print(sorted([q, p]), {p: 'p'}[Point(1, 2)], Point.__doc__, Point.__name__)
print(type(p).__name__, isinstance(p, Point), p.__dict__, hasattr(p, 'z'))
p.z = 5; print(p.z); del p.z; print(hasattr(p, 'z'))
print([str(x) for x in [p, q]], max(p, q))
class Empty: pass
e = Empty(); print(type(e) is Empty, e.__class__.__name__)

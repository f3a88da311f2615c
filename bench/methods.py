# Method calls and attribute access on instances.
class Counter:
    def __init__(self):
        self.count = 0
        self.step = 1
    def inc(self):
        self.count += self.step
        return self
    def get(self):
        return self.count
class Sub(Counter):
    def inc(self):
        Counter.inc(self)
        return self
def run(n):
    c = Counter()
    s = Sub()
    for i in range(n):
        c.inc()
        s.inc()
    return c.get() + s.get()
print(run(4000000))

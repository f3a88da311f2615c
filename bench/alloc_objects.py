# Allocation-heavy: millions of short-lived instances (each with a list
# attribute) created and dropped in small batches, as in typical object-
# oriented code; reference counting frees them, the collector only pays
# for noticing they were containers.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tags = []


def work(rounds, n):
    total = 0
    for r in range(rounds):
        pts = [Point(i, r) for i in range(n)]
        for p in pts:
            p.tags.append(p.x + p.y)
            total += p.tags[0]
    return total


if __name__ == '__main__':
    print(work(2000, 500))

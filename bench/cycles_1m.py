# 1,000,000 reference cycles (two instances pointing at each other), each
# garbage as soon as the next iteration rebinds the names: only the cycle
# collector can free them, so memory stays bounded only if it keeps up.
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def churn(n):
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.other = b
        b.other = a


churn(1_000_000)

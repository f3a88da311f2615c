# A tight while loop on small ints: the GIL course's countdown.
def countdown(n):
    while n > 0:
        n -= 1
for _ in range(3):
    countdown(10000000)

import time

def countdown(n):
    while n > 0:
        n -= 1

COUNT = 200000
start = time.time()
countdown(COUNT)
countdown(COUNT)
elapsed = time.time() - start
print('serial countdown done:', elapsed >= 0)

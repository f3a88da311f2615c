from collections import namedtuple
Result = namedtuple('Result', 'count average')
def averager():
    total = 0
    count = 0
    while True:
        item = yield
        if item == None:
            break
        total = item + total
        count += 1
    average = total / count
    return Result(count=count, average=average)

avg_coro = averager()
next(avg_coro)
avg_coro.send(10)
avg_coro.send(20)
avg_coro.send(45)
try:
    avg_coro.send(None)
except StopIteration as exc:
    print('StopIteration:', exc)
    print(exc.value)

# check: stderr
# Seed 004: the simple coroutine; the last send() runs it off its end and the
# uncaught StopIteration ends the script with a traceback.
def simple_coroutine(): # ➊
    print('-> coroutine started')
    x = yield # ➋
    print('-> coroutine received:', x)

my_coro = simple_coroutine()
print(repr(my_coro).split(' at 0x')[0] + '>')
next(my_coro)
my_coro.send(42)

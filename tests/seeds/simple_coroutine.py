def simple_coroutine():
    print("coroutine started...")
    x = yield
    print('coroutine received:', x)

my_coro = simple_coroutine()
print(type(my_coro).__name__)
next(my_coro)
my_coro.send(42)

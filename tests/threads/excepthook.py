import threading
def boom():
    raise ValueError('thread failure')
t = threading.Thread(target=boom, name='Boomer')
t.start(); t.join()
print('main continues', t.is_alive())

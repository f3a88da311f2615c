# Seed 000: two threads sleeping different times (loops scaled down from
# seconds to hundredths); the index loop is what the printed output implies.
import threading
from time import ctime as _ctime, sleep

def ctime():
    assert len(_ctime()) == 24
    return '<ctime>'

loops = [0.2, 0.05]

def loop(nloop, nsec):
    print("start loop", nloop, "at:", ctime())
    sleep(nsec)
    print("loop", nloop, "done at:", ctime())

def main():
    print("starting at:", ctime())
    threads = []
    for i in range(len(loops)):
        thread = threading.Thread(target=loop, args=(i, loops[i]))
        threads.append(thread)

    for thread in threads:
        thread.start()
        sleep(0.01)

    for thread in threads:
        thread.join()

    print("all done at:", ctime())

if __name__ == '__main__':
    main()

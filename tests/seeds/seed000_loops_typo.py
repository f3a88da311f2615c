# check: stderr
# Seed 000's first threading program with only `treading` fixed: `for i in
# loops` walks the values (4, 2), so loops[4] raises IndexError in main().
import threading
from time import ctime as _ctime, sleep

def ctime():
    # the real ctime() changes every second: check its shape, print a marker
    assert len(_ctime()) == 24
    return '<ctime>'

loops = [4, 2]

def loop(nloop, nsec):
    print("start loop", nloop, "at:", ctime())
    sleep(nsec)
    print("loop", nloop, "done at:", ctime())

def main():
    print("starting at:", ctime())
    threads = []
    for i in loops:
        thread = threading.Thread(target=loop, args=(i, loops[i]))
        threads.append(thread)

    for thread in threads:
        thread.start()

    for thread in threads:
        thread.join()

    print("all done at:", ctime())

if __name__ == '__main__':
    main()

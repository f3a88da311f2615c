# Seed 001, 7.5: Pool(4).apply_async for five tasks, close() and join()
# (short random sleeps; children's lines sorted, pids and times not printed).
from multiprocessing import Pool
import os, time, random
from _capture import sorted_output

MAIN = os.getpid()


def long_time_task(name):
    print('Run task %s (child: %s)...' % (name, os.getpid() != MAIN))
    start = time.time()
    time.sleep(random.random() * 0.1)
    end = time.time()
    print('Task %s runs %s seconds.' % (name, (end - start) < 1))


def main():
    p = Pool(4)
    for i in range(5):
        p.apply_async(long_time_task, args=(i,))
    p.close()
    p.join()


if __name__ == '__main__':
    print('Parent process started.')
    print('Waiting for all subprocesses done...')
    sorted_output(main)
    print('All subprocesses done.')

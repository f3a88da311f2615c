# Seed 001: producer/consumer threads with Queue(10), an RLock-protected
# counter, task_done() and join() (endless loops bounded: the producer makes
# five baozi; daemon consumers; who eats which baozi is gathered and sorted).
from threading import Thread, RLock
from queue import Queue
import time

q = Queue(10)
count = 0
l = RLock()
eaten = []

#创建生产者
class Producer(Thread):
    def __init__(self, name, que):
        super(Producer, self).__init__()
        self.__name = name
        self.__que = que

    def run(self):
        for _ in range(5):
            global count
            l.acquire()
            count += 1
            l.release()
            self.__que.put(count)
            print('%s produce baozi %s' % (self.__name, count))
            time.sleep(0.001)
            self.__que.join()

#创建消费者
class Consumer(Thread):
    def __init__(self, name, que):
        super(Consumer, self).__init__(daemon=True)
        self.__name = name
        self.__que = que

    def run(self):
        while True:
            data = self.__que.get()
            eaten.append(data)
            time.sleep(0.002)
            self.__que.task_done()

def main():
    #创建1个生产者，3个消费者
    p1 = Producer('winter', q)
    c1 = Consumer('elly', q)
    c2 = Consumer('jack', q)
    c3 = Consumer('frank', q)
    p1.start()
    c1.start()
    c2.start()
    c3.start()
    p1.join()
    print(sorted(eaten), q.unfinished_tasks, p1._Producer__name)
    print(p1.name.startswith('Thread-'), c1.daemon)

if __name__ == '__main__':
    main()

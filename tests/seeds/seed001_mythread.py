# Seed 001: subclassing Thread and overriding run(); main prints before the
# threads finish sleeping, the program waits for them at exit.
import threading
import time


class MyThread(threading.Thread):
    def __init__(self,num):
        threading.Thread.__init__(self)
        self.num = num

    def run(self):#定义每个线程要运行的函数

        print("running on number:%s" %self.num)

        time.sleep(0.05)
        print("finished %s" % self.num)

if __name__ == '__main__':

    t1 = MyThread(1)
    t2 = MyThread(2)
    t1.start()
    time.sleep(0.01)
    t2.start()
    time.sleep(0.01)

    print("ending......")

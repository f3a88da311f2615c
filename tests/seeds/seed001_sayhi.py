# Seed 001: two threads from a target function; names printed by main.
# Threads print before sleeping; main waits for both prints before its own.
import threading
import time

started = threading.Barrier(3)

def sayhi(num): #定义每个线程要运行的函数

    print("running on number:%s" %num)
    started.wait()
    time.sleep(0.03)

if __name__ == '__main__':

    t1 = threading.Thread(target=sayhi,args=(1,)) #生成一个线程实例
    t1.start() #启动线程
    time.sleep(0.01)
    t2 = threading.Thread(target=sayhi,args=(2,)) #生成另一个线程实例
    t2.start() #启动另一个线程
    started.wait()

    print(t1.getName()) #获取线程名
    print(t2.getName())
    print(t1.is_alive(), t2.is_alive())
    t1.join(); t2.join()
    print(t1.is_alive(), t2.is_alive())

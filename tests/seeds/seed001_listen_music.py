# Seed 001: two threads, main neither joins them nor makes them daemons in
# time (setDaemon after start raises), so the process waits for both.
import threading
from time import ctime as _ctime,sleep
import time

def ctime():
    assert len(_ctime()) == 24
    return '<ctime>'

def ListenMusic(name):

        print ("Begin listening to %s. %s" %(name,ctime()))
        sleep(0.05)
        print("end listening %s"%ctime())

def RecordBlog(title):

        print ("Begin recording the %s! %s" %(title,ctime()))
        sleep(0.1)
        print('end recording %s'%ctime())


threads = []


t1 = threading.Thread(target=ListenMusic,args=('水手',))
t2 = threading.Thread(target=RecordBlog,args=('python线程',))

threads.append(t1)
threads.append(t2)

if __name__ == '__main__':

    for t in threads:
        #t.setDaemon(True) #注意:一定在start之前设置
        t.start()
        sleep(0.01)
        # t.join()
    # t1.join()
    try:
        t1.daemon = True
    except RuntimeError as e:
        print('RuntimeError:', e)

    #t2.join()########考虑这三种join位置下的结果？
    print ("all over %s" %ctime())

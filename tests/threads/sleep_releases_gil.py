import threading, time
count = 0
stop = False
def spin():
    global count
    while not stop:
        count += 1
t = threading.Thread(target=spin)
t.start()
time.sleep(0.05)
stop = True
t.join()
print('spinner ran while main slept:', count > 1000)

import threading, time
def forever():
    while True:
        time.sleep(0.01)
t = threading.Thread(target=forever, daemon=True)
t.start()
def slow():
    time.sleep(0.05)
    print('non-daemon finished before exit')
threading.Thread(target=slow).start()
print('main done')

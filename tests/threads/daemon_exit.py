import threading, time
def forever():
    while True:
        time.sleep(0.01)
t = threading.Thread(target=forever, daemon=True)
t.start()
main_printed = threading.Event()
def slow():
    main_printed.wait()
    time.sleep(0.02)
    print('non-daemon finished before exit')
threading.Thread(target=slow).start()
print('main done')
main_printed.set()

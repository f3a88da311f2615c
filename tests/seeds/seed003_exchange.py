# Seed 003 (12.11): publish/subscribe through named exchanges, with the
# subscribe() context manager that detaches on the way out.
from contextlib import contextmanager
from collections import defaultdict

class Exchange:
    def __init__(self):
        self._subscribers = set()

    def attach(self, task):
        self._subscribers.add(task)

    def detach(self, task):
        self._subscribers.remove(task)

    @contextmanager
    def subscribe(self, *tasks):
        for task in tasks:
            self.attach(task)
        try:
            yield
        finally:
            for task in tasks:
                self.detach(task)

    def send(self, msg):
        for subscriber in self._subscribers:
            subscriber.send(msg)

# Dictionary of all created exchanges
_exchanges = defaultdict(Exchange)

# Return the Exchange instance associated with a given name
def get_exchange(name):
    return _exchanges[name]

# Example of a task.  Any object with a send() method
class Task:
    def __init__(self, name):
        self.name = name
    def send(self, msg):
        print(self.name, 'got', msg)

task_a = Task('a')
# Example of getting an exchange
exc = get_exchange('name')
# Examples of subscribing tasks to it
exc.attach(task_a)
# Example of sending messages
exc.send('msg1')
exc.send('msg2')
# Example of unsubscribing
exc.detach(task_a)
exc.send('nobody hears this')

class DisplayMessages:
    def __init__(self):
        self.count = 0
    def send(self, msg):
        self.count += 1
        print('msg[{}]: {!r}'.format(self.count, msg))

exc = get_exchange('name')
d = DisplayMessages()
exc.attach(d)
exc.send('hello')
exc.send(('tuple', 1))
exc.detach(d)

with exc.subscribe(d, task_a) if False else exc.subscribe(d):
    exc.send('inside')
    print(len(exc._subscribers))
print(len(exc._subscribers))
try:
    with exc.subscribe(d):
        exc.send('before error')
        raise ValueError('oops')
except ValueError as e:
    print('ValueError', e, len(exc._subscribers))
print(get_exchange('name') is exc, len(_exchanges))
try:
    exc.detach(d)
except KeyError as e:
    print('KeyError', type(e.args[0]).__name__)

import random
random.seed(12345)
print(random.random())
print([random.randint(1, 100) for _ in range(5)])
print(random.choice('abcdef'), random.uniform(1, 2))
l = list(range(10)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.randrange(0, 100, 5))
random.seed(1)
a = [random.random() for _ in range(3)]
random.seed(1)
print(a == [random.random() for _ in range(3)], a)

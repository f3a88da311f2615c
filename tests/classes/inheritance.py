class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return '...'
    def describe(self):
        return f'{self.name} says {self.speak()}'
class Dog(Animal):
    def speak(self):
        return 'Woof'
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + '!'
for a in [Animal('x'), Dog('rex'), Puppy('bit', 1)]:
    print(a.describe())
print(issubclass(Puppy, Animal), isinstance(Puppy('a', 1), Dog), Puppy.__mro__)
class A:
    def who(self): return 'A'
class B(A):
    def who(self): return 'B' + super().who()
class C(A):
    def who(self): return 'C' + super().who()
class D(B, C):
    def who(self): return 'D' + super().who()
print(D().who(), [k.__name__ for k in D.__mro__], D.mro() == list(D.__mro__))
print(Puppy.__bases__, Dog.__base__)
try:
    class X(A, B): pass
except TypeError as e:
    print('TypeError:', e)

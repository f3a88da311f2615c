class Temp:
    unit = 'C'
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError('too cold')
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32
    @classmethod
    def freezing(cls):
        return cls(0)
t = Temp(25); print(t.celsius, t.fahrenheit); t.celsius = 100; print(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print('ValueError', e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print('AttributeError', e)
print(Temp.convert(100), Temp.freezing().celsius, t.convert(0), type(Temp.freezing()).__name__)
print(Temp.unit, t.unit); t.unit = 'F'; print(Temp.unit, t.unit)

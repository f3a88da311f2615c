# check: stderr
# Uncaught errors deep in calls: 3.11 carets under the failing part of
# the line (subscripts, binary operators, calls, attributes).
class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        return self.balance - amount['value']

def process(accounts, name):
    total = accounts[name].withdraw({'value': 5}) + accounts['other'].balance
    return total

def main():
    accounts = {'alice': Account(10), 'bob': Account(3)}
    print(process(accounts, 'alice') if False else 'start')
    values = [1, 2, 3]
    result = values[0] + values[1] * process(accounts, 'bob')
    print(result)

main()

NAME = "sibling"
print("sibling imported as", __name__)

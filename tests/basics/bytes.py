b = b'hello'
print(b, len(b), b[0], b[1:3], list(b[:2]), b + b' world', b * 2, b'll' in b)
print(b.upper(), b.decode(), bytes([65, 66]), bytes(3), bytes('héllo', 'utf-8'))
print(b.split(b'l'), b.replace(b'l', b'L'), b.hex(), bytes.fromhex('4142'), b.find(b'l'))
ba = bytearray(b'abc'); ba.append(100); ba[0] = 65; print(ba, len(ba), bytes(ba))
print(repr(b'\x00\xff\n\'"'), b'a' < b'b', b'abc' == b'abc')
print(b'a,b'.split(b','), b' x '.strip(), b'-'.join([b'a', b'b']))

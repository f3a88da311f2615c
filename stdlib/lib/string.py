"""A collection of string constants and helpers.

Public module variables:

whitespace -- a string containing all ASCII whitespace
ascii_lowercase -- a string containing all ASCII lowercase letters
ascii_uppercase -- a string containing all ASCII uppercase letters
ascii_letters -- a string containing all ASCII letters
digits -- a string containing all ASCII decimal digits
hexdigits -- a string containing all ASCII hexadecimal digits
octdigits -- a string containing all ASCII octal digits
punctuation -- a string containing all ASCII punctuation characters
printable -- a string containing all ASCII characters considered printable
"""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords',
           'digits', 'hexdigits', 'octdigits', 'printable', 'punctuation',
           'whitespace', 'Template']

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string

    Split the argument into words using split, capitalize each word using
    capitalize, and join the capitalized words using join.  If the optional
    second argument sep is absent or None, runs of whitespace characters are
    replaced by a single space and leading and trailing whitespace are
    removed, otherwise sep is used to split and join the words.
    """
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_ID_START = ascii_letters + '_'
_ID_REST = _ID_START + digits


class Template:
    """A string class for supporting $-substitutions:

        Template('$who likes ${what}').substitute(who='tim', what='kung pao')

    '$$' is an escaped '$'.
    """

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _parse(self):
        # Yields (literal, name, start) pieces; name None for the tail.
        s, d = self.template, self.delimiter
        i, literal_start, n = 0, 0, len(self.template)
        while i < n:
            if not s.startswith(d, i):
                i += 1
                continue
            start = i
            j = i + len(d)
            if s.startswith(d, j):  # escaped delimiter
                yield s[literal_start:j], None, start
                i = literal_start = j + len(d)
                continue
            if j < n and s[j] == '{':
                k = j + 1
                if k < n and s[k] in _ID_START:
                    end = k + 1
                    while end < n and s[end] in _ID_REST:
                        end += 1
                    if end < n and s[end] == '}':
                        yield s[literal_start:start], s[k:end], start
                        i = literal_start = end + 1
                        continue
                yield s[literal_start:start], False, start
                i = literal_start = j
                continue
            if j < n and s[j] in _ID_START:
                end = j + 1
                while end < n and s[end] in _ID_REST:
                    end += 1
                yield s[literal_start:start], s[j:end], start
                i = literal_start = end
                continue
            yield s[literal_start:start], False, start  # invalid placeholder
            i = literal_start = j
        yield s[literal_start:], None, n

    def _invalid(self, start):
        start += len(self.delimiter)  # CPython reports the column after the '$'
        lines = self.template[:start].splitlines(True)
        if not lines:
            colno, lineno = 1, 1
        else:
            colno = start - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = dict(mapping, **kws)
        out = []
        for literal, name, start in self._parse():
            out.append(literal)
            if name is False:
                self._invalid(start)
            if name:
                out.append('%s' % (mapping[name],))
        return ''.join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = dict(mapping, **kws)
        out = []
        s = self.template
        for literal, name, start in self._parse():
            out.append(literal)
            if name is False:
                out.append(self.delimiter)
            elif name:
                try:
                    out.append('%s' % (mapping[name],))
                except KeyError:
                    # keep the placeholder as written
                    end = start + len(self.delimiter)
                    if s[end] == '{':
                        out.append(s[start:end + len(name) + 2])
                    else:
                        out.append(s[start:end + len(name)])
        return ''.join(out)

    def get_identifiers(self):
        ids = []
        for literal, name, start in self._parse():
            if name is False:
                self._invalid(start)
            if name and name not in ids:
                ids.append(name)
        return ids

    def is_valid(self):
        return all(name is not False for literal, name, start in self._parse())

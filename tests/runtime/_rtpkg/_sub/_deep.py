import _rtpkg_sibling
from .. import _mod_a
DEEP = "deep:" + _rtpkg_sibling.NAME + ":" + _mod_a.VALUE_A

from .. import VERSION as PARENT_VERSION
from .._alpha import greet
from ._leaf import *

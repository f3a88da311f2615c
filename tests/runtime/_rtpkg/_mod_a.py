VALUE_A = "a:" + __name__ + ":" + __package__

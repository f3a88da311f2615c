# Seed 001, 7.6.2: Pipe() between parent and child, both directions.
from multiprocessing import Process, Pipe


def f(conn):
    conn.send([12, {"name": "yuan"}, 'hello'])
    response = conn.recv()
    print("response", response)
    conn.close()


if __name__ == '__main__':
    parent_conn, child_conn = Pipe()
    p = Process(target=f, args=(child_conn,))
    p.start()
    print(parent_conn.recv())
    parent_conn.send("儿子你好!")
    p.join()

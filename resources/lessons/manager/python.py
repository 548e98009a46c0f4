import multiprocessing as mp
import os

def work(x, shared_list, shared_dict, lock):
    shared_list.append(x * x)
    with lock:
        shared_dict[x] = os.getpid()

if __name__ == "__main__":
    with mp.Manager() as manager:       # a server process
        squares = manager.list()
        done_by = manager.dict()
        lock = manager.Lock()
        with mp.Pool(3) as pool:
            args = [(x, squares, done_by, lock) for x in range(1, 7)]
            pool.starmap(work, args)
        print(list(squares), dict(done_by))

import multiprocessing as mp
import time

def f(x):
    time.sleep(2.5)
    return x * x

if __name__ == "__main__":
    pool = mp.Pool(3)
    r3 = pool.apply_async(f, (3,))   # returns at once
    r4 = pool.apply_async(f, (4,))
    print(r3.ready(), r4.ready())    # False False
    print(r3.get(timeout=60), r4.get(timeout=60))  # 9 16
    pool.close()                     # no new tasks
    pool.join()                      # workers exit

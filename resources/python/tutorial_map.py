# The tutorial's first pool: five workers square 1..10 (the seed's pool.map), each square taking a moment so that
# a class can watch Python's own workers take their tasks. Garrison runs it unchanged for `--demo python`.
import multiprocessing as mp
import time


def f(x):
    time.sleep(1.5)  # a moment of work, to watch it
    return x * x


if __name__ == "__main__":
    with mp.Pool(5) as pool:
        print(pool.map(f, range(1, 11)))

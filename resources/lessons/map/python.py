import multiprocessing as mp
import time

def f(x):
    time.sleep(0.4)   # a moment of work, to watch it
    return x ** 2

if __name__ == "__main__":
    with mp.Pool(5) as pool:
        squares = pool.map(f, range(1, 11))
    print(squares)

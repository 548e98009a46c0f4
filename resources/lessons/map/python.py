import multiprocessing as mp

def f(x):
    return x ** 2

if __name__ == "__main__":
    with mp.Pool(5) as pool:
        squares = pool.map(f, range(1, 11))
    print(squares)

import multiprocessing as mp

def f(n, a):
    n.value = 3.14
    a[0] = 5

if __name__ == "__main__":
    num = mp.Value("d", 0.0)
    arr = mp.Array("i", range(10))
    p = mp.Process(target=f, args=(num, arr))
    p.start()
    p.join()
    print(num.value)   # 3.14
    print(arr[:])      # [5, 1, 2, ..., 9]

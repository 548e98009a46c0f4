import multiprocessing as mp

def count(counter, m, use_lock):
    for _ in range(m):
        if use_lock:
            with counter.get_lock():
                counter.value += 1
        else:
            counter.value += 1     # not atomic

if __name__ == "__main__":
    k, m = 3, 200_000
    for use_lock in (False, True):
        counter = mp.Value("l", 0)
        procs = [mp.Process(target=count, args=(counter, m, use_lock))
                 for _ in range(k)]
        for p in procs: p.start()
        for p in procs: p.join()
        print("lock" if use_lock else "no lock", k * m, counter.value)

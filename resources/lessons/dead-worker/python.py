import multiprocessing as mp
import os, signal, time

def f(x):
    if x == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # dies mid-task
    time.sleep(1.5)
    return x * x

if __name__ == "__main__":
    pool = mp.Pool(3)
    result = pool.map_async(f, range(1, 7), chunksize=1)
    try:
        # never comes: the task died with its worker
        print(result.get(timeout=8))
    except mp.TimeoutError:
        print("map lost a task; giving up")
        pool.terminate()
    pool.join()

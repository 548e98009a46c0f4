import multiprocessing as mp
import os, signal, time

def f(x):
    if x == 2:
        os.kill(os.getpid(), signal.SIGKILL)   # a soldier dies mid-task
    time.sleep(1.5)
    return x * x

if __name__ == "__main__":
    pool = mp.Pool(3)
    result = pool.map_async(f, range(1, 7), chunksize=1)
    try:
        print(result.get(timeout=8))   # never comes: the task died with its worker
    except mp.TimeoutError:
        print("map lost a task; giving up")
        pool.terminate()
    pool.join()

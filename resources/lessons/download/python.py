import multiprocessing as mp
import subprocess

def download(url):
    # curl runs in the worker: three downloads at a time
    subprocess.run(["curl", "-sSLO", "--max-time", "20", url],
                   check=True)
    return url

if __name__ == "__main__":
    with open("download.txt") as f:
        urls = [line.strip() for line in f
                if line.strip() and not line.startswith("#")]
    with mp.Pool(3) as pool:
        for url in pool.imap_unordered(download, urls):
            print("done", url)

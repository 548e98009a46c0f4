"""A web host that behaves as real ones do towards a client, for bench/polite-downloads (issue 22): the Python
twin of src/test/java/io/garrison/cli/DemandingWebHost.java, standard library only.

One host per process, on its own loopback address and an ephemeral port (printed as the first line), so the
hosts of a workload do not share one interpreter lock. It serves at most --limit requests of one client at once
and refuses the rest at once: 503, or for --behaviour too-many 429 with `Retry-After: 1`. With --behaviour cut
the first body of each file (or of about one in --cut-every) stops halfway (Content-Length promises all of it);
Range is honoured, with or without If-Range (an If-Range that is not the ETag or Last-Modified gets the whole
file, as RFC 9110 says).
/missing is a 404. Every other path is a file of --file-bytes bytes, the same every time (content()), served
after --delay-ms so that requests overlap.

It records what a polite client never does: a request while --limit of its requests are in service, a request
inside a Retry-After once the client could know of it, /missing asked for more than once; and how cut bodies
were fetched again (continued by Range, or from zero).

Commands on stdin, one per line: `stats` prints the counters as one JSON line; `reset` zeroes them and forgets
which files were cut. End of input, or --seconds, stops the host."""
import argparse
import collections
import hashlib
import http.server
import json
import random
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

# A request sent this soon after a 429 left before the client could read it: a slot that freed a moment
# before is filled then, by any client. DemandingWebHost.java allows the same.
NEWS_TRAVEL_SECONDS = 0.25
RETRY_AFTER_SECONDS = 1
LAST_MODIFIED = "Sat, 05 Dec 2026 00:00:00 GMT"


def content(path, size):
    """The bytes of the file at `path`: different for every path, the same in every process and run
    (Random seeds a str through SHA-512, not through hash(), so PYTHONHASHSEED does not change it)."""
    return random.Random(path).randbytes(size)


def cut_chosen(path, every):
    """Whether the cutting host cuts this file's first body: every file for 1, about one in `every` otherwise
    (chosen by the path's hash, so the same files in every run)."""
    return every <= 1 or int(hashlib.sha1(path.encode()).hexdigest(), 16) % every == 0


def etag(path):
    return '"' + hashlib.sha1(path.encode()).hexdigest()[:16] + '"'


def fresh_stats():
    return {
        "requests": 0,
        "refused": 0,  # 503 or 429: the client had --limit requests in service already
        "inside_retry_after": 0,
        "missing_asked": 0,
        "most_at_once": 0,  # requests of one client in service at once, the refused one included
        "most_connections": 0,  # open TCP connections at once, idle keep-alive ones included (information)
        "cut": 0,
        "continued_with_if_range": 0,
        "continued_with_plain_range": 0,
        "sent_again_whole": 0,  # a file whose first body was cut, sent again from byte 0
        "ok_200": 0,
        "partial_206": 0,
        "bytes_sent": 0,
        "user_agents": collections.Counter(),
        "first_request_at": None,  # time.monotonic(), the same clock in every process on this machine
        "last_response_at": None,
    }


class DemandingHost:
    def __init__(self, limit, behaviour, delay_seconds, file_bytes, cut_every):
        self.limit = limit
        self.cut_every = cut_every
        self.behaviour = behaviour
        self.delay_seconds = delay_seconds
        self.file_bytes = file_bytes
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.stats = fresh_stats()
            self.in_service = collections.Counter()
            self.connections = 0
            self.too_many_sent = collections.deque()  # when each 429 of the last Retry-After went out
            self.cut_paths = set()

    def snapshot(self):
        with self.lock:
            stats = dict(self.stats)
            stats["user_agents"] = dict(self.stats["user_agents"].most_common(3))
            return stats

    def connection_opened(self):
        with self.lock:
            self.connections += 1
            self.stats["most_connections"] = max(self.stats["most_connections"], self.connections)

    def connection_closed(self):
        with self.lock:
            self.connections -= 1

    def admit(self, client, user_agent):
        """Counts the request and takes a slot for it; False when the client already has `limit` in service."""
        now = time.monotonic()
        with self.lock:
            stats = self.stats
            stats["requests"] += 1
            if stats["first_request_at"] is None:
                stats["first_request_at"] = now
            stats["user_agents"][user_agent] += 1
            while self.too_many_sent and self.too_many_sent[0] <= now - RETRY_AFTER_SECONDS:
                self.too_many_sent.popleft()
            # Inside the Retry-After of a 429 that went out long enough ago for the client to have read it.
            if self.too_many_sent and self.too_many_sent[0] <= now - NEWS_TRAVEL_SECONDS:
                stats["inside_retry_after"] += 1
            busy = self.in_service[client]
            stats["most_at_once"] = max(stats["most_at_once"], busy + 1)
            if busy >= self.limit:
                stats["refused"] += 1
                if self.behaviour == "too-many":
                    self.too_many_sent.append(now)
                return False
            self.in_service[client] = busy + 1
            return True

    def release(self, client):
        with self.lock:
            self.in_service[client] -= 1
            self.stats["last_response_at"] = time.monotonic()

    def serve(self, handler):
        client = handler.client_address[0]
        path = urllib.parse.urlsplit(handler.path).path
        if not self.admit(client, handler.headers.get("User-Agent", "")):
            if self.behaviour == "too-many":
                respond(handler, 429, {"Retry-After": str(RETRY_AFTER_SECONDS)})
            else:
                respond(handler, 503)
            return
        released = False
        try:
            if path == "/missing":
                with self.lock:
                    self.stats["missing_asked"] += 1
                self.release(client)
                released = True
                respond(handler, 404)
                return
            time.sleep(self.delay_seconds)
            body = content(path, self.file_bytes)
            tag = etag(path)
            start = requested_start(handler.headers, tag, len(body))
            with self.lock:
                first_body = (self.behaviour == "cut" and path not in self.cut_paths
                              and cut_chosen(path, self.cut_every))
                if first_body:
                    self.cut_paths.add(path)
                    self.stats["cut"] += 1
                elif path in self.cut_paths:
                    if not start:  # no Range, one this host does not honour, or bytes=0-
                        self.stats["sent_again_whole"] += 1
                    elif handler.headers.get("If-Range"):
                        self.stats["continued_with_if_range"] += 1
                    else:
                        self.stats["continued_with_plain_range"] += 1
                self.stats["partial_206" if start is not None else "ok_200"] += 1
            headers = {"ETag": tag, "Last-Modified": LAST_MODIFIED, "Accept-Ranges": "bytes",
                       "Content-Type": "application/octet-stream"}
            status = 200
            if start is not None:
                status = 206
                headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                body = body[start:]
            sent = body[:len(body) // 2] if first_body else body
            with self.lock:
                self.stats["bytes_sent"] += len(sent)
            # The service is over once its response is on its way: the client may ask again as soon as it has
            # read it, so the slot is given back before the write, not after.
            self.release(client)
            released = True
            respond(handler, status, headers, body_length=len(body), body=sent)
            if first_body:
                handler.close_connection = True  # the connection closes with the body half sent
        finally:
            if not released:
                self.release(client)


def requested_start(headers, tag, length):
    """The first byte a Range asks for, or None to send the whole file (no Range, a Range this host does not
    read, or an If-Range that no longer matches)."""
    wanted = headers.get("Range")
    if not wanted or not wanted.startswith("bytes="):
        return None
    if_range = headers.get("If-Range")
    if if_range is not None and if_range not in (tag, LAST_MODIFIED):
        return None
    first, _, _ = wanted[len("bytes="):].split(",")[0].partition("-")
    if not first.strip().isdigit() or int(first) >= length:
        return None
    return int(first)


def respond(handler, status, headers=None, body_length=0, body=b""):
    lines = [f"HTTP/1.1 {status} {http.server.BaseHTTPRequestHandler.responses[status][0]}",
             f"Content-Length: {body_length}", "Server: garrison-bench-demanding-host"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if handler.close_connection:
        lines.append("Connection: close")
    handler.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body)  # one write per response


def handler_for(host):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 60  # an idle keep-alive connection ends after a minute

        def setup(self):
            super().setup()
            # A response is one write; without TCP_NODELAY a client that reuses its connection waits for its
            # own delayed ACK (see pageserver.py).
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            host.connection_opened()

        def finish(self):
            try:
                super().finish()
            finally:
                host.connection_closed()

        def do_GET(self):
            host.serve(self)

        def log_message(self, *args):
            pass

    return Handler


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass  # a client that hangs up mid-response (a killed run, a cut it gave up on) is not the host's error


def commands(host, server):
    for line in sys.stdin:
        command = line.strip()
        if command == "stats":
            print(json.dumps(host.snapshot()), flush=True)
        elif command == "reset":
            host.reset()
            print("{}", flush=True)
    server.shutdown()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True, help="a loopback address, e.g. 127.0.0.50")
    parser.add_argument("--limit", type=int, default=2)
    parser.add_argument("--behaviour", choices=["refuse", "too-many", "cut"], default="refuse")
    parser.add_argument("--delay-ms", type=float, default=60)
    parser.add_argument("--file-bytes", type=int, default=48 * 1024)
    parser.add_argument("--cut-every", type=int, default=1, help="cut the first body of about one file in N")
    parser.add_argument("--seconds", type=float, default=3600, help="stops by itself after this long")
    args = parser.parse_args()
    if not args.address.startswith("127."):
        parser.error("loopback addresses only")
    host = DemandingHost(args.limit, args.behaviour, args.delay_ms / 1000, args.file_bytes, args.cut_every)
    server = Server((args.address, 0), handler_for(host))
    print(server.server_address[1], flush=True)
    threading.Thread(target=commands, args=(host, server), daemon=True).start()
    bound = threading.Timer(args.seconds, server.shutdown)
    bound.daemon = True
    bound.start()
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()

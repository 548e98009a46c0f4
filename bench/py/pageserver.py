"""The exercise's web server: on 127.0.0.1, an ephemeral port, every GET answers a 50 KB page after 50 ms
(a thread per request, so concurrent clients each see the latency, not a queue). Prints its port, then
serves until killed or until --seconds pass (a bound, so a forgotten server never lingers)."""
import argparse
import http.server
import socket
import socketserver
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    body = b""
    latency = 0.05

    def setup(self):
        super().setup()
        # Like nginx on keep-alive connections: without TCP_NODELAY, Nagle holds the body's last segment until
        # the client ACKs the headers, and a client that reuses its connection (JDK HttpClient) then waits for
        # its delayed ACK, 40 ms a page. Clients that open a connection per page (curl, urllib) never see it.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        time.sleep(self.latency)
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(self.body)}\r\n"
                f"Server: garrison-bench\r\n\r\n").encode("ascii")
        self.wfile.write(head + self.body)  # one write per response

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=50 * 1024)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=1800)
    a = parser.parse_args()
    line = b"<p>garrison bench page, the same 50 KB for every URL.</p>\n"
    Handler.body = (line * (a.bytes // len(line) + 1))[: a.bytes]
    Handler.latency = a.latency_ms / 1000
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Timer(a.seconds, server.shutdown).start()
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()

"""A TCP proxy on localhost in front of PostgreSQL that can be cut and restored, to play a database outage
without touching the real server.

Modes: "up" forwards; "refuse" closes every connection and closes each new one at once (the database is down);
"blackhole" keeps connections open but forwards nothing (the database hangs or the network drops packets).
"""
from __future__ import annotations

import select
import socket
import threading


class Proxy:
    def __init__(self, listen_port: int, target: tuple[str, int]) -> None:
        self.target = target
        self.mode = "up"
        self.lock = threading.Lock()
        self.connections: list[socket.socket] = []
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", listen_port))
        self.server.listen(64)
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            mode = self.mode
            if mode == "refuse":
                client.close()
                continue
            with self.lock:
                self.connections.append(client)
            if mode == "blackhole":
                continue  # held open, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while not self.closed:
                readable, _, _ = select.select([a, b], [], [], 0.2)
                if self.mode != "up":
                    if self.mode == "refuse":
                        break
                    continue  # blackhole: data waits, unanswered
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except OSError:
            pass
        finally:
            a.close()
            b.close()

    def _close_all(self) -> None:
        with self.lock:
            connections, self.connections = self.connections, []
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def set_mode(self, mode: str) -> None:
        assert mode in {"up", "refuse", "blackhole"}
        previous, self.mode = self.mode, mode
        if mode == "refuse" or (mode == "up" and previous == "blackhole"):
            self._close_all()  # a database that went away: its connections are gone too

    def close(self) -> None:
        self.closed = True
        self.server.close()
        self._close_all()

"""A tiny SMTP server on 127.0.0.1 for tests, which can trickle a reply one byte at a time.

It speaks just enough SMTP for Django's backend (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps what it
received in `messages`. With `trickle_at="greeting"` it never finishes its greeting, with `trickle_at="data"`
it never finishes its answer to a message it received: it sends a continuation line ("250-…") one byte every
`TRICKLE_INTERVAL` seconds, each byte well within any read timeout, until the client hangs up.
"""

import socket
import threading
import time

TRICKLE_INTERVAL = 0.05


class SMTPTestServer:
    def __init__(self, trickle_at: str | None = None):
        assert trickle_at in {None, "greeting", "data"}
        self.trickle_at = trickle_at
        self.messages: list[bytes] = []
        self.trickling = threading.Event()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=10)
        self._listener.close()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _address = self._listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10)
                try:
                    self._converse(conn)
                except OSError:
                    pass  # the client hung up (as the deadline makes it do): wait for the next one

    def _trickle(self, conn, code: bytes):
        self.trickling.set()
        line = code + b"-please wait\r\n"
        while not self._stop.is_set():
            for byte in line:
                conn.sendall(bytes([byte]))
                time.sleep(TRICKLE_INTERVAL)

    def _converse(self, conn):
        file = conn.makefile("rb")
        if self.trickle_at == "greeting":
            self._trickle(conn, b"220")
        conn.sendall(b"220 test ESMTP\r\n")
        while line := file.readline():
            command = line.strip().split(b" ")[0].upper()
            if command in {b"EHLO", b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"}:
                conn.sendall(b"250 OK\r\n")
            elif command == b"DATA":
                conn.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                message = b"".join(iter(lambda: _data_line(file), None))
                self.messages.append(message)
                if self.trickle_at == "data":
                    self._trickle(conn, b"250")
                conn.sendall(b"250 queued\r\n")
            elif command == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"502 not implemented\r\n")


def _data_line(file):
    line = file.readline()
    return None if line in {b".\r\n", b""} else line

"""The two small proxies of the load topology (`bench.load`), each a process of its own:

    python -m bench.proxies http --listen 18100 --to 127.0.0.1:18101 --to 127.0.0.1:18102
    python -m bench.proxies tcp --listen 18103 --to 127.0.0.1:5672

`http` is the load balancer in front of the shop's gunicorn instances: requests are handed to the healthy instances
in turn (round robin, one upstream connection per request, as gunicorn's sync workers close every connection). An
instance is healthy while its `/health/` answers 200 within 10 s (checked every second, as a load balancer's
health check does), so a restarted instance gets requests once its workers are ready, not while they boot. An
instance that refuses the connection (killed) is taken out at once and skipped for the next one, for any
request, since nothing was sent to it; a GET or HEAD whose instance dies before answering is tried on the next
one, as nginx's `proxy_next_upstream error` does. A POST whose instance dies mid-request is not replayed (it may
have taken effect): the client gets a 502 with `X-Balancer: upstream lost`, so a report can tell it from the
shop's own errors. It appends the peer's address to `X-Forwarded-For`, as nginx's `$proxy_add_x_forwarded_for`.

`tcp` relays every connection to the broker, until it gets SIGUSR1: then it closes every relayed connection and
stops listening (clients are refused: the broker is unreachable), until SIGUSR2 opens it again.
"""

import argparse
import asyncio
import itertools
import signal
import sys
import time

RETRY_METHODS = {b"GET", b"HEAD"}
MAX_HEAD = 64 * 1024
HEALTH_EVERY, HEALTH_TIMEOUT = 1, 10


class Unanswered(Exception):
    """The instance closed the connection before its answer's status line."""


def address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


# --- HTTP round robin ---------------------------------------------------------------------------------------


class Balancer:
    """Round-robin HTTP/1.1 reverse proxy over `upstreams`; keeps client connections alive."""

    def __init__(self, upstreams):
        self.upstreams = upstreams
        self.turn = itertools.cycle(range(len(upstreams)))
        self.healthy = [True] * len(upstreams)
        self.refused_at = [0.0] * len(upstreams)  # when each last refused a connection (time.monotonic())

    async def check_health(self):
        """Forever: each instance healthy while its `/health/` answers 200 within HEALTH_TIMEOUT seconds."""
        while True:
            started = time.monotonic()
            answers = await asyncio.gather(*(_answers_200(host, port, "/health/") for host, port in self.upstreams))
            # An instance that refused a connection since this round began stays out until the next round.
            self.healthy = [ok and self.refused_at[n] < started for n, ok in enumerate(answers)]
            await asyncio.sleep(HEALTH_EVERY)

    def next_upstream(self) -> int:
        """The next healthy instance in turn; when none is (a saturated instance answers its health check late),
        the next one that has not refused a connection lately; else the next one at all."""
        for _ in range(len(self.upstreams)):
            number = next(self.turn)
            if self.healthy[number]:
                return number
        lately = time.monotonic() - HEALTH_TIMEOUT - HEALTH_EVERY
        for _ in range(len(self.upstreams)):
            number = next(self.turn)
            if self.refused_at[number] < lately:
                return number
        return next(self.turn)

    async def serve_client(self, reader, writer):
        peer = writer.get_extra_info("peername")[0]
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                request_line, headers = _parse_head(head)
                method = request_line.split(b" ", 1)[0]
                length = int(headers.get(b"content-length", b"0"))
                body = await reader.readexactly(length) if length else b""
                keep_alive = headers.get(b"connection", b"").lower() != b"close"
                forwarded = headers.get(b"x-forwarded-for")
                headers[b"x-forwarded-for"] = (forwarded + b", " if forwarded else b"") + peer.encode()
                headers[b"connection"] = b"close"
                upstream_request = _build_head(request_line, headers) + body
                response = await self.forward(method, upstream_request)
                writer.write(_with_connection(response, keep_alive))
                await writer.drain()
                if not keep_alive:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            writer.close()

    async def forward(self, method, request) -> bytes:
        """The first instance's whole answer; the next instance on a refused connection (or a lost GET)."""
        for _ in range(3 * len(self.upstreams)):
            number = self.next_upstream()
            host, port = self.upstreams[number]
            try:
                reader, writer = await asyncio.open_connection(host, port)
            except OSError as error:
                self.healthy[number], self.refused_at[number] = False, time.monotonic()
                _log(f"{port}: not connected: {error!r}")
                continue
            try:
                writer.write(request)
                await writer.drain()
                response = await reader.read()
                if not response.startswith(b"HTTP/"):
                    raise Unanswered
                return response
            except (OSError, Unanswered) as error:
                _log(f"{port}: {request.split(b' ', 2)[:2]} lost: {error!r}")
                if method not in RETRY_METHODS:
                    return _bad_gateway(b"upstream lost")
            finally:
                writer.close()
        return _bad_gateway(b"no upstream")


def _log(text):
    print(time.strftime("%H:%M:%S"), text, file=sys.stderr, flush=True)


async def _answers_200(host, port, path) -> bool:
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT):
            reader, writer = await asyncio.open_connection(host, port)
            try:
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                await writer.drain()
                return (await reader.readline()).split()[1:2] == [b"200"]
            finally:
                writer.close()
    except (OSError, TimeoutError):
        return False


def _parse_head(head: bytes):
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers


def _build_head(first_line: bytes, headers: dict) -> bytes:
    return first_line + b"\r\n" + b"".join(name + b": " + value + b"\r\n" for name, value in headers.items()) + b"\r\n"


def _with_connection(response: bytes, keep_alive: bool) -> bytes:
    """The instance's answer (read to its end) with its length stated and our own Connection header."""
    head, _, body = response.partition(b"\r\n\r\n")
    first_line, headers = _parse_head(head + b"\r\n\r\n")
    headers.pop(b"transfer-encoding", None)  # gunicorn's sync workers close instead of chunking
    headers[b"content-length"] = str(len(body)).encode()
    headers[b"connection"] = b"keep-alive" if keep_alive else b"close"
    return _build_head(first_line, headers) + body


def _bad_gateway(reason: bytes) -> bytes:
    body = b"Bad gateway: " + reason
    return (
        b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nX-Balancer: "
        + reason
        + b"\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\nConnection: close\r\n\r\n"
        + body
    )


# --- TCP relay that can be cut -----------------------------------------------------------------------------


class Relay:
    """Relays connections to `target`; `cut()` drops them all and refuses new ones until `restore()`."""

    def __init__(self, listen, target):
        self.listen, self.target = listen, target
        self.server = None
        self.writers = set()

    async def start(self):
        self.server = await asyncio.start_server(self.relay, *self.listen, reuse_address=True)

    def cut(self):
        if self.server is None:
            return
        self.server.close()
        self.server = None
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    def restore(self):
        if self.server is None:
            asyncio.get_running_loop().create_task(self.start())

    async def relay(self, client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self.writers |= {client_writer, upstream_writer}
        await asyncio.gather(_pipe(client_reader, upstream_writer), _pipe(upstream_reader, client_writer))
        self.writers -= {client_writer, upstream_writer}


async def _pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def main_http(listen, upstreams):
    balancer = Balancer(upstreams)
    checks = asyncio.create_task(balancer.check_health())
    server = await asyncio.start_server(
        balancer.serve_client, *listen, reuse_address=True, backlog=1024, limit=MAX_HEAD
    )
    async with server:
        await asyncio.gather(server.serve_forever(), checks)


async def main_tcp(listen, target):
    relay = Relay(listen, target)
    await relay.start()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, relay.cut)
    loop.add_signal_handler(signal.SIGUSR2, relay.restore)
    await asyncio.Event().wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["http", "tcp"])
    parser.add_argument("--listen", type=address, required=True, help="[host:]port")
    parser.add_argument("--to", type=address, action="append", required=True, help="host:port (http: repeat)")
    args = parser.parse_args(argv)
    if args.kind == "http":
        asyncio.run(main_http(args.listen, args.to))
    else:
        asyncio.run(main_tcp(args.listen, args.to[0]))


if __name__ == "__main__":
    main()

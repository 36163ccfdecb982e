"""Redis plumbing for the "Bought together" tests (their orders come from `checkout.tests.factories.order_with`)."""

import socket
import threading
import uuid

import redis

from products import recommender


def unique_prefix() -> str:
    return f"test:recs:{uuid.uuid4().hex[:12]}"


def keys_under(client, prefix) -> set[bytes]:
    return set(client.scan_iter(match=f"{prefix}:*", count=500))


def delete_under(client, prefix) -> None:
    keys = list(keys_under(client, prefix))
    if keys:
        client.unlink(*keys)


def forget_redis_clients() -> None:
    """Drop the per-process Redis recommenders, so each test starts with no client and no pause."""
    with recommender._redis_recommenders_lock:
        for cached in recommender._redis_recommenders.values():
            cached.client.close()
        recommender._redis_recommenders.clear()


class RoundTrips:
    """Counts what a Redis client sends: `sends` = round trips (one per packed send), `commands` = their names."""

    def __init__(self, monkeypatch):
        self.sends = 0
        self.commands = []
        original_send = redis.connection.AbstractConnection.send_packed_command
        original_send_command = redis.connection.AbstractConnection.send_command
        original_pack_many = redis.connection.AbstractConnection.pack_commands

        def send_packed_command(connection, command, check_health=True):
            self.sends += 1
            return original_send(connection, command, check_health)

        def send_command(connection, *args, **kwargs):
            self.commands.append(str(args[0]).upper())
            return original_send_command(connection, *args, **kwargs)

        def pack_commands(connection, commands):
            self.commands.extend(str(args[0]).upper() for args in commands)
            return original_pack_many(connection, commands)

        monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", send_packed_command)
        monkeypatch.setattr(redis.connection.AbstractConnection, "send_command", send_command)
        monkeypatch.setattr(redis.connection.AbstractConnection, "pack_commands", pack_commands)

    def reset(self):
        self.sends = 0
        self.commands = []


class SilentServer:
    """A TCP server that accepts connections and reads, but never answers: a Redis that hangs."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)  # kept open and never written to

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()

"""Where counted views wait for the next flush: this process's memory, then optionally Redis.

Buffers count per `(article_id, "YYYY-MM-DD")` and hand out the whole lot as one `Batch` with a
fresh id. A batch that was sent is `done`; one the broker refused is given back and counted
again with the next flush, so a broker outage loses nothing.

A view always lands in the process's `MemoryBuffer` (a dict behind a lock: microseconds, and no
network on the page's path). With Redis, each flush first `push`es the process's counts into
one shared hash in a single round trip, and then the process that wins the short `lead` lock
takes the whole hash for the site: one fold task per interval however many web processes there
are, and views already pushed survive a web process that dies. The take RENAMEs the hash to a
batch key inside a Lua script, so two processes never take the same views. A batch stays listed
as in flight until it is done or given back; one left behind by a process that died mid-flush
is re-sent under its own id after `STALE_AFTER` seconds (the fold ignores an id it has seen, so
a re-send never counts twice).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

Key = tuple[int, str]


@dataclass(frozen=True)
class Batch:
    """Views taken from a buffer to be folded together under one id."""

    batch_id: str
    counts: dict[Key, int]
    reclaimed: bool = False  # re-sent after its first flush died: it may have been folded already

    @property
    def views(self) -> int:
        """How many views the batch holds."""
        return sum(self.counts.values())

    def rows(self) -> list[list[Any]]:
        """The batch as the fold task takes it: plain `[article_id, day, views]` lists."""
        return [[article_id, day, views] for (article_id, day), views in sorted(self.counts.items())]


def new_batch_id() -> str:
    """A batch id no other flush, in any process, will use."""
    return uuid.uuid4().hex


class ViewBuffer(Protocol):
    """What the flusher needs from a buffer."""

    def take(self) -> Batch | None: ...
    def done(self, batch: Batch) -> None: ...
    def give_back(self, batch: Batch) -> None: ...
    def pending(self) -> dict[Key, int]: ...
    def clear(self) -> None: ...
    def after_fork(self) -> None: ...


class MemoryBuffer:
    """A thread-safe counter in this process (one web process, or tests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Key, int] = {}

    def add(self, article_id: int, day: str) -> None:
        key = (article_id, day)
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1

    def take(self) -> Batch | None:
        with self._lock:
            counts, self._counts = self._counts, {}
        return Batch(new_batch_id(), counts) if counts else None

    def done(self, batch: Batch) -> None:
        """Nothing to forget: taking emptied the counter."""

    def give_back(self, batch: Batch) -> None:
        with self._lock:
            for key, views in batch.counts.items():
                self._counts[key] = self._counts.get(key, 0) + views

    def pending(self) -> dict[Key, int]:
        with self._lock:
            return dict(self._counts)

    def clear(self) -> None:
        with self._lock:
            self._counts = {}

    def after_fork(self) -> None:
        """A forked child starts empty with a fresh lock: its parent still owns what was counted."""
        self._lock = threading.Lock()
        self._counts = {}


# KEYS: pending hash, batch hash, in-flight zset. ARGV: batch id, now.
_TAKE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return redis.call('HGETALL', KEYS[2])
"""

# KEYS: pending hash, batch hash, in-flight zset. ARGV: batch id.
_GIVE_BACK = """
local fields = redis.call('HGETALL', KEYS[2])
for i = 1, #fields, 2 do redis.call('HINCRBY', KEYS[1], fields[i], fields[i + 1]) end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return #fields / 2
"""

# KEYS: in-flight zset, batch key prefix. ARGV: cutoff, now. Claims the oldest stale batch for a
# re-send. Its batch key is built from the prefix; the `{cms-visits}` hash tag keeps it in one slot.
_RECLAIM = """
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
if #stale == 0 then return false end
local fields = redis.call('HGETALL', KEYS[2] .. stale[1])
if #fields == 0 then redis.call('ZREM', KEYS[1], stale[1]) return false end
redis.call('ZADD', KEYS[1], ARGV[2], stale[1])
table.insert(fields, 1, stale[1])
return fields
"""


class RedisBuffer:
    """Views pushed by every web process that uses the same Redis, waiting in one hash."""

    STALE_AFTER = 60.0

    def __init__(self, client: Any, prefix: str = "{cms-visits}") -> None:
        self._redis = client
        self._pending = f"{prefix}:pending"
        self._inflight = f"{prefix}:inflight"
        self._batch_prefix = f"{prefix}:batch:"
        self._lock = f"{prefix}:flush-lock"
        self._take = client.register_script(_TAKE)
        self._give_back = client.register_script(_GIVE_BACK)
        self._reclaim = client.register_script(_RECLAIM)

    def push(self, counts: dict[Key, int]) -> None:
        """Add a process's counts to the shared hash, all or nothing, in one round trip."""
        with self._redis.pipeline(transaction=True) as pipe:
            for (article_id, day), views in counts.items():
                pipe.hincrby(self._pending, f"{article_id}:{day}", views)
            pipe.execute()

    def lead(self, seconds: float) -> bool:
        """Whether this process takes the shared hash this time (one taker per `seconds`)."""
        return bool(self._redis.set(self._lock, "1", nx=True, px=max(100, int(seconds * 1000))))

    def take(self) -> Batch | None:
        """A batch left behind by a dead flush if there is one, else everything pending."""
        now = time.time()
        stale = self._reclaim(keys=[self._inflight, self._batch_prefix], args=[now - self.STALE_AFTER, now])
        if stale:
            return Batch(_text(stale[0]), _counts(stale[1:]), reclaimed=True)
        batch_id = new_batch_id()
        fields = self._take(keys=[self._pending, self._batch_key(batch_id), self._inflight], args=[batch_id, now])
        return Batch(batch_id, _counts(fields)) if fields else None

    def done(self, batch: Batch) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._batch_key(batch.batch_id))
            pipe.zrem(self._inflight, batch.batch_id)
            pipe.execute()

    def give_back(self, batch: Batch) -> None:
        """Count a refused batch again; a reclaimed one stays in flight to be re-sent under its own id."""
        if batch.reclaimed:
            return
        self._give_back(keys=[self._pending, self._batch_key(batch.batch_id), self._inflight], args=[batch.batch_id])

    def pending(self) -> dict[Key, int]:
        return _counts(_flatten(self._redis.hgetall(self._pending).items()))

    def clear(self) -> None:
        batch_keys = [self._batch_key(_text(b)) for b in self._redis.zrange(self._inflight, 0, -1)]
        self._redis.delete(self._pending, self._inflight, self._lock, *batch_keys)

    def after_fork(self) -> None:
        """Nothing to do: redis-py's pool makes new connections in a forked child."""

    def _batch_key(self, batch_id: str) -> str:
        return f"{self._batch_prefix}{batch_id}"


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _flatten(pairs: Iterable[tuple[Any, Any]]) -> list[Any]:
    return [item for pair in pairs for item in pair]


def _counts(fields: list[Any]) -> dict[Key, int]:
    """`[field, value, field, value, ...]` with fields `"<article_id>:<day>"` as a counts dict."""
    counts: dict[Key, int] = {}
    for field, value in zip(fields[::2], fields[1::2], strict=True):
        article_id, _, day = _text(field).partition(":")
        counts[(int(article_id), day)] = int(value)
    return counts

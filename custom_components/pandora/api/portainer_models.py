"""Typed Portainer CE 2.x and Docker Engine models, parsed defensively, and Docker log framing.

Facts (../shared/notes/service-apis.md, sections 4 and 7):
- environments (`/api/endpoints`) have `Status` 1 up, 2 down; stacks `Status` 1 active,
  2 inactive, `Env` a list of `{name, value}`, dates as Unix seconds (0: never);
- containers come from the Docker Engine through Portainer's proxy: `Names` start with "/",
  `Created` is Unix seconds, health only shows in `Status` ("Up 5 seconds (healthy)");
- `stats?stream=false` samples twice, so `precpu_stats` is filled; a stopped container has
  empty `memory_stats` and zero CPU counters;
- logs of a container without a TTY are multiplexed: frames of `[stream, 0, 0, 0, size (u32 BE)]`
  then the payload (stream 1 stdout, 2 stderr); with a TTY they are the raw text (`\\r\\n`).
  With `timestamps=1` every message starts with an RFC 3339 time with nanoseconds and a space.
A missing or mistyped field falls back to a neutral value; only an answer of the wrong shape
(not an object, not a list) is a `ParseError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
import re
import struct
from typing import Any, Literal

from .errors import ParseError

ContainerState = Literal["created", "running", "paused", "restarting", "removing", "exited", "dead"]
ContainerHealth = Literal["healthy", "unhealthy", "starting", "none"]
LogStream = Literal["stdout", "stderr"]

CONTAINER_STATES: tuple[ContainerState, ...] = (
    "created",
    "running",
    "paused",
    "restarting",
    "removing",
    "exited",
    "dead",
)
COMPOSE_PROJECT = "com.docker.compose.project"
COMPOSE_SERVICE = "com.docker.compose.service"
ENDPOINT_UP = 1
STACK_ACTIVE = 1

_HEALTH = re.compile(r"\((healthy|unhealthy|health: starting)\)")
# How long ago, as Docker writes it into `Status` (go-units HumanDuration, then " ago" after
# an exit): "Up 3 seconds", "Exited (0) About an hour ago".
_AGE = re.compile(
    r"\s*\b(?:Less than a second|About an? (?:minute|hour)|"
    r"\d+ (?:second|minute|hour|day|week|month|year)s?)(?: ago)?"
)
_HEALTH_NAMES: dict[str, ContainerHealth] = {
    "healthy": "healthy",
    "unhealthy": "unhealthy",
    "health: starting": "starting",
}
_TIMESTAMP = re.compile(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) ")
_HEADER = struct.Struct(">BxxxI")


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return int(value)


def _opt_int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _object(data: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ParseError(f"Portainer {what} is not a JSON object")
    return data


def _list(data: Any, what: str) -> list[Any]:
    if not isinstance(data, list):
        raise ParseError(f"Portainer {what} is not a list")
    return data


def _objects(data: Any, what: str) -> list[Mapping[str, Any]]:
    """The objects of a list answer; a list holding none is a `ParseError`.

    Such a list is not the answer asked for (a proxy's, a broken server's): read as "nothing
    there", it would remove every container's device.
    """
    items = _list(data, what)
    objects = [item for item in items if isinstance(item, Mapping)]
    if items and not objects:
        raise ParseError(f"Portainer {what} holds no objects")
    return objects


def _labels(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def unix_time(value: Any) -> datetime | None:
    """Unix seconds as an aware UTC datetime (None when missing or 0, "never")."""
    seconds = _opt_int(value)
    if not seconds or seconds < 0:
        return None
    return datetime.fromtimestamp(seconds, UTC)


def status_without_age(status: str) -> str:
    """Docker's `Status` without how long ago: "Up (healthy)", "Exited (137)".

    With the age the text changes at every poll, and so would a state showing it.
    """
    return " ".join(_AGE.sub("", status).split())


def parse_health(status: str) -> ContainerHealth:
    """The health Docker shows in a container's `Status` text ("none" without a healthcheck)."""
    match = _HEALTH.search(status)
    return _HEALTH_NAMES[match.group(1)] if match else "none"


@dataclass(frozen=True, slots=True)
class PortainerStatus:
    """Who the server is (`/api/system/status`, public)."""

    version: str
    # Made at the server's first start and kept in its database, so it survives a move to
    # another address; early 2.x releases do not send it.
    instance_id: str | None

    @classmethod
    def from_dict(cls, data: Any) -> PortainerStatus:
        """Build from a status answer; one without a version is refused."""
        body = _object(data, "status")
        version = _str(body.get("Version"))
        if not version:
            raise ParseError("Portainer status has no Version")
        return cls(version=version, instance_id=_str(body.get("InstanceID")).strip() or None)


@dataclass(slots=True)
class Endpoint:
    """A Portainer environment (`/api/endpoints`)."""

    id: int
    name: str
    type: int  # 1 Docker, 2 agent, 3 Azure, 4 Edge agent, 5-7 Kubernetes
    url: str
    up: bool  # Status 1

    @classmethod
    def from_dict(cls, data: Any) -> Endpoint:
        """Build from one environment object."""
        body = _object(data, "environment")
        return cls(
            id=_int(body.get("Id")),
            name=_str(body.get("Name")),
            type=_int(body.get("Type")),
            url=_str(body.get("URL")),
            up=_int(body.get("Status")) == ENDPOINT_UP,
        )


@dataclass(slots=True)
class Container:
    """A container of `GET /containers/json?all=1` on one environment."""

    id: str
    name: str  # without the leading "/"
    image: str
    state: ContainerState  # a state this client does not know is reported as "dead"
    status: str  # Docker's text: "Up 5 seconds (healthy)", "Exited (0) 3 minutes ago"
    health: ContainerHealth
    created: datetime
    labels: dict[str, str]
    endpoint_id: int

    @property
    def compose_project(self) -> str | None:
        """The compose project (the Portainer stack's name) it belongs to."""
        return self.labels.get(COMPOSE_PROJECT) or None

    @property
    def compose_service(self) -> str | None:
        """Its service in the compose file."""
        return self.labels.get(COMPOSE_SERVICE) or None

    @property
    def running(self) -> bool:
        """Whether it runs (paused and restarting containers do not)."""
        return self.state == "running"

    @classmethod
    def from_dict(cls, data: Any, endpoint_id: int) -> Container:
        """Build from one `containers/json` item."""
        body = _object(data, "container")
        names = body.get("Names")
        name = next((n for n in names if isinstance(n, str)), "") if isinstance(names, list) else ""
        state = _str(body.get("State")).lower()
        status = _str(body.get("Status"))
        return cls(
            id=_str(body.get("Id")),
            name=name.removeprefix("/"),
            image=_str(body.get("Image")),
            state=next((s for s in CONTAINER_STATES if s == state), "dead"),
            status=status,
            health=parse_health(status),
            created=unix_time(body.get("Created")) or datetime.fromtimestamp(0, UTC),
            labels=_labels(body.get("Labels")),
            endpoint_id=endpoint_id,
        )


def parse_containers(data: Any, endpoint_id: int) -> list[Container]:
    """Every container of a `containers/json` answer."""
    return [Container.from_dict(item, endpoint_id) for item in _objects(data, "container list")]


@dataclass(slots=True)
class ContainerStats:
    """One `stats?stream=false` sample, computed like `docker stats` (None: not running)."""

    cpu_percent: float | None  # of one CPU: 200.0 is two CPUs busy
    memory_bytes: int | None  # usage minus the page cache it could drop
    memory_limit: int | None

    @classmethod
    def from_dict(cls, data: Any) -> ContainerStats:
        """Build from a stats answer.

        CPU: Δ`total_usage` / Δ`system_cpu_usage` × `online_cpus` × 100 between `precpu_stats`
        and `cpu_stats` (None without two samples). Memory: `usage` minus the inactive file
        cache, as the Docker CLI computes it: cgroup v1's `total_inactive_file`, cgroup v2's
        `inactive_file` (None when `memory_stats` is empty, as for a stopped container).
        """
        body = _object(data, "container stats")
        cpu = body.get("cpu_stats")
        pre = body.get("precpu_stats")
        cpu_percent: float | None = None
        if isinstance(cpu, Mapping) and isinstance(pre, Mapping):
            usage, pre_usage = cpu.get("cpu_usage"), pre.get("cpu_usage")
            total = _int(usage.get("total_usage")) if isinstance(usage, Mapping) else 0
            pre_total = _int(pre_usage.get("total_usage")) if isinstance(pre_usage, Mapping) else 0
            system = _int(cpu.get("system_cpu_usage"))
            pre_system = _int(pre.get("system_cpu_usage"))
            cpus = _int(cpu.get("online_cpus"))
            if not cpus and isinstance(usage, Mapping):
                per_cpu = usage.get("percpu_usage")
                cpus = len(per_cpu) if isinstance(per_cpu, list) else 0
            if system and pre_system:
                delta_system = system - pre_system
                delta_total = total - pre_total
                cpu_percent = 0.0
                if delta_system > 0 and delta_total > 0:
                    cpu_percent = delta_total / delta_system * max(cpus, 1) * 100.0
        memory = body.get("memory_stats")
        memory_bytes: int | None = None
        memory_limit: int | None = None
        if isinstance(memory, Mapping) and _opt_int(memory.get("usage")) is not None:
            usage_bytes = _int(memory.get("usage"))
            detail = memory.get("stats")
            detail = detail if isinstance(detail, Mapping) else {}
            cache = detail.get("total_inactive_file", detail.get("inactive_file"))
            cache_bytes = _int(cache)
            memory_bytes = usage_bytes - cache_bytes if cache_bytes < usage_bytes else usage_bytes
            memory_limit = _opt_int(memory.get("limit")) or None
        return cls(cpu_percent=cpu_percent, memory_bytes=memory_bytes, memory_limit=memory_limit)


@dataclass(slots=True)
class Stack:
    """A Portainer stack (`/api/stacks`)."""

    id: int
    name: str
    type: int  # 1 swarm, 2 compose, 3 Kubernetes
    endpoint_id: int
    active: bool  # Status 1
    env: dict[str, str]  # in Portainer's order
    created: datetime | None
    updated: datetime | None

    @classmethod
    def from_dict(cls, data: Any) -> Stack:
        """Build from one stack object."""
        body = _object(data, "stack")
        env: dict[str, str] = {}
        raw_env = body.get("Env")
        for item in raw_env if isinstance(raw_env, list) else ():
            if isinstance(item, Mapping) and isinstance(item.get("name"), str):
                env[item["name"]] = _str(item.get("value"))
        return cls(
            id=_int(body.get("Id")),
            name=_str(body.get("Name")),
            type=_int(body.get("Type")),
            endpoint_id=_int(body.get("EndpointId")),
            active=_int(body.get("Status")) == STACK_ACTIVE,
            env=env,
            created=unix_time(body.get("CreationDate")),
            updated=unix_time(body.get("UpdateDate")),
        )


def parse_stacks(data: Any) -> list[Stack]:
    """Every stack of a `/api/stacks` answer (Portainer sends null for none)."""
    if data is None:
        return []
    return [Stack.from_dict(item) for item in _objects(data, "stack list")]


def parse_endpoints(data: Any) -> list[Endpoint]:
    """Every environment of an `/api/endpoints` answer."""
    return [Endpoint.from_dict(item) for item in _objects(data, "environment list")]


# --- logs -------------------------------------------------------------------------------------


@dataclass(slots=True)
class LogLine:
    """One line of a container's log."""

    stream: LogStream
    text: str  # without the line end
    time: datetime | None  # when asked for timestamps


def parse_log_time(raw: bytes) -> datetime | None:
    """An RFC 3339 time with up to nanoseconds ("2026-11-23T06:37:35.123456789Z")."""
    match = _TIMESTAMP.match(raw + b" ")
    if not match or match.end() != len(raw) + 1:
        return None
    return _time_of(match)


def _time_of(match: re.Match[bytes]) -> datetime | None:
    base, fraction, zone = (part.decode() if part else "" for part in match.groups())
    micro = f".{fraction[:6].ljust(6, '0')}" if fraction else ""
    try:
        moment = datetime.fromisoformat(f"{base}{micro}{'+00:00' if zone == 'Z' else zone}")
    except ValueError:
        return None
    return moment.astimezone(UTC)


class _Lines:
    """Bytes of one stream cut into lines; a line may come in several frames."""

    def __init__(self, stream: LogStream, timestamps: bool, out: list[LogLine]) -> None:
        self.stream: LogStream = stream
        self.timestamps = timestamps
        self.out = out
        self.buffer = bytearray()
        self.time: datetime | None = None
        self.at_line_start = True

    def _strip_time(self, payload: bytes, start: int) -> int:
        match = _TIMESTAMP.match(payload, start)
        if match is None:
            return start
        moment = _time_of(match)
        if moment is None:
            return start
        if self.at_line_start:
            self.time = moment
        return match.end()

    def feed(self, payload: bytes, *, message: bool) -> None:
        """Add bytes of this stream.

        `message`: they are one Docker log message (a frame), which starts with its own
        timestamp even when it continues a line (Docker splits lines over 16 KiB).
        """
        if not payload:
            return
        start = 0
        first = True
        while True:
            if self.timestamps and (self.at_line_start or (message and first)):
                start = self._strip_time(payload, start)
            self.at_line_start = False
            first = False
            end = payload.find(b"\n", start)
            if end < 0:
                self.buffer += payload[start:]
                return
            self.buffer += payload[start:end]
            self.flush()
            start = end + 1
            if start >= len(payload):
                return

    def flush(self) -> None:
        """Emit the pending line."""
        if self.at_line_start:
            return
        text = self.buffer.decode("utf-8", errors="replace").removesuffix("\r")
        self.out.append(LogLine(self.stream, text, self.time))
        self.buffer.clear()
        self.time = None
        self.at_line_start = True


def is_multiplexed(data: bytes) -> bool:
    """Whether `data` starts like Docker's stream framing (a TTY container's logs do not)."""
    return len(data) >= _HEADER.size and data[0] in (0, 1, 2) and data[1:4] == b"\0\0\0"


def parse_log_stream(
    data: bytes, *, tty: bool | None = None, timestamps: bool = False
) -> list[LogLine]:
    """Lines of a `containers/{id}/logs` answer.

    `tty`: whether the container has a TTY (raw text, all stdout); None sniffs the framing.
    `timestamps`: the answer was asked with `timestamps=1`; each line's time is parsed off.
    A line split over frames is joined; a truncated last frame keeps what arrived.
    """
    out: list[LogLine] = []
    framed = is_multiplexed(data) if tty is None else not tty
    if not framed:
        lines = _Lines("stdout", timestamps, out)
        lines.feed(data, message=False)
        lines.flush()
        return out
    streams = {
        "stdout": _Lines("stdout", timestamps, out),
        "stderr": _Lines("stderr", timestamps, out),
    }
    pos = 0
    while pos + _HEADER.size <= len(data):
        kind, size = _HEADER.unpack_from(data, pos)
        pos += _HEADER.size
        payload = data[pos : pos + size]
        pos += size
        streams["stderr" if kind == 2 else "stdout"].feed(payload, message=True)
    for lines in streams.values():
        lines.flush()
    return out

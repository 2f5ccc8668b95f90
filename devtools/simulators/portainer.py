"""A Portainer CE 2.23 simulator in front of a real Docker Engine, with compose stacks.

It follows Portainer as read in portainer/portainer 2.23 (../shared/notes/service-apis.md,
section 7) and passes the Docker Engine API through to a real dockerd (section 4):
- auth: `X-API-Key` header (any case) or `?X-API-Key=`; no key is 401 "A valid authorisation
  token is missing", a wrong one 401 "Invalid API key"; errors are `{"message","details"}`;
  `/api/system/status` and its deprecated alias `/api/status` are public and answer
  `{"Version","InstanceID"}` (a random UUID per simulator, as Portainer makes one at its first
  start); with `legacy_status` only `/api/status` exists and it answers `{"Version"}`, as
  early 2.x releases did; unknown routes are a plain-text 404;
  `restricted_key` is a user without access to any environment: it sees no environment and
  no stack, and gets 403 from an environment's Docker API or a stack;
- environments: 1 "local" (Docker, `unix:///var/run/docker.sock`, up) is the real engine at
  `docker_socket`; with `down_endpoint`, 2 "remote" (agent, down) answers its Docker API with
  an empty 502, as Portainer's reverse proxy does when it cannot reach an agent;
- `/api/endpoints/{id}/docker/<path>`: any method, query and body go to the engine (only the
  request headers Portainer's proxy keeps); status, headers and body come back streamed as
  they arrive (chunked logs, stats). Connection upgrades (attach, exec) are not supported;
- stacks live in memory (Portainer's JSON fields, dates in Unix seconds, `UpdateDate` 0 until
  updated): list (`filters={"EndpointID":N}`), get, `file`, create
  (`POST /api/stacks/create/standalone/string?endpointId=N`), update
  (`PUT /api/stacks/{id}?endpointId=N`: the payload's `Env` REPLACES the stack's, the file is
  stored and the stack redeployed), `stop` (compose down: containers removed, Status 2),
  `start` (compose up, Status 1), `DELETE` (down and forget). A failed deploy is a 500 and
  changes nothing stored.
Deploying runs a compose subset itself, like `docker compose --env-file stack.env up -d
--remove-orphans`:
- interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
  `${VAR:+alternative}`, `$VAR` and `$$` from the stack env, in every value;
- per service: `image`, `container_name` (else `<project>-<service>-1`), `environment`
  (list `K=V`/`K` or mapping), `env_file` (only `stack.env`: every stack variable; explicit
  `environment` wins), `command` and `entrypoint` (string, split like a shell, or list),
  `healthcheck` (`test`, `interval`, `timeout`, `retries`, `start_period`, `disable`),
  `labels`, `restart`, `tty`, `stdin_open`, `init`, `stop_grace_period`, `stop_signal`,
  `working_dir`, `user`, `hostname`, `depends_on` (order only) and `network_mode`. Other keys
  (ports, volumes, networks, ...) are accepted and ignored;
- networking: no network exists on the test engine, so `network_mode` `service:x` becomes
  `container:<x's container>`, `container:x` stays, and everything else (and no network_mode)
  is forced to `none`;
- containers carry compose's labels (`com.docker.compose.project`, `.service`,
  `.config-hash`: SHA-256 of the resolved service, `.container-number`, `.oneoff`, ...);
  a redeploy recreates only services whose hash changed, starts stopped ones, leaves the rest
  running and removes containers of services no longer in the file. Images are never pulled:
  one the engine lacks fails the deploy (the tests use `pandora/busybox:1`).

Tests steer failures with `inject(status, body, headers=, count=)` (the next answers, after
the key check) and read `deploys` (what each deploy did to which service); `start()` one
simulator twice to serve the same server at two addresses.

Run standalone: `python -m devtools.simulators.portainer --port 9000 --docker-socket /tmp/pd-x/
docker.sock` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
import hashlib
import json
import re
import shlex
import time
from typing import Any
import uuid

import aiohttp
from aiohttp import web
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the venv
from yarl import URL

from devtools.simulators import run, serve

DEFAULT_API_KEY = "ptr_5vKc3Q0kbm0m1gpGgX8HTbm1YHd1VyXJhtrVqzQ1bF8="  # ptr_ + base64, like 2.x
DEFAULT_RESTRICTED_KEY = "ptr_restrictedUserKeyWithoutEnvironmentAccess00000="
VERSION = "2.23.0"
ADMIN = "admin"
COMPOSE_VERSION = "2.29.1"
STACK_FILE = "docker-compose.yml"
ENV_FILE = "stack.env"
PUBLIC = frozenset({"/api/status", "/api/system/status"})
# Request headers Portainer's reverse proxy passes on (api/http/proxy/factory/reverse_proxy.go).
FORWARDED_HEADERS = (
    "Accept",
    "Accept-Language",
    "Cache-Control",
    "Content-Type",
    "User-Agent",
    "X-Registry-Auth",
    "X-Stream-Protocol-Version",
)
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
    }
)
DOCKER_TIMEOUT = aiohttp.ClientTimeout(total=None, sock_connect=10)
NOT_FOUND_DETAILS = "object not found inside the database"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_NAMED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EXPRESSION = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?", re.DOTALL)
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")
_DURATION_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}


def error(status: int, message: str, details: str = "") -> web.Response:
    """Portainer's error answer (libhttp's `{"message","details"}`)."""
    return web.json_response({"message": message, "details": details or message}, status=status)


class Refused(Exception):
    """A handler's early answer (an error); the middleware sends `response`."""

    def __init__(self, status: int, message: str, details: str = "") -> None:
        super().__init__(message)
        self.response = error(status, message, details)


class ComposeError(Exception):
    """The compose file cannot be deployed."""


# --- compose ----------------------------------------------------------------------------------


def interpolate(value: str, env: Mapping[str, str]) -> str:
    """Compose's variable substitution in one string (defaults may nest: `${A:-${B}}`)."""
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] != "$":
            out.append(value[i])
            i += 1
            continue
        following = value[i + 1 : i + 2]
        if following == "$":
            out.append("$")
            i += 2
        elif following == "{":
            depth, j = 1, i + 2
            while j < len(value) and depth:
                depth += {"{": 1, "}": -1}.get(value[j], 0)
                j += 1
            if depth:
                raise ComposeError(f"invalid interpolation format in {value!r}")
            out.append(_substitute(value[i + 2 : j - 1], env))
            i = j
        elif named := _NAMED.match(value, i + 1):
            out.append(env.get(named.group(), ""))
            i = named.end()
        else:
            out.append("$")
            i += 1
    return "".join(out)


def _substitute(expression: str, env: Mapping[str, str]) -> str:
    """One `${...}`: NAME, NAME:-default, NAME-default, NAME:?error, NAME?error, NAME:+alt."""
    match = _EXPRESSION.fullmatch(expression)
    if match is None:
        raise ComposeError(f"invalid interpolation format for ${{{expression}}}")
    name, op, arg = match.group(1), match.group(2) or "", match.group(3) or ""
    current = env.get(name)
    missing = not current if op.startswith(":") else current is None
    if op.endswith("?") and missing:
        raise ComposeError(f"required variable {name} is missing a value: {arg}")
    if op.endswith("-") and missing:
        return interpolate(arg, env)
    if op.endswith("+"):
        return "" if missing else interpolate(arg, env)
    return current or ""


def _interpolate_tree(value: Any, env: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return interpolate(value, env)
    if isinstance(value, list):
        return [_interpolate_tree(item, env) for item in value]
    if isinstance(value, dict):
        return {key: _interpolate_tree(item, env) for key, item in value.items()}
    return value


def parse_duration(value: Any) -> float:
    """A compose duration ("1m30s", "500ms", "2s") in seconds; a bare number is seconds."""
    if isinstance(value, bool):
        raise ComposeError(f"invalid duration {value!r}")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if not text or _DURATION.sub("", text):
        raise ComposeError(f"invalid duration {value!r}")
    return sum(float(n) * _DURATION_UNITS[unit] for n, unit in _DURATION.findall(text))


def _words(value: Any, what: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return shlex.split(value)
    if isinstance(value, list):
        return [str(item) for item in value]
    raise ComposeError(f"{what} must be a string or a list")


def _pairs(value: Any, what: str) -> list[tuple[str, str | None]]:
    """`K=V` list or mapping entries; `K` alone (or a null value) has no value."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [(str(k), None if v is None else _scalar(v)) for k, v in value.items()]
    if isinstance(value, list):
        pairs: list[tuple[str, str | None]] = []
        for item in value:
            key, sep, val = str(item).partition("=")
            pairs.append((key, val if sep else None))
        return pairs
    raise ComposeError(f"{what} must be a list or a mapping")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass
class ServicePlan:
    """One service, resolved: what to create and its compose config hash."""

    service: str
    container_name: str
    config: dict[str, Any]
    config_hash: str
    after: set[str] = field(default_factory=set)
    network_of: str | None = None  # the service whose network namespace it joins


def plan_services(
    content: str, env: Mapping[str, str], project: str, project_dir: str
) -> list[ServicePlan]:
    """The services of a compose file, resolved, in the order to create them."""
    try:
        document = yaml.safe_load(content)
    except yaml.YAMLError as err:
        raise ComposeError(f"invalid compose file: {err}") from err
    if not isinstance(document, dict) or not isinstance(document.get("services"), dict):
        raise ComposeError("the compose file has no services")
    if not document["services"]:
        raise ComposeError("the compose file has no services")
    plans: dict[str, ServicePlan] = {}
    names: dict[str, str] = {}
    for service, raw in document["services"].items():
        if not isinstance(raw, dict):
            raise ComposeError(f"service {service} must be a mapping")
        spec = _interpolate_tree(raw, env)
        names[str(service)] = str(spec.get("container_name") or f"{project}-{service}-1")
        plans[str(service)] = _plan(str(service), spec, env, project, project_dir)
    for plan in plans.values():
        mode = plan.config["HostConfig"]["NetworkMode"]
        if mode.startswith("service:"):
            target = mode.removeprefix("service:")
            if target not in names:
                raise ComposeError(f"service {plan.service} uses the network of unknown {target}")
            plan.after.add(target)
            plan.network_of = target
            plan.config["HostConfig"]["NetworkMode"] = f"container:{names[target]}"
        unknown = plan.after - plans.keys()
        if unknown:
            raise ComposeError(f"service {plan.service} depends on undefined {sorted(unknown)}")
        plan.config["Labels"]["com.docker.compose.depends_on"] = ",".join(
            f"{name}:service_started:false" for name in sorted(plan.after)
        )
    ordered: list[ServicePlan] = []
    placed: set[str] = set()
    while len(ordered) < len(plans):
        ready = [p for p in plans.values() if p.service not in placed and p.after <= placed]
        if not ready:
            raise ComposeError("dependency cycle between services")
        for plan in ready:
            ordered.append(plan)
            placed.add(plan.service)
    return ordered


def _plan(
    service: str, spec: dict[str, Any], env: Mapping[str, str], project: str, project_dir: str
) -> ServicePlan:
    image = spec.get("image")
    if not isinstance(image, str) or not image:
        raise ComposeError(f"service {service} has no image (build is not supported)")
    environment: dict[str, str] = {}
    env_files = spec.get("env_file")
    for env_file in [env_files] if isinstance(env_files, str | dict) else env_files or []:
        path = env_file.get("path") if isinstance(env_file, dict) else env_file
        if str(path).removeprefix("./") != ENV_FILE:
            raise ComposeError(f"env file {path} not found (only {ENV_FILE} exists)")
        environment.update(env)
    for key, value in _pairs(spec.get("environment"), "environment"):
        if value is not None:
            environment[key] = value
        elif key in env:
            environment[key] = env[key]
        else:
            environment.pop(key, None)
    labels = {k: v or "" for k, v in _pairs(spec.get("labels"), "labels")}
    mode = str(spec.get("network_mode") or "none")
    if not mode.startswith(("service:", "container:")):
        mode = "none"
    after = spec.get("depends_on") or []
    resolved = {
        "image": image,
        "environment": environment,
        "command": _words(spec.get("command"), "command"),
        "entrypoint": _words(spec.get("entrypoint"), "entrypoint"),
        "healthcheck": spec.get("healthcheck"),
        "labels": labels,
        "network_mode": mode,
        "restart": spec.get("restart"),
        "tty": bool(spec.get("tty", False)),
        "stdin_open": bool(spec.get("stdin_open", False)),
        "init": spec.get("init"),
        "stop_grace_period": spec.get("stop_grace_period"),
        "stop_signal": spec.get("stop_signal"),
        "working_dir": spec.get("working_dir"),
        "user": spec.get("user"),
        "hostname": spec.get("hostname"),
        "container_name": spec.get("container_name"),
    }
    digest = hashlib.sha256(json.dumps(resolved, sort_keys=True).encode()).hexdigest()
    name = str(spec.get("container_name") or f"{project}-{service}-1")
    config: dict[str, Any] = {
        "Image": image,
        "Env": [f"{k}={v}" for k, v in environment.items()],
        "Labels": {
            **labels,
            "com.docker.compose.project": project,
            "com.docker.compose.service": service,
            "com.docker.compose.config-hash": digest,
            "com.docker.compose.container-number": "1",
            "com.docker.compose.oneoff": "False",
            "com.docker.compose.depends_on": "",
            "com.docker.compose.project.config_files": f"{project_dir}/{STACK_FILE}",
            "com.docker.compose.project.working_dir": project_dir,
            "com.docker.compose.version": COMPOSE_VERSION,
        },
        "Tty": resolved["tty"],
        "OpenStdin": resolved["stdin_open"],
        "HostConfig": {
            "NetworkMode": mode,
            "RestartPolicy": _restart_policy(resolved["restart"]),
            "Init": bool(resolved["init"]) if resolved["init"] is not None else None,
        },
    }
    for key, item in (
        ("Cmd", resolved["command"]),
        ("Entrypoint", resolved["entrypoint"]),
        ("StopSignal", resolved["stop_signal"]),
        ("WorkingDir", resolved["working_dir"]),
        ("User", resolved["user"]),
        ("Hostname", resolved["hostname"]),
    ):
        if item is not None:
            config[key] = item
    if resolved["stop_grace_period"] is not None:
        config["StopTimeout"] = round(parse_duration(resolved["stop_grace_period"]))
    if resolved["healthcheck"] is not None:
        config["Healthcheck"] = _healthcheck(service, resolved["healthcheck"])
    return ServicePlan(
        service,
        name,
        config,
        digest,
        after={str(s) for s in (after if isinstance(after, list | dict) else [after])},
    )


def _restart_policy(value: Any) -> dict[str, Any]:
    text = "no" if value is None or value is False else str(value)
    name, _, count = text.partition(":")
    if name not in ("no", "always", "unless-stopped", "on-failure"):
        raise ComposeError(f"invalid restart policy {text!r}")
    return {"Name": name, "MaximumRetryCount": int(count) if count.isdigit() else 0}


def _healthcheck(service: str, spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict):
        raise ComposeError(f"service {service}: healthcheck must be a mapping")
    if spec.get("disable"):
        return {"Test": ["NONE"]}
    test = spec.get("test")
    if isinstance(test, str):
        test = ["CMD-SHELL", test]
    if not isinstance(test, list) or not test:
        raise ComposeError(f"service {service}: healthcheck needs a test")
    check: dict[str, Any] = {"Test": [str(part) for part in test]}
    for key, name in (
        ("interval", "Interval"),
        ("timeout", "Timeout"),
        ("start_period", "StartPeriod"),
        ("start_interval", "StartInterval"),
    ):
        if spec.get(key) is not None:
            check[name] = round(parse_duration(spec[key]) * 1e9)
    if spec.get("retries") is not None:
        check["Retries"] = int(spec["retries"])
    return check


# --- the simulator ----------------------------------------------------------------------------


@dataclass
class Fault:
    """An answer the simulator gives instead of the real one (what a proxy or a failing
    Portainer might send): status, body and headers, for the next `count` requests."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    count: int = 1


@dataclass
class SimEndpoint:
    """One environment."""

    id: int
    name: str
    type: int
    url: str
    up: bool

    def to_json(self) -> dict[str, Any]:
        """Portainer's Endpoint JSON (the fields clients read, and some they might)."""
        return {
            "Id": self.id,
            "Name": self.name,
            "Type": self.type,
            "URL": self.url,
            "GroupId": 1,
            "PublicURL": "",
            "Gpus": [],
            "TLSConfig": {"TLS": False, "TLSSkipVerify": False},
            "TagIds": [],
            "Status": 1 if self.up else 2,
            "Snapshots": [],
            "UserAccessPolicies": {},
            "TeamAccessPolicies": {},
            "EdgeID": "",
            "EdgeCheckinInterval": 0,
            "ComposeSyntaxMaxVersion": "",
            "LastCheckInDate": 0,
            "Agent": {"Version": ""},
            "Heartbeat": False,
            "IsEdgeDevice": False,
        }


@dataclass
class SimStack:
    """One compose stack."""

    id: int
    name: str
    endpoint_id: int
    content: str
    env: list[dict[str, str]]
    active: bool = True
    created: int = field(default_factory=lambda: int(time.time()))
    created_by: str = ADMIN
    updated: int = 0
    updated_by: str = ""

    @property
    def project_path(self) -> str:
        """Where Portainer keeps the stack's files."""
        return f"/data/compose/{self.id}"

    @property
    def env_map(self) -> dict[str, str]:
        """The env as `stack.env` holds it (a later duplicate wins)."""
        return {item["name"]: item["value"] for item in self.env}

    def to_json(self) -> dict[str, Any]:
        """Portainer's Stack JSON."""
        return {
            "Id": self.id,
            "Name": self.name,
            "Type": 2,
            "EndpointId": self.endpoint_id,
            "SwarmId": "",
            "EntryPoint": STACK_FILE,
            "Env": [dict(item) for item in self.env],
            "ResourceControl": {
                "Id": self.id,
                "ResourceId": f"{self.endpoint_id}_{self.name}",
                "SubResourceIds": [],
                "Type": 6,
                "UserAccesses": [],
                "TeamAccesses": [],
                "Public": False,
                "AdministratorsOnly": True,
                "System": False,
            },
            "Status": 1 if self.active else 2,
            "ProjectPath": self.project_path,
            "CreationDate": self.created,
            "CreatedBy": self.created_by,
            "UpdateDate": self.updated,
            "UpdatedBy": self.updated_by,
            "AdditionalFiles": None,
            "AutoUpdate": None,
            "Option": None,
            "GitConfig": None,
            "FromAppTemplate": False,
            "Namespace": "",
            "IsComposeFormat": False,
        }


def _secure(response: web.StreamResponse) -> None:
    """The bouncer's mwSecureHeaders."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Xss-Protection", "1; mode=block")


def _env_list(value: Any) -> list[dict[str, str]]:
    """A payload's `Env` (Go decodes name/value case-insensitively; null is no env)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("Env must be a list")
    pairs = []
    for item in value:
        if not isinstance(item, dict):
            raise ValueError("Env entries must be objects")
        fields = {str(k).lower(): v for k, v in item.items()}
        pairs.append({"name": str(fields.get("name", "")), "value": str(fields.get("value", ""))})
    return pairs


def _payload_field(payload: Mapping[str, Any], name: str) -> Any:
    """A JSON field matched case-insensitively, as Go's encoding/json does."""
    for key, value in payload.items():
        if key.lower() == name.lower():
            return value
    return None


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class PortainerSimulator:
    """Portainer's API over a real Docker Engine socket."""

    def __init__(
        self,
        docker_socket: str,
        api_key: str = DEFAULT_API_KEY,
        *,
        restricted_key: str | None = DEFAULT_RESTRICTED_KEY,
        down_endpoint: bool = True,
        legacy_status: bool = False,
    ) -> None:
        self.docker_socket = docker_socket
        self.legacy_status = legacy_status
        self.api_key = api_key
        self.restricted_key = restricted_key
        self.instance_id = str(uuid.uuid4())
        self.endpoints: dict[int, SimEndpoint] = {
            1: SimEndpoint(1, "local", 1, "unix:///var/run/docker.sock", True)
        }
        if down_endpoint:
            self.endpoints[2] = SimEndpoint(2, "remote", 2, "tcp://192.0.2.10:9001", False)
        self.stacks: dict[int, SimStack] = {}
        self.deploys: list[tuple[str, str]] = []  # (stack, "created gluetun", ...) for tests
        self.faults: list[Fault] = []
        self._next_stack = 1
        self._lock = asyncio.Lock()
        self._docker: aiohttp.ClientSession | None = None
        self._apps = 0

    def inject(
        self,
        status: int,
        body: bytes | str | Mapping[str, Any] = b"",
        *,
        headers: Mapping[str, str] | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next `count` authenticated requests with this instead."""
        if isinstance(body, Mapping):
            raw = json.dumps(body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        else:
            raw = body.encode() if isinstance(body, str) else body
        self.faults.append(Fault(status, raw, dict(headers or {}), count))

    # --- plumbing ---------------------------------------------------------------------------

    async def _session(self, app: web.Application) -> AsyncIterator[None]:
        # One session for every app serving this simulator (one server at two addresses).
        if self._docker is None:
            self._docker = aiohttp.ClientSession(
                connector=aiohttp.UnixConnector(path=self.docker_socket),
                timeout=DOCKER_TIMEOUT,
                auto_decompress=False,
            )
        self._apps += 1
        yield
        self._apps -= 1
        if not self._apps:
            await self._docker.close()
            self._docker = None

    @property
    def docker(self) -> aiohttp.ClientSession:
        """The session to the engine (open while the app runs)."""
        assert self._docker is not None, "the simulator is not running"
        return self._docker

    async def engine(
        self, method: str, path: str, *, params: Mapping[str, str] | None = None, body: Any = None
    ) -> tuple[int, Any]:
        """One Engine API call for the simulator's own work: status and decoded JSON."""
        async with self.docker.request(
            method,
            f"http://docker{path}",
            params=params,
            json=body,
            timeout=aiohttp.ClientTimeout(total=120),
        ) as resp:
            raw = await resp.read()
        try:
            data = json.loads(raw) if raw.strip() else None
        except ValueError:
            data = raw.decode(errors="replace")
        return resp.status, data

    async def _engine_ok(self, method: str, path: str, **kwargs: Any) -> Any:
        status, data = await self.engine(method, path, **kwargs)
        if status >= 400:
            message = data.get("message") if isinstance(data, dict) else data
            raise ComposeError(str(message))
        return data

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Security headers, gorilla/mux's 404 and 405, and the API key check."""
        response = await self._dispatch(request, handler)
        if not response.prepared:
            _secure(response)
        return response

    async def _dispatch(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        routing_error = request.match_info.http_exception
        if isinstance(routing_error, web.HTTPMethodNotAllowed):
            return web.Response(status=405)
        if routing_error is not None:
            return web.Response(status=404, text="404 page not found\n")
        try:
            request["user"] = self._user(request)
        except Refused as refused:
            return refused.response
        if self.faults:
            fault = self.faults[0]
            fault.count -= 1
            if fault.count <= 0:
                self.faults.pop(0)
            return web.Response(status=fault.status, body=fault.body, headers=fault.headers)
        try:
            return await handler(request)
        except Refused as refused:
            return refused.response

    def _user(self, request: web.Request) -> str:
        """Who the API key is (the bouncer: header in any case, or the query parameter)."""
        if request.path in PUBLIC:
            return ADMIN
        key = request.headers.get("X-API-Key") or request.query.get("X-API-Key")
        if not key:
            raise Refused(401, "A valid authorisation token is missing", "Unauthorized")
        if key == self.restricted_key:
            return "viewer"
        if key != self.api_key:
            raise Refused(401, "Invalid API key", "Unauthorized")
        return ADMIN

    def _endpoint(self, request: web.Request, raw: str | None = None) -> SimEndpoint:
        value = request.match_info.get("id", "") if raw is None else raw
        try:
            endpoint_id = int(value)
        except ValueError:
            raise Refused(400, "Invalid environment identifier route variable", value) from None
        endpoint = self.endpoints.get(endpoint_id)
        if endpoint is None:
            raise Refused(
                404,
                "Unable to find an environment with the specified identifier inside the database",
                NOT_FOUND_DETAILS,
            )
        if request["user"] != ADMIN:
            raise Refused(403, "Permission denied to access environment", "Access denied")
        return endpoint

    # --- server and environments ------------------------------------------------------------

    async def status(self, request: web.Request) -> web.Response:
        """`GET /api/system/status` and `GET /api/status` (public)."""
        if self.legacy_status:
            if request.path != "/api/status":
                return web.Response(status=404, text="404 page not found\n")
            return web.json_response({"Version": VERSION})
        return web.json_response({"Version": VERSION, "InstanceID": self.instance_id})

    async def list_endpoints(self, request: web.Request) -> web.Response:
        """`GET /api/endpoints`: those the user may use."""
        visible = [e.to_json() for e in self.endpoints.values() if request["user"] == ADMIN]
        return web.json_response(visible, headers={"X-Total-Count": str(len(visible))})

    async def get_endpoint(self, request: web.Request) -> web.Response:
        """`GET /api/endpoints/{id}`."""
        endpoint = self._endpoint(request)
        return web.json_response(endpoint.to_json())

    async def docker_proxy(self, request: web.Request) -> web.StreamResponse:
        """`/api/endpoints/{id}/docker/<path>`: the Engine API, streamed both ways."""
        endpoint = self._endpoint(request)
        if not endpoint.up:
            return web.Response(status=502)  # Go's ReverseProxy: empty body
        raw_path = request.rel_url.raw_path
        marker = f"/{request.match_info['id']}/docker"
        upstream = raw_path[raw_path.index(marker) + len(marker) :] or "/"
        query = request.rel_url.raw_query_string
        url = URL(f"http://docker{upstream}" + (f"?{query}" if query else ""), encoded=True)
        headers = {h: request.headers[h] for h in FORWARDED_HEADERS if h in request.headers}
        body = await request.read() if request.body_exists else None
        try:
            upstream_resp = await self.docker.request(
                request.method, url, headers=headers, data=body, allow_redirects=False
            )
        except aiohttp.ClientConnectionError, OSError:
            return web.Response(status=502)  # the engine is gone: Go's ReverseProxy again
        try:
            response = web.StreamResponse(status=upstream_resp.status)
            for name, value in upstream_resp.headers.items():
                if name.lower() not in HOP_BY_HOP:
                    response.headers.add(name, value)
            if upstream_resp.content_length is not None:
                response.content_length = upstream_resp.content_length
            _secure(response)  # the middleware would be too late: the headers go out now
            await response.prepare(request)
            async for chunk in upstream_resp.content.iter_any():
                await response.write(chunk)
            await response.write_eof()
            return response
        finally:
            upstream_resp.release()

    # --- stacks: the API --------------------------------------------------------------------

    def _stack(self, request: web.Request) -> SimStack:
        try:
            stack_id = int(request.match_info["stack_id"])
        except ValueError:
            raise Refused(400, "Invalid stack identifier route variable", "invalid id") from None
        stack = self.stacks.get(stack_id)
        if stack is None:
            raise Refused(
                404,
                "Unable to find a stack with the specified identifier inside the database",
                NOT_FOUND_DETAILS,
            )
        if request["user"] != ADMIN:
            raise Refused(403, "Permission denied to access stack", "Access denied to resource")
        return stack

    def _query_endpoint(self, request: web.Request) -> SimEndpoint:
        raw = request.query.get("endpointId")
        if not raw:
            raise Refused(
                400, "Invalid query parameter: endpointId", "Missing query parameter: endpointId"
            )
        if not raw.isdigit():
            raise Refused(400, "Invalid query parameter: endpointId", f"invalid id {raw!r}")
        return self._endpoint(request, raw)

    async def list_stacks(self, request: web.Request) -> web.Response:
        """`GET /api/stacks?filters={"EndpointID":N}`."""
        endpoint_id: int | None = None
        if "filters" in request.query:
            try:
                filters = json.loads(request.query["filters"])
                if not isinstance(filters, dict):
                    raise TypeError("filters must be an object")
                value = _payload_field(filters, "EndpointID")
                endpoint_id = int(value) if value else None
            except (ValueError, TypeError) as err:
                return error(400, "Unable to parse filters", str(err))
        stacks = [
            s.to_json()
            for s in self.stacks.values()
            if request["user"] == ADMIN and endpoint_id in (None, s.endpoint_id)
        ]
        return web.json_response(stacks)

    async def get_stack(self, request: web.Request) -> web.Response:
        """`GET /api/stacks/{id}`."""
        stack = self._stack(request)
        return web.json_response(stack.to_json())

    async def stack_file(self, request: web.Request) -> web.Response:
        """`GET /api/stacks/{id}/file`."""
        stack = self._stack(request)
        return web.json_response({"StackFileContent": stack.content})

    async def _payload(self, request: web.Request) -> dict[str, Any]:
        try:
            payload = await request.json()
        except ValueError as err:
            raise Refused(400, "Invalid request payload", str(err)) from None
        if not isinstance(payload, dict):
            raise Refused(400, "Invalid request payload", "the payload must be a JSON object")
        return payload

    @staticmethod
    def _env_payload(payload: Mapping[str, Any], name: str) -> list[dict[str, str]]:
        try:
            return _env_list(_payload_field(payload, name))
        except ValueError as err:
            raise Refused(400, "Invalid request payload", str(err)) from None

    async def create_stack_route(self, request: web.Request) -> web.Response:
        """`POST /api/stacks/create/standalone/string?endpointId=N`: create and deploy."""
        endpoint = self._query_endpoint(request)
        payload = await self._payload(request)
        name = str(_payload_field(payload, "name") or "")
        content = _payload_field(payload, "stackFileContent")
        if not _NAME.fullmatch(name.lower()):
            return error(400, "Invalid request payload", "Invalid stack name")
        if not isinstance(content, str) or not content.strip():
            return error(400, "Invalid request payload", "Invalid stack file content")
        env = self._env_payload(payload, "env")
        try:
            stack = await self.create_stack(name, content, env, endpoint_id=endpoint.id)
        except ValueError as err:
            return error(409, str(err), str(err))
        except ComposeError as err:
            return error(500, "Failed to deploy a stack", str(err))
        return web.json_response(stack.to_json())

    async def update_stack_route(self, request: web.Request) -> web.Response:
        """`PUT /api/stacks/{id}?endpointId=N`: new file and env (replaced), redeploy."""
        stack = self._stack(request)
        self._query_endpoint(request)
        payload = await self._payload(request)
        content = _payload_field(payload, "StackFileContent")
        if not isinstance(content, str) or not content.strip():
            return error(400, "Invalid request payload", "Invalid stack file content")
        env = self._env_payload(payload, "Env")
        try:
            await self.update_stack(stack, content, env, user=request["user"])
        except ComposeError as err:
            return error(500, "Failed to deploy a stack", str(err))
        return web.json_response(stack.to_json())

    async def stop_stack_route(self, request: web.Request) -> web.Response:
        """`POST /api/stacks/{id}/stop?endpointId=N`: compose down."""
        stack = self._stack(request)
        self._query_endpoint(request)
        if not stack.active:
            return error(400, "Stack is already inactive", "Stack is already inactive")
        try:
            await self.down(stack)
        except ComposeError as err:
            return error(500, "Unable to stop stack", str(err))
        stack.active = False
        return web.json_response(stack.to_json())

    async def start_stack_route(self, request: web.Request) -> web.Response:
        """`POST /api/stacks/{id}/start?endpointId=N`: compose up."""
        stack = self._stack(request)
        self._query_endpoint(request)
        if stack.active:
            return error(400, "Stack is already active", "Stack is already active")
        try:
            await self.deploy(stack, stack.content, stack.env_map)
        except ComposeError as err:
            return error(500, "Unable to start stack", str(err))
        stack.active = True
        return web.json_response(stack.to_json())

    async def delete_stack_route(self, request: web.Request) -> web.Response:
        """`DELETE /api/stacks/{id}?endpointId=N`: compose down and forget the stack."""
        stack = self._stack(request)
        self._query_endpoint(request)
        try:
            await self.down(stack)
        except ComposeError as err:
            return error(500, "Unable to remove stack", str(err))
        del self.stacks[stack.id]
        return web.Response(status=204)

    # --- stacks: the work -------------------------------------------------------------------

    async def create_stack(
        self,
        name: str,
        content: str,
        env: Iterable[Mapping[str, str]] | Mapping[str, str] | None = None,
        *,
        endpoint_id: int = 1,
    ) -> SimStack:
        """Create and deploy a stack (ValueError: bad or taken name; ComposeError: deploy).

        `env` is Portainer's `[{name, value}]` list or a plain mapping.
        """
        if env is None:
            pairs: list[dict[str, str]] = []
        elif isinstance(env, Mapping):
            pairs = [{"name": str(k), "value": str(v)} for k, v in env.items()]
        else:
            pairs = [{"name": item["name"], "value": item["value"]} for item in env]
        normalized = name.lower()
        if not _NAME.fullmatch(normalized):
            raise ValueError(f"Invalid stack name {name!r}")
        if any(s.name == normalized for s in self.stacks.values()):
            raise ValueError(f"A stack with the normalized name '{normalized}' already exists")
        stack = SimStack(self._next_stack, normalized, endpoint_id, content, pairs)
        await self.deploy(stack, content, stack.env_map)
        self._next_stack += 1
        self.stacks[stack.id] = stack
        return stack

    async def update_stack(
        self, stack: SimStack, content: str, env: list[dict[str, str]], *, user: str = ADMIN
    ) -> SimStack:
        """Portainer's update: the env list is replaced wholesale, the file stored, redeployed."""
        new = {item["name"]: item["value"] for item in env}
        await self.deploy(stack, content, new)
        stack.content = content
        stack.env = [dict(item) for item in env]
        stack.updated = int(time.time())
        stack.updated_by = user
        stack.active = True
        return stack

    async def project_containers(self, project: str) -> list[dict[str, Any]]:
        """The engine's containers of a compose project."""
        filters = json.dumps({"label": [f"com.docker.compose.project={project}"]})
        data = await self._engine_ok(
            "GET", "/containers/json", params={"all": "1", "filters": filters}
        )
        return list(data or [])

    async def deploy(self, stack: SimStack, content: str, env: Mapping[str, str]) -> None:
        """`docker compose up -d --remove-orphans` of the compose subset."""
        endpoint = self.endpoints.get(stack.endpoint_id)
        if endpoint is None or not endpoint.up:
            raise ComposeError(
                "Cannot connect to the Docker daemon: the environment is unreachable"
            )
        plans = plan_services(content, env, stack.name, stack.project_path)
        async with self._lock:
            existing = {
                c["Labels"].get("com.docker.compose.service", ""): c
                for c in await self.project_containers(stack.name)
            }
            wanted = {plan.service for plan in plans}
            fresh: set[str] = set()  # services (re)created now
            for service, container in existing.items():
                if service not in wanted:
                    await self._remove(container["Id"])
                    self.deploys.append((stack.name, f"removed {service}"))
            for plan in plans:
                current = existing.get(plan.service)
                if current is not None:
                    labels = current["Labels"]
                    same = labels.get("com.docker.compose.config-hash") == plan.config_hash
                    # A container in another's network namespace must follow it when it is
                    # recreated (its namespace went with the old container).
                    if same and plan.network_of not in fresh:
                        if current["State"] != "running":
                            await self._engine_ok("POST", f"/containers/{current['Id']}/start")
                            self.deploys.append((stack.name, f"started {plan.service}"))
                        continue
                    await self._remove(current["Id"])
                await self._create(plan)
                fresh.add(plan.service)
                verb = "recreated" if current is not None else "created"
                self.deploys.append((stack.name, f"{verb} {plan.service}"))

    async def _create(self, plan: ServicePlan) -> None:
        created = await self._engine_ok(
            "POST", "/containers/create", params={"name": plan.container_name}, body=plan.config
        )
        await self._engine_ok("POST", f"/containers/{created['Id']}/start")

    async def _remove(self, container_id: str) -> None:
        """Stop (with the container's own stop timeout, as compose does) and remove."""
        status, data = await self.engine("POST", f"/containers/{container_id}/stop")
        if status >= 400 and status != 404:
            raise ComposeError(str(data))
        await self.engine("DELETE", f"/containers/{container_id}", params={"force": "1"})

    async def down(self, stack: SimStack) -> None:
        """`docker compose down`: every container of the project stopped and removed."""
        endpoint = self.endpoints.get(stack.endpoint_id)
        if endpoint is None or not endpoint.up:
            raise ComposeError("the environment is unreachable")
        async with self._lock:
            for container in reversed(await self.project_containers(stack.name)):
                await self._remove(container["Id"])

    # --- the application --------------------------------------------------------------------

    def app(self) -> web.Application:
        """The aiohttp application serving the simulated API."""
        app = web.Application(middlewares=[self.middleware], client_max_size=256 * 1024 * 1024)
        app.cleanup_ctx.append(self._session)
        router = app.router
        router.add_get("/api/status", self.status)
        router.add_get("/api/system/status", self.status)
        router.add_get("/api/endpoints", self.list_endpoints)
        router.add_get("/api/endpoints/{id}", self.get_endpoint)
        router.add_route("*", "/api/endpoints/{id}/docker/{path:.*}", self.docker_proxy)
        router.add_route("*", "/api/endpoints/{id}/docker", self.docker_proxy)
        router.add_get("/api/stacks", self.list_stacks)
        router.add_post("/api/stacks/create/standalone/string", self.create_stack_route)
        router.add_get("/api/stacks/{stack_id}", self.get_stack)
        router.add_put("/api/stacks/{stack_id}", self.update_stack_route)
        router.add_delete("/api/stacks/{stack_id}", self.delete_stack_route)
        router.add_get("/api/stacks/{stack_id}/file", self.stack_file)
        router.add_post("/api/stacks/{stack_id}/stop", self.stop_stack_route)
        router.add_post("/api/stacks/{stack_id}/start", self.start_stack_route)
        return app


async def start(simulator: PortainerSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    return await serve(simulator.app(), port)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--docker-socket", required=True)
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    parser.add_argument("--no-down-endpoint", action="store_true")
    # A real Portainer keeps its InstanceID across restarts: the demo passes its own.
    parser.add_argument("--instance-id", help="the InstanceID (default: a new one)")
    args = parser.parse_args(argv)
    simulator = PortainerSimulator(
        args.docker_socket, args.api_key, down_endpoint=not args.no_down_endpoint
    )
    if args.instance_id:
        simulator.instance_id = args.instance_id
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()

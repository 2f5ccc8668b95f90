"""Async Portainer CE 2.x client: environments, containers (via the Docker proxy) and stacks.

Facts (../shared/notes/service-apis.md, sections 4 and 7):
- auth is the `X-API-Key` header (an access token made in the user's account page); an
  unknown key is 401, a key whose user may not use an environment or stack is 403;
  `/api/system/status` (version and instance id) is public, so `endpoints()` is the real
  connection test;
- `/api/endpoints/{id}/docker/<Engine path>` passes the Docker Engine API through: Docker's own
  errors come back (404 "No such container: …", 304 when starting a started container) and
  an environment Portainer cannot reach is a bare 502;
- `PUT /api/stacks/{id}?endpointId=N` (endpointId required) REPLACES the stack's whole `Env`
  list and redeploys with the file sent, so env changes send every variable back with the
  stored file; the env only reaches containers whose compose file references it
  (`${VAR}` or `env_file: stack.env`);
- Portainer's errors are `{"message", "details"}`, Docker's `{"message"}`.
The key only travels in a header, but error texts are still scrubbed of it (a proxy may echo it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
import json
import re
from typing import Any
from urllib.parse import quote

from .errors import InvalidAuth, NotFound, PandoraError, ParseError, ServiceError
from .http import DEFAULT_MAX_BYTES, HttpResponse, KeyedClient, fetch, status_error
from .portainer_models import (
    Container,
    ContainerStats,
    Endpoint,
    LogLine,
    PortainerStatus,
    Stack,
    parse_containers,
    parse_endpoints,
    parse_log_stream,
    parse_stacks,
)

MAX_LOG_LINES = 1000
# Docker cuts log messages at 16 KiB: 1000 of them, their frame headers and timestamps.
LOG_MAX_BYTES = MAX_LOG_LINES * (16 * 1024 + 8 + 32) + 65536
# A stack deploy stops, recreates and starts containers (and may pull images): give it time.
DEPLOY_TIMEOUT = 300.0
# Container ids (hex) and names as Docker accepts them; anything else never reaches the URL.
_CONTAINER_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,254}")
# Portainer writes the stack env as `NAME=value` lines: a line break would add a variable.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _container_ref(container_id: str) -> str:
    ref = container_id.strip().removeprefix("/")
    if not _CONTAINER_REF.fullmatch(ref):
        raise ValueError(f"not a container id or name: {container_id!r}")
    return quote(ref, safe="")


@dataclass
class PortainerClient(KeyedClient):
    """Talks to one Portainer server with an API key (an access token)."""

    # --- transport --------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        json_body: Any = None,
        accept: tuple[int, ...] = (),
        wait: float | None = None,
        max_bytes: int | None = None,
    ) -> HttpResponse:
        """Send one request below `/api/`; anything but a 2xx (or `accept`) raises."""
        url = f"{self.url.rstrip('/')}/api/{path.lstrip('/')}"
        resp = await fetch(
            self.session,
            method,
            url,
            params=params,
            headers={"X-API-Key": self.api_key, "Accept": "application/json"},
            json_body=json_body,
            request_timeout=wait or self.request_timeout,
            verify_ssl=self.verify_ssl,
            max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            secrets=(self.api_key,),
        )
        if 200 <= resp.status < 300 or resp.status in accept:
            return resp
        raise self._error(resp, path)

    async def _get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET a path and decode the JSON."""
        return (await self._request("GET", path, params)).json("Portainer", path)

    def _error(self, resp: HttpResponse, path: str) -> PandoraError:
        message = resp.reason()
        body = resp.details()
        if isinstance(body, Mapping):  # Portainer {"message","details"}, Docker {"message"}
            parts = [body.get("message"), body.get("details")]
            texts = [p for p in parts if isinstance(p, str) and p]
            if len(texts) == 2 and texts[0] == texts[1]:
                texts.pop()
            message = ": ".join(texts)[:200] or message
        message = self._scrub(message)
        suffix = f": {message}" if message else ""
        status = resp.status
        if status in (401, 403):
            reason = (
                "the API key" if status == 401 else f"{path}: the API key's user lacks access to it"
            )
            return InvalidAuth(f"Portainer refused {reason} (HTTP {status}){suffix}")
        if status == 502 and not message:
            return ServiceError(
                f"Portainer cannot reach the environment of {path} (HTTP 502); is it up?"
            )
        return status_error(resp, "Portainer", path, message, server_error=False)

    # --- server and environments ------------------------------------------------------------

    async def status(self) -> PortainerStatus:
        """Portainer's version and instance id (public: test the key with `endpoints()`).

        `/api/status` is the deprecated alias of `/api/system/status` (Portainer logs a warning
        on every call); releases from before the latter only have the former.
        """
        try:
            body = await self._get("system/status")
        except NotFound:
            body = await self._get("status")
        return PortainerStatus.from_dict(body)

    async def endpoints(self) -> list[Endpoint]:
        """Every environment the key's user may see."""
        return parse_endpoints(await self._get("endpoints"))

    # --- containers (Docker Engine API through Portainer) ------------------------------------

    @staticmethod
    def _docker(endpoint_id: int, path: str) -> str:
        return f"endpoints/{int(endpoint_id)}/docker/{path}"

    async def containers(self, endpoint_id: int) -> list[Container]:
        """Every container of an environment, running or not."""
        body = await self._get(self._docker(endpoint_id, "containers/json"), {"all": "1"})
        return parse_containers(body, endpoint_id)

    async def container_stats(self, endpoint_id: int, container_id: str) -> ContainerStats:
        """One CPU and memory sample (Docker takes about a second to sample twice)."""
        path = self._docker(endpoint_id, f"containers/{_container_ref(container_id)}/stats")
        return ContainerStats.from_dict(await self._get(path, {"stream": "false"}))

    async def _action(self, endpoint_id: int, container_id: str, action: str, grace: int) -> None:
        if isinstance(grace, bool) or grace < 0:
            raise ValueError(f"timeout must be a number of seconds >= 0, not {grace!r}")
        path = self._docker(endpoint_id, f"containers/{_container_ref(container_id)}/{action}")
        await self._request(
            "POST",
            path,
            {"t": str(int(grace))},
            accept=(304,),  # already stopped / already started
            wait=self.request_timeout + grace,
        )

    async def start_container(self, endpoint_id: int, container_id: str) -> None:
        """Start a container (already running is fine)."""
        path = self._docker(endpoint_id, f"containers/{_container_ref(container_id)}/start")
        await self._request("POST", path, accept=(304,))

    async def stop_container(
        self,
        endpoint_id: int,
        container_id: str,
        timeout: int = 10,  # noqa: ASYNC109 - Docker's grace time before SIGKILL
    ) -> None:
        """Stop a container, killing it after `timeout` seconds (already stopped is fine)."""
        await self._action(endpoint_id, container_id, "stop", timeout)

    async def restart_container(
        self,
        endpoint_id: int,
        container_id: str,
        timeout: int = 10,  # noqa: ASYNC109 - Docker's grace time before SIGKILL
    ) -> None:
        """Restart a container (stopping it as `stop_container` does, then starting it)."""
        await self._action(endpoint_id, container_id, "restart", timeout)

    async def container_logs(
        self,
        endpoint_id: int,
        container_id: str,
        *,
        tail: int = 100,
        since: datetime | None = None,
        timestamps: bool = True,
    ) -> list[LogLine]:
        """The last `tail` (1-1000) log lines of both streams, optionally only since a time.

        The container is inspected first: a TTY container's log is raw text, not framed.
        """
        if isinstance(tail, bool) or not 1 <= tail <= MAX_LOG_LINES:
            raise ValueError(f"tail must be between 1 and {MAX_LOG_LINES}, not {tail!r}")
        ref = _container_ref(container_id)
        info = await self._get(self._docker(endpoint_id, f"containers/{ref}/json"))
        config = info.get("Config") if isinstance(info, Mapping) else None
        tty = bool(config.get("Tty")) if isinstance(config, Mapping) else None
        params = {
            "stdout": "1",
            "stderr": "1",
            "tail": str(tail),
            "timestamps": "1" if timestamps else "0",
        }
        if since is not None:
            moment = since if since.tzinfo else since.replace(tzinfo=UTC)
            params["since"] = f"{moment.timestamp():.6f}"
        resp = await self._request(
            "GET",
            self._docker(endpoint_id, f"containers/{ref}/logs"),
            params,
            max_bytes=LOG_MAX_BYTES,
        )
        return parse_log_stream(resp.body, tty=tty, timestamps=timestamps)

    # --- stacks -----------------------------------------------------------------------------

    async def stacks(self, endpoint_id: int | None = None) -> list[Stack]:
        """The stacks Portainer manages (of one environment), not those made outside it."""
        params = None
        if endpoint_id is not None:
            params = {"filters": json.dumps({"EndpointID": int(endpoint_id)})}
        return parse_stacks(await self._get("stacks", params))

    async def stack(self, stack_id: int) -> Stack:
        """One stack."""
        return Stack.from_dict(await self._get(f"stacks/{int(stack_id)}"))

    async def stack_file(self, stack_id: int) -> str:
        """The stack's compose file."""
        body = await self._get(f"stacks/{int(stack_id)}/file")
        content = body.get("StackFileContent") if isinstance(body, Mapping) else None
        if not isinstance(content, str):
            raise ParseError("Portainer stack file answer has no StackFileContent")
        return content

    async def _deploy(self, stack: Stack, content: str, env: Mapping[str, str]) -> Stack:
        payload = {
            "StackFileContent": content,
            "Env": [{"name": name, "value": value} for name, value in env.items()],
            "Prune": False,
            "PullImage": False,
        }
        path = f"stacks/{stack.id}"
        resp = await self._request(
            "PUT",
            path,
            {"endpointId": str(stack.endpoint_id)},
            json_body=payload,
            wait=max(self.request_timeout, DEPLOY_TIMEOUT),
        )
        return Stack.from_dict(resp.json("Portainer", path))

    async def update_stack_env(self, stack_id: int, changes: Mapping[str, str]) -> Stack:
        """Set some env variables of a stack and redeploy it; the updated stack.

        Portainer replaces the whole env list, so every other variable is sent back as it was,
        with the stored compose file; only containers whose resolved config changed are
        recreated.
        """
        for name, value in changes.items():
            if not isinstance(name, str) or not name.strip() or "=" in name:
                raise ValueError(f"not an environment variable name: {name!r}")
            if not isinstance(value, str):
                raise ValueError(f"the value of {name} must be a string")
            if _CONTROL.search(name) or _CONTROL.search(value):
                raise ValueError(f"control characters in the variable {name!r} or its value")
        stack = await self.stack(stack_id)
        content = await self.stack_file(stack_id)
        env = dict(stack.env)
        env.update({name.strip(): value for name, value in changes.items()})
        return await self._deploy(stack, content, env)

    async def redeploy_stack(self, stack_id: int) -> Stack:
        """Deploy a stack again with its stored file and env; the updated stack."""
        stack = await self.stack(stack_id)
        content = await self.stack_file(stack_id)
        return await self._deploy(stack, content, stack.env)

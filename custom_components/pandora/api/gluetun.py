"""Async client of gluetun's HTTP control server (port 8000): public IP, VPN status, countries.

Facts (../shared/notes/service-apis.md, section 8, read from qdm12/gluetun `internal/server`):
- `GET /v1/publicip/ip` answers `{"public_ip": "...", "country": ..., "city": ..., ...}`; empty
  fields are omitted and `public_ip` is `""` until the first lookup after a (re)connection;
- `GET /v1/vpn/status` answers `{"status": ...}`, one of `VPN_STATUSES`; `PUT` with
  `{"status": "running"|"stopped"}` answers `{"outcome": "running"|"stopped"|"already ..."}`;
- `PUT /v1/vpn/settings` takes a *partial* settings object that overrides the running one, so
  `{"provider": {"server_selection": {"countries": [...]}}}` switches countries without a
  redeploy (lost when the container restarts); it answers a plain-text outcome, or 400 with
  gluetun's plain-text validation error (for example an unknown country and the choices);
- JSON answers come with gluetun's default `text/plain` content type, so it is not checked;
- auth is per route: roles in gluetun's `auth/config.toml` list routes and take `X-API-Key`,
  HTTP basic, or nothing. Released gluetun (v3.41.x) runs the auth middleware before routing,
  so a route no role lists answers the same plain `Unauthorized` 401 as wrong credentials
  (only the unreleased main branch answers 404/405 to unknown routes first). v3.40-3.41 leave
  the status, public IP and port-forward routes open by default but not `/v1/vpn/settings`;
  later versions close them all.
A 401 is therefore told apart by asking a route Pandora's role must list (`REQUIRED_ROUTES`):
if that one lets the same credentials in, the first route is merely not in the role
(`RouteNotAllowed`); if it refuses them too, they are wrong (`InvalidAuth`).
Secrets only travel in headers, but every error text is scrubbed of them anyway.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
import re
from typing import Any, Literal, cast

import aiohttp

from .errors import (
    InvalidAuth,
    NotFound,
    PandoraError,
    ParseError,
    RequestRefused,
    RouteNotAllowed,
    ServiceError,
)
from .http import HttpResponse, fetch, redact

VpnStatus = Literal["starting", "running", "stopping", "stopped", "crashed", "completed"]
VPN_STATUSES: tuple[VpnStatus, ...] = (
    "starting",
    "running",
    "stopping",
    "stopped",
    "crashed",
    "completed",
)
MAX_MESSAGE = 1000  # gluetun's validation errors list every choice; keep them readable
# Before the auth middleware knew every route, gluetun's handlers refused unknown routes and
# methods with 400 and these texts; they mean the same as a 404/405 today.
_OLD_UNKNOWN = re.compile(r"^(route \S+ not supported|method \S+ not supported|\S+ \S+ not found)$")
# What Pandora reads on every poll, so its role must list both (docs/containers.md).
REQUIRED_ROUTES: tuple[str, ...] = ("GET /v1/vpn/status", "GET /v1/publicip/ip")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(slots=True)
class PublicIp:
    """What gluetun found about the tunnel's public address (all None before the lookup)."""

    ip: str | None
    country: str | None
    region: str | None
    city: str | None
    hostname: str | None
    organization: str | None
    timezone: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PublicIp:
        """Build from gluetun's `/v1/publicip/ip` answer (`""` and missing fields become None)."""
        return cls(
            ip=_text(data.get("public_ip")),
            country=_text(data.get("country")),
            region=_text(data.get("region")),
            city=_text(data.get("city")),
            hostname=_text(data.get("hostname")),
            organization=_text(data.get("organization")),
            timezone=_text(data.get("timezone")),
        )


@dataclass
class GluetunClient:
    """Talks to one gluetun control server, with an API key, a basic login or no auth."""

    url: str
    session: aiohttp.ClientSession
    api_key: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    verify_ssl: bool = True
    request_timeout: float = 10.0

    # --- transport --------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        if self.username or self.password:
            username = self.username or ""
            if ":" in username:
                raise ValueError("a basic-auth username cannot contain ':'")
            login = f"{username}:{self.password or ''}".encode()
            headers["Authorization"] = f"Basic {base64.b64encode(login).decode()}"
        return headers

    def _secrets(self, headers: Mapping[str, str]) -> tuple[str, ...]:
        basic = headers.get("Authorization", "").removeprefix("Basic ")
        return tuple(s for s in (self.api_key, self.password, basic) if s)

    async def _fetch(self, method: str, path: str, json_body: Any = None) -> HttpResponse:
        """Send one request below the server URL, whatever it answers."""
        headers = self._headers()
        return await fetch(
            self.session,
            method,
            f"{self.url.rstrip('/')}{path}",
            headers=headers,
            json_body=json_body,
            request_timeout=self.request_timeout,
            verify_ssl=self.verify_ssl,
            secrets=self._secrets(headers),
        )

    async def _request(self, method: str, path: str, json_body: Any = None) -> HttpResponse:
        """Send one request; anything but a 2xx raises a mapped error."""
        resp = await self._fetch(method, path, json_body)
        if 200 <= resp.status < 300:
            return resp
        route = f"{method} {path}"
        if resp.status == 401 and (opened := await self._open_required_route(route)):
            raise self._not_allowed(route, opened)
        message = redact(resp.reason(None), self._secrets(self._headers()))
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "…"
        raise self._error(resp.status, route, message)

    async def _open_required_route(self, refused: str) -> str | None:
        """A required route that lets the same credentials in, or None when all refuse them.

        gluetun's 401 reads the same for wrong credentials and for a route the role does not
        list; only another route answering tells which. Any answer but 401 passed the auth
        middleware, which runs first.
        """
        for route in REQUIRED_ROUTES:
            if route != refused:
                method, path = route.split(" ", 1)
                if (await self._fetch(method, path)).status != 401:
                    return route
        return None

    def _not_allowed(self, route: str, opened: str) -> RouteNotAllowed:
        if self.api_key or self.username or self.password:
            return RouteNotAllowed(
                f"gluetun's control server does not allow {route} for Pandora's role (HTTP "
                f"401, while the same credentials open {opened}); add {route} to the role's "
                "routes in gluetun's auth config",
                route,
            )
        return RouteNotAllowed(
            f"gluetun's control server does not allow {route} without credentials (HTTP 401, "
            f"while {opened} answers); give Pandora a role with {route} in gluetun's auth "
            "config and its key or login here",
            route,
        )

    def _error(self, status: int, route: str, message: str) -> PandoraError:
        suffix = f": {message}" if message else ""
        if status == 401:
            if self.api_key or self.username or self.password:
                routes = ", ".join(dict.fromkeys((route, *REQUIRED_ROUTES)))
                return InvalidAuth(
                    f"gluetun refused the credentials for {routes} (HTTP 401); check them, and "
                    "that Pandora's role in gluetun's auth config lists the routes"
                )
            return InvalidAuth(
                f"gluetun requires authentication for {route} (HTTP 401); set an API key or a "
                "login, and give it a role for this route in gluetun's auth config"
            )
        if status in (404, 405) or (status == 400 and _OLD_UNKNOWN.match(message)):
            why = {
                404: "HTTP 404: a version without this route",
                405: "HTTP 405: a version without this method on the route",
            }.get(status, f"HTTP 400{suffix}: an old version")
            return NotFound(f"gluetun does not serve {route} ({why})")
        if status == 400:
            return RequestRefused(f"gluetun refused {route}{suffix}")
        if 300 <= status < 400:
            return ServiceError(f"gluetun redirected {route} (HTTP {status}); check the URL")
        return ServiceError(f"gluetun answered {status} to {route}{suffix}")

    async def _get_object(self, path: str) -> dict[str, Any]:
        data = (await self._request("GET", path)).json()
        if not isinstance(data, dict):
            raise ParseError(f"gluetun sent no JSON object for GET {path}")
        return cast(dict[str, Any], data)

    # --- routes -----------------------------------------------------------------------------

    async def public_ip(self) -> PublicIp:
        """The tunnel's public IP and where it is; `ip` is None while (re)connecting."""
        return PublicIp.from_dict(await self._get_object("/v1/publicip/ip"))

    async def vpn_status(self) -> VpnStatus:
        """The VPN loop's status."""
        status = (await self._get_object("/v1/vpn/status")).get("status")
        if status not in VPN_STATUSES:
            raise ParseError(f"gluetun reported an unknown VPN status: {status!r}")
        return cast(VpnStatus, status)

    async def set_vpn_running(self, running: bool) -> str:
        """Start or stop the VPN; gluetun's outcome (`running`, `stopped`, `already ...`)."""
        body = {"status": "running" if running else "stopped"}
        data = (await self._request("PUT", "/v1/vpn/status", body)).json()
        outcome = data.get("outcome") if isinstance(data, dict) else None
        if not isinstance(outcome, str):
            raise ParseError("gluetun sent no outcome for PUT /v1/vpn/status")
        return outcome

    async def set_countries(self, countries: Sequence[str]) -> str:
        """Switch the server countries live (until the container restarts); gluetun's outcome.

        The outcome is plain text: `settings left unchanged`, or the VPN status after the
        reconnection gluetun starts (`running`, or `already crashed`/...). An unknown country
        raises `ServiceError` with gluetun's message (it lists the valid choices); a gluetun
        without the route raises `NotFound`, one whose role for us does not list it
        `RouteNotAllowed`, and wrong credentials `InvalidAuth`.
        """
        if isinstance(countries, str):
            raise TypeError("countries must be a sequence of names, not one string")
        names = [country.strip() for country in countries]
        if not names or not all(names):
            raise ValueError("give at least one country, and no empty names")
        body = {"provider": {"server_selection": {"countries": names}}}
        return (await self._request("PUT", "/v1/vpn/settings", body)).text().strip()

    async def version(self) -> str | None:
        """The gluetun version (`v3.41.1`, `latest`, ...), or None when it does not say."""
        try:
            data = await self._get_object("/v1/version")
        except NotFound, RouteNotAllowed:
            return None
        return _text(data.get("version"))

"""A gluetun control-server simulator: public IP, VPN status, live country switching and auth.

It follows gluetun's source (../shared/notes/service-apis.md, section 8; qdm12/gluetun
`internal/server`, `internal/loopstate`, `internal/vpn/state`, `configuration/settings`):
- routes `/v1/publicip/ip`, `/v1/vpn/{status,settings}`, `/v1/openvpn/{status,portforwarded,
  settings}`, `/v1/dns/status`, `/v1/updater/status`, `/v1/portforward`, `/v1/version`;
- auth by roles, as in gluetun's `auth/config.toml` (`Role`: a name, the routes it lists, and
  `none`, `basic` or `apikey`). Released gluetun (v3.41.x, `routing="released"`, the default)
  runs the auth middleware before routing: any request no role lets in is a 401, whether the
  credentials are wrong, the route is not listed, or there is no such route at all. gluetun's
  unreleased main branch (`routing="main"`) answers 404 to an unknown path and 405 to a method
  the path lacks first, then 401. Every error is Go's `http.Error` plain text;
- JSON is written by Go's encoder (compact, newline, sniffed `text/plain` content type);
- `PUT /v1/vpn/status` answers `{"outcome": ...}` as `loopstate.ApplyStatus` does (`running`,
  `stopped`, `already <status>`); `PUT /v1/vpn/settings` overrides the running settings with a
  partial object, validates it (an unknown country is a 400 listing the choices, but only when
  *none* of the countries is valid: gluetun just warns about the others), then answers
  `settings left unchanged` or the outcome of stopping and starting the VPN;
- the simulated provider is Mullvad over WireGuard with the `SERVERS` countries; credentials in
  `GET /v1/vpn/settings` are fake.

Country state comes from a `CountrySource`: an async callable returning `(instance_key,
country)` (the gluetun container's identity and its SERVER_COUNTRIES), or None while the
container is missing or stopped (VPN status `stopped`). It is read on every request. When the
key changes (container recreated or restarted) the live override is lost and the VPN
reconnects: status `starting` and `public_ip` `""` for `reconnect_seconds`, then `running`
with an address in the new country. A live country change reconnects the same way. The first
key seen counts as already connected.

Test controls under `/_sim/` (no auth): `POST /_sim/leak {"country": "Germany"}` makes the
public IP a home ISP's in that country while the VPN still says running; `POST /_sim/crash`
sets the status to crashed (gluetun then answers `already crashed` to start and stop);
`POST /_sim/reset` drops leak, crash, stop and live override; `GET /_sim/state` shows it all.

Run standalone: `python -m devtools.simulators.gluetun --port 8000 [--docker-socket PATH
--container NAME]` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
import hmac
import json
import time
from typing import Any, Literal
from urllib.parse import quote

import aiohttp
from aiohttp import web

from devtools.simulators import run, serve

CountrySource = Callable[[], Awaitable[tuple[str, str] | None]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Routing = Literal["released", "main"]
AuthMethod = Literal["none", "basic", "apikey"]

PROVIDER = "mullvad"
DEFAULT_VERSION = "v3.41.1"
DEFAULT_COUNTRY = "Sweden"  # where gluetun lands when no country filter is set
FAKE_PRIVATE_KEY = "wOEI9rqqbDwnN8/Bpp22sVz48T71vJ4fYmFWujulwUU="  # the gluetun wiki's example
FAKE_OPENVPN_USER = "pandora-sim-account"
FAKE_OPENVPN_PASSWORD = "m"  # Mullvad ignores the OpenVPN password


@dataclass(frozen=True, slots=True)
class Location:
    """Where an address is, as gluetun's public IP lookup reports it."""

    country: str
    code: str
    region: str
    city: str
    timezone: str
    organization: str
    location: str
    postal_code: str


# The provider's server countries (one server city each), with the hosting companies Mullvad
# rents from. Address i is 203.0.113.(10 + i), a documentation range.
SERVERS: tuple[Location, ...] = (
    Location("Australia", "AU", "New South Wales", "Sydney", "Australia/Sydney",
             "M247 Europe SRL", "-33.8678,151.2073", "2000"),
    Location("Belgium", "BE", "Brussels Capital", "Brussels", "Europe/Brussels",
             "M247 Europe SRL", "50.8505,4.3488", "1000"),
    Location("Canada", "CA", "Ontario", "Toronto", "America/Toronto",
             "Tzulo, Inc.", "43.7001,-79.4163", "M5A"),
    Location("France", "FR", "Île-de-France", "Paris", "Europe/Paris",
             "M247 Europe SRL", "48.8534,2.3488", "75000"),
    Location("Germany", "DE", "Hesse", "Frankfurt am Main", "Europe/Berlin",
             "xTom GmbH", "50.1155,8.6842", "60313"),
    Location("Italy", "IT", "Lombardy", "Milan", "Europe/Rome",
             "M247 Europe SRL", "45.4643,9.1895", "20121"),
    Location("Japan", "JP", "Tokyo", "Tokyo", "Asia/Tokyo",
             "M247 Europe SRL", "35.6895,139.6917", "100-0001"),
    Location("Netherlands", "NL", "North Holland", "Amsterdam", "Europe/Amsterdam",
             "Datacamp Limited", "52.3740,4.8897", "1012"),
    Location("Norway", "NO", "Oslo", "Oslo", "Europe/Oslo",
             "Blix Solutions AS", "59.9127,10.7461", "0001"),
    Location("Romania", "RO", "Bucureşti", "Bucharest", "Europe/Bucharest",
             "M247 Europe SRL", "44.4323,26.1063", "030167"),
    Location("Spain", "ES", "Madrid", "Madrid", "Europe/Madrid",
             "Datacamp Limited", "40.4165,-3.7026", "28001"),
    Location("Sweden", "SE", "Stockholm", "Stockholm", "Europe/Stockholm",
             "31173 Services AB", "59.3294,18.0687", "100 05"),
    Location("Switzerland", "CH", "Zurich", "Zürich", "Europe/Zurich",
             "M247 Europe SRL", "47.3667,8.5500", "8001"),
    Location("United Kingdom", "GB", "England", "London", "Europe/London",
             "Datacamp Limited", "51.5085,-0.1257", "EC1A"),
    Location("United States", "US", "New York", "New York City", "America/New_York",
             "Datacamp Limited", "40.7143,-74.0060", "10001"),
)  # fmt: skip
_BY_NAME = {server.country.casefold(): server for server in SERVERS}
# Home ISPs a leak shows (address 192.0.2.(10 + i), another documentation range).
HOME_ISPS: dict[str, str] = {
    "Australia": "Telstra Limited",
    "Belgium": "Proximus NV",
    "Canada": "Rogers Communications Canada Inc.",
    "France": "Orange S.A.",
    "Germany": "Deutsche Telekom AG",
    "Italy": "Telecom Italia S.p.A.",
    "Japan": "NTT Communications Corporation",
    "Netherlands": "KPN B.V.",
    "Norway": "Telenor Norge AS",
    "Romania": "RCS & RDS S.A.",
    "Spain": "Telefonica de Espana S.A.U.",
    "Sweden": "Telia Company AB",
    "Switzerland": "Swisscom (Schweiz) AG",
    "United Kingdom": "British Telecommunications PLC",
    "United States": "Comcast Cable Communications, LLC",
}
# What the built-in "public" role of v3.40-v3.41 opens when no auth file exists
# (`internal/server/middlewares/auth`); everything else, /v1/vpn/settings included, is 401.
LEGACY_PUBLIC_ROUTES = frozenset(
    {
        "GET /v1/version",
        "GET /v1/vpn/status",
        "PUT /v1/vpn/status",
        "GET /v1/openvpn/status",
        "PUT /v1/openvpn/status",
        "GET /v1/openvpn/portforwarded",
        "GET /v1/dns/status",
        "PUT /v1/dns/status",
        "GET /v1/updater/status",
        "PUT /v1/updater/status",
        "GET /v1/publicip/ip",
        "GET /v1/portforward",
    }
)


# Every route this simulator serves ("METHOD /path", as roles list them).
ALL_ROUTES = frozenset(
    {
        *LEGACY_PUBLIC_ROUTES,
        "GET /v1/vpn/settings",
        "PUT /v1/vpn/settings",
        "GET /v1/openvpn/settings",
        "PUT /v1/portforward",
    }
)
# What Pandora reads on every poll, and what switches the country live.
READ_ROUTES = frozenset({"GET /v1/vpn/status", "GET /v1/publicip/ip"})
PANDORA_ROUTES = READ_ROUTES | {"PUT /v1/vpn/settings"}
BASIC_CHALLENGE = 'Basic realm="restricted", charset="UTF-8"'


@dataclass(frozen=True, slots=True)
class Role:
    """One `[[roles]]` entry of gluetun's `auth/config.toml`."""

    name: str
    routes: frozenset[str]
    auth: AuthMethod = "none"
    apikey: str = field(default="", repr=False)
    username: str = ""
    password: str = field(default="", repr=False)

    def admits(self, request: web.Request, challenge: dict[str, str]) -> bool:
        """Whether the request carries this role's credentials (gluetun's `isAuthorized`).

        A basic role adds its challenge to the 401 when Go's `Request.BasicAuth` finds no
        usable login (no header, not base64, no colon).
        """
        if self.auth == "none":
            return True
        if self.auth == "apikey":
            sent = request.headers.get("X-API-Key", "").encode()
            return hmac.compare_digest(sent, self.apikey.encode())
        login = _basic_login(request.headers.get("Authorization", ""))
        if login is None:
            challenge["WWW-Authenticate"] = BASIC_CHALLENGE
            return False
        # gluetun compares sha256(username + password): the split point does not matter.
        wanted = (self.username + self.password).encode()
        return hmac.compare_digest("".join(login).encode(), wanted)


def _basic_login(header: str) -> tuple[str, str] | None:
    """Go's `parseBasicAuth`: a case-insensitive `Basic ` prefix, base64, `user:password`."""
    if header[:6].casefold() != "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:], validate=True).decode()
    except binascii.Error, UnicodeDecodeError:
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None


def find_server(country: str) -> Location | None:
    """The server location of a country name (any case), if the provider has one."""
    return _BY_NAME.get(country.strip().casefold())


def server_ip(location: Location) -> str:
    """The fixed VPN exit address of a server country."""
    return f"203.0.113.{10 + SERVERS.index(location)}"


def _unknown_location(country: str) -> Location:
    return Location(country, "", "", "", "", "", "", "")


def _go_error(status: int, text: str) -> web.Response:
    """Go's `http.Error`: plain text and a newline."""
    response = web.Response(status=status, text=text + "\n", content_type="text/plain")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _go_json(data: Any) -> web.Response:
    """Go's `json.NewEncoder(w).Encode`: compact JSON, a newline, a sniffed content type."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n"
    return web.Response(text=text, content_type="text/plain")


def _go_type(value: Any) -> str:
    """How Go's decoder names a JSON value it cannot unmarshal."""
    match value:
        case bool():
            return "bool"
        case int() | float():
            return "number"
        case str():
            return "string"
        case list():
            return "array"
        case dict():
            return "object"
    return "null"


@dataclass
class StaticCountrySource:
    """An in-memory country source: `set()` simulates a redeploy (or a stop, with None)."""

    country: str | None
    generation: int = 1

    def set(self, country: str | None) -> None:
        """Recreate the container with this SERVER_COUNTRIES (None: stop it)."""
        self.country = country
        self.generation += 1

    async def __call__(self) -> tuple[str, str] | None:
        """The current (instance key, country), or None while stopped."""
        if self.country is None:
            return None
        return f"static-{self.generation}", self.country


def static_country_source(country: str) -> StaticCountrySource:
    """A country source held in memory, starting with `country`."""
    return StaticCountrySource(country)


def docker_country_source(
    socket_path: str, container_name: str, env_var: str = "SERVER_COUNTRIES"
) -> CountrySource:
    """A country source reading a real container through the Docker Engine's unix socket.

    The instance key is the container's Id and State.StartedAt (so a restart counts as a new
    instance); the country is the first comma-separated value of `env_var`. None while the
    container is missing or not running, or the engine is unreachable.
    """

    async def source() -> tuple[str, str] | None:
        url = f"http://docker/containers/{quote(container_name, safe='')}/json"
        try:
            connector = aiohttp.UnixConnector(path=socket_path)
            async with (
                aiohttp.ClientSession(connector=connector) as session,
                session.get(url) as resp,
            ):
                if resp.status != 200:
                    return None
                data = await resp.json()
        except aiohttp.ClientError, OSError, ValueError:
            return None
        state = data.get("State") or {}
        if not state.get("Running"):
            return None
        env = (data.get("Config") or {}).get("Env") or []
        prefix = f"{env_var}="
        value = next((e.removeprefix(prefix) for e in env if e.startswith(prefix)), "")
        return f"{data['Id']}@{state.get('StartedAt', '')}", value.split(",")[0].strip()

    return source


@dataclass
class GluetunSimulator:
    """State and routes of one simulated gluetun; the fields after `country_source` set its
    version and auth, the ones below them are faults and state tests may set directly.

    Auth (`auth_roles()`): `roles` is the whole auth config when given. Otherwise `api_key`
    makes an `apikey` role and `username`/`password` a `basic` role, each listing
    `allowed_routes` (default: every route); with neither, a `none` role lists them; and
    `legacy_default` adds v3.40-v3.41's built-in public role on `LEGACY_PUBLIC_ROUTES`. A role
    lists only routes this gluetun serves (gluetun refuses a config naming others).
    `routing` picks the released (auth first) or main-branch (404/405 first) middleware.
    `settings_route=False` is a gluetun without `/v1/vpn/settings`, `settings_put=False` one
    with only its GET.
    """

    country_source: CountrySource
    api_key: str | None = None
    username: str | None = None
    password: str | None = None
    legacy_default: bool = False
    allowed_routes: frozenset[str] | None = None
    roles: tuple[Role, ...] | None = None
    routing: Routing = "released"
    settings_route: bool = True
    settings_put: bool = True
    reconnect_seconds: float = 1.0
    version: str = DEFAULT_VERSION
    forwarded_ports: list[int] = field(default_factory=list)
    malformed_next: int = 0  # answer this many JSON requests with a truncated body
    requests: Counter[str] = field(default_factory=Counter)
    # State, from the country source and the requests.
    instance_key: str | None = None
    env_country: str | None = None
    override: list[str] | None = None  # countries set live with PUT /v1/vpn/settings
    reconnect_until: float = 0.0
    user_stopped: bool = False
    crashed: bool = False
    leak_country: str | None = None
    _seen: bool = False
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    # --- state ------------------------------------------------------------------------------

    async def refresh(self) -> None:
        """Read the country source; a new instance drops the live override and reconnects."""
        async with self._lock:
            observed = await self.country_source()
            key, country = observed if observed else (None, None)
            if self._seen and key != self.instance_key:
                self.override = None
                self.crashed = self.user_stopped = False
                if key is not None:
                    self._reconnect()
            self._seen = True
            self.instance_key, self.env_country = key, country

    def _reconnect(self) -> None:
        self.reconnect_until = time.monotonic() + self.reconnect_seconds

    def status(self) -> str:
        """The VPN loop's status."""
        if self.instance_key is None or self.user_stopped:
            return "stopped"
        if self.crashed:
            return "crashed"
        if time.monotonic() < self.reconnect_until:
            return "starting"
        return "running"

    def countries(self) -> list[str]:
        """The server countries of the running settings (the live override, else the env)."""
        if self.override is not None:
            return list(self.override)
        return [self.env_country] if self.env_country else []

    def location(self) -> Location:
        """Where the tunnel ends: the first country of the settings the provider knows."""
        countries = self.countries()
        for country in countries:
            if server := find_server(country):
                return server
        if countries:  # an env value gluetun would have refused at start
            return _unknown_location(countries[0])
        return _BY_NAME[DEFAULT_COUNTRY.casefold()]

    def apply_status(self, wanted: str) -> str:
        """`loopstate.ApplyStatus`: start only from stopped, stop only from running."""
        existing = self.status()
        if wanted == "running":
            if existing != "stopped":
                return f"already {existing}"
            if self.instance_key is None:  # nothing to start
                return "stopped"
            self.user_stopped = False
            self._reconnect()
            return "running"
        if existing != "running":
            return f"already {existing}"
        self.user_stopped = True
        return "stopped"

    def public_ip(self) -> dict[str, str]:
        """`/v1/publicip/ip`: `public_ip` is `""` (and nothing else set) until connected."""
        if self.status() != "running":
            return {"public_ip": ""}
        if self.leak_country:
            home = find_server(self.leak_country) or _unknown_location(self.leak_country)
            index = SERVERS.index(home) if home in SERVERS else 190
            location = Location(
                home.country,
                home.code,
                home.region,
                home.city,
                home.timezone,
                HOME_ISPS.get(home.country, f"{home.country} Broadband"),
                home.location,
                home.postal_code,
            )
            ip, hostname = f"192.0.2.{10 + index}", f"home-{10 + index}.example.net"
        else:
            location = self.location()
            ip = server_ip(location) if location in SERVERS else "203.0.113.250"
            city = location.city[:3].lower() or "xxx"
            hostname = f"{location.code.lower() or 'xx'}-{city}-wg-001.relays.mullvad.net"
        data = {
            "public_ip": ip,
            "region": location.region,
            "country": location.country,
            "city": location.city,
            "hostname": hostname,
            "location": location.location,
            "organization": location.organization,
            "postal_code": location.postal_code,
            "timezone": location.timezone,
        }
        return {key: value for key, value in data.items() if value}  # omitempty

    def settings(self) -> dict[str, Any]:
        """`GET /v1/vpn/settings`: the running VPN settings, credentials included."""
        return {
            "type": "wireguard",
            "provider": {
                "name": PROVIDER,
                "server_selection": {
                    "vpn": "wireguard",
                    "target_ip": "0.0.0.0",
                    "countries": self.countries(),
                    "categories": None,
                    "regions": None,
                    "cities": None,
                    "isps": None,
                    "names": None,
                    "numbers": None,
                    "hostnames": None,
                    "owned_only": False,
                    "free_only": False,
                    "premium_only": False,
                    "stream_only": False,
                    "multi_hop_only": False,
                    "port_forward_only": False,
                    "secure_core_only": False,
                    "tor_only": False,
                    "openvpn": {
                        "config_file_path": "",
                        "protocol": "udp",
                        "custom_port": 0,
                        "pia_encryption_preset": "",
                    },
                    "wireguard": {"endpoint_ip": "0.0.0.0", "endpoint_port": 0, "public_key": ""},
                },
                "port_forwarding": {
                    "enabled": False,
                    "provider": "",
                    "filepath": "/tmp/gluetun/forwarded_port",
                    "up_command": "",
                    "down_command": "",
                    "listening_port": 0,
                    "username": "",
                    "password": "",
                },
            },
            "openvpn": self.openvpn_settings(),
            "wireguard": {
                "private_key": FAKE_PRIVATE_KEY,
                "preshared_key": "",
                "addresses": ["10.64.222.21/32"],
                "allowed_ips": ["0.0.0.0/0", "::/0"],
                "interface": "wg0",
                "persistent_keepalive_interval": 0,
                "mtu": 1320,
                "implementation": "auto",
            },
        }

    @staticmethod
    def openvpn_settings() -> dict[str, Any]:
        """The OpenVPN part of the settings (unused with WireGuard, still reported)."""
        return {
            "version": "2.6",
            "user": FAKE_OPENVPN_USER,
            "password": FAKE_OPENVPN_PASSWORD,
            "config_file_path": "",
            "ciphers": None,
            "auth": "",
            "cert": "",
            "key": "",
            "encrypted_key": "",
            "key_passphrase": "",
            "pia_encryption_preset": "",
            "mssfix": 0,
            "interface": "tun0",
            "process_user": "root",
            "verbosity": 1,
            "flags": None,
        }

    # --- auth -------------------------------------------------------------------------------

    def auth_roles(self) -> list[Role]:
        """The roles of the auth config, as gluetun would load them."""
        if self.roles is not None:
            return list(self.roles)
        routes = ALL_ROUTES if self.allowed_routes is None else self.allowed_routes
        roles: list[Role] = []
        if self.api_key:
            roles.append(Role("pandora-apikey", routes, "apikey", apikey=self.api_key))
        if self.username is not None or self.password is not None:
            login = {"username": self.username or "", "password": self.password or ""}
            roles.append(Role("pandora-basic", routes, "basic", **login))
        if not roles and not self.legacy_default:
            roles.append(Role("open", routes, "none"))
        if self.legacy_default:
            roles.append(Role("public", LEGACY_PUBLIC_ROUTES, "none"))
        return roles

    def _authorized(self, request: web.Request, route: str) -> tuple[bool, dict[str, str]]:
        """Whether a role listing the route lets the request in; headers to add to a 401."""
        served = self.served_routes()
        challenge: dict[str, str] = {}
        for role in self.auth_roles():
            if route in role.routes and route in served and role.admits(request, challenge):
                return True, {}
        return False, challenge

    # --- dispatch ---------------------------------------------------------------------------

    def routes(self) -> dict[str, dict[str, Handler]]:
        """Path → method → handler, as this gluetun version serves them."""
        routes: dict[str, dict[str, Handler]] = {
            "/v1/version": {"GET": self.get_version},
            "/v1/vpn/status": {"GET": self.get_status, "PUT": self.put_status},
            "/v1/openvpn/status": {"GET": self.get_status, "PUT": self.put_status},
            "/v1/openvpn/portforwarded": {"GET": self.get_portforwarded},
            "/v1/openvpn/settings": {"GET": self.get_openvpn_settings},
            "/v1/dns/status": {"GET": self.get_running, "PUT": self.put_running},
            "/v1/updater/status": {"GET": self.get_completed, "PUT": self.put_completed},
            "/v1/publicip/ip": {"GET": self.get_public_ip},
            "/v1/portforward": {"GET": self.get_portforward, "PUT": self.put_portforward},
        }
        if self.settings_route:
            routes["/v1/vpn/settings"] = {"GET": self.get_settings}
            if self.settings_put:
                routes["/v1/vpn/settings"]["PUT"] = self.put_settings
        return routes

    def served_routes(self) -> frozenset[str]:
        """Every "METHOD /path" this gluetun serves."""
        return frozenset(f"{m} {path}" for path, methods in self.routes().items() for m in methods)

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        """The auth middleware and the router, in the order of `routing`, then the handler."""
        route = f"{request.method} {request.path}"
        self.requests[route] += 1
        if request.path.startswith("/_sim/"):
            return await self.sim_control(request)
        if self.routing == "main" and (refused := self._route(request)) is not None:
            return refused
        allowed, headers = self._authorized(request, route)
        if not allowed:
            unauthorized = _go_error(401, "Unauthorized")
            unauthorized.headers.update(headers)
            return unauthorized
        if (refused := self._route(request)) is not None:
            return refused
        handler = self.routes()[request.path][request.method]
        await self.refresh()
        response = await handler(request)
        if (
            self.malformed_next > 0
            and isinstance(response, web.Response)
            and (response.text or "").startswith("{")
        ):
            self.malformed_next -= 1
            response.text = (response.text or "")[:8]
        return response

    def _route(self, request: web.Request) -> web.Response | None:
        """The router's 404 or 405, or None when the route is served."""
        methods = self.routes().get(request.path)
        if methods is None:
            return _go_error(404, "404 page not found")
        if request.method not in methods:
            response = _go_error(405, "Method Not Allowed")
            response.headers["Allow"] = ", ".join(methods)
            return response
        return None

    # --- handlers ---------------------------------------------------------------------------

    async def get_version(self, _request: web.Request) -> web.Response:
        """`GET /v1/version`: the build information."""
        return _go_json(
            {"version": self.version, "commit": "5a1e2b3", "created": "2025-06-29T13:33:07Z"}
        )

    async def get_status(self, _request: web.Request) -> web.Response:
        """`GET /v1/vpn/status` (and its OpenVPN alias)."""
        return _go_json({"status": self.status()})

    async def put_status(self, request: web.Request) -> web.Response:
        """`PUT /v1/vpn/status {"status": "running"|"stopped"}`."""
        try:
            data = json.loads(await request.text())
        except ValueError:
            return _go_error(400, "invalid character looking for beginning of value")
        status = data.get("status") if isinstance(data, dict) else None
        if status not in ("running", "stopped"):
            return _go_error(
                400, f"invalid status: {status or ''}: possible values are: stopped, running"
            )
        return _go_json({"outcome": self.apply_status(status)})

    async def get_settings(self, _request: web.Request) -> web.Response:
        """`GET /v1/vpn/settings`."""
        return _go_json(self.settings())

    async def put_settings(self, request: web.Request) -> web.Response:
        """`PUT /v1/vpn/settings`: override, validate, then restart the VPN if changed."""
        try:
            data = json.loads(await request.text())
        except ValueError:
            return _go_error(400, "invalid character looking for beginning of value")
        if not isinstance(data, dict):
            return _go_error(
                400, f"json: cannot unmarshal {_go_type(data)} into Go value of type settings.VPN"
            )
        countries: Any = None
        provider = data.get("provider")
        if isinstance(provider, dict) and isinstance(provider.get("server_selection"), dict):
            countries = provider["server_selection"].get("countries")
        if countries is not None and not (
            isinstance(countries, list) and all(isinstance(c, str) for c in countries)
        ):
            return _go_error(
                400,
                f"json: cannot unmarshal {_go_type(countries)} into Go struct field "
                "ServerSelection.provider.server_selection.countries of type []string",
            )
        if countries is None or countries == self.countries():
            return web.Response(text="settings left unchanged", content_type="text/plain")
        if countries and not any(find_server(c) for c in countries):
            choices = ", ".join(server.country for server in SERVERS)
            return _go_error(
                400,
                f"provider settings: server selection: for VPN service provider {PROVIDER}: "
                "the country specified is not valid: value is not one of the possible choices: "
                f"none of {', '.join(countries)} is one of the choices available {choices}",
            )
        self.override = list(countries)
        self.apply_status("stopped")
        outcome = self.apply_status("running")
        return web.Response(text=outcome, content_type="text/plain")

    async def get_openvpn_settings(self, _request: web.Request) -> web.Response:
        """`GET /v1/openvpn/settings`."""
        return _go_json(self.openvpn_settings())

    async def get_portforwarded(self, _request: web.Request) -> web.Response:
        """`GET /v1/openvpn/portforwarded` (the pre-v3.40 single port)."""
        return _go_json({"port": self.forwarded_ports[0] if self.forwarded_ports else 0})

    async def get_portforward(self, _request: web.Request) -> web.Response:
        """`GET /v1/portforward`."""
        ports = self.forwarded_ports or None
        return _go_json({"port": ports[0] if ports else 0, "ports": ports})

    async def put_portforward(self, request: web.Request) -> web.Response:
        """`PUT /v1/portforward {"ports": [...]}`: an empty 200."""
        try:
            ports = json.loads(await request.text())["ports"]
            self.forwarded_ports = [int(port) for port in ports or []]
        except ValueError, TypeError, KeyError:
            return _go_error(400, "failed setting forwarded ports")
        return web.Response()

    async def get_running(self, _request: web.Request) -> web.Response:
        """`GET /v1/dns/status`: the DNS loop runs."""
        return _go_json({"status": "running"})

    async def put_running(self, _request: web.Request) -> web.Response:
        """`PUT /v1/dns/status`."""
        return _go_json({"outcome": "already running"})

    async def get_completed(self, _request: web.Request) -> web.Response:
        """`GET /v1/updater/status`: the servers updater is idle."""
        return _go_json({"status": "completed"})

    async def put_completed(self, _request: web.Request) -> web.Response:
        """`PUT /v1/updater/status`."""
        return _go_json({"outcome": "already completed"})

    async def get_public_ip(self, _request: web.Request) -> web.Response:
        """`GET /v1/publicip/ip`."""
        return _go_json(self.public_ip())

    # --- test controls ----------------------------------------------------------------------

    async def sim_control(self, request: web.Request) -> web.Response:
        """`/_sim/leak`, `/_sim/crash`, `/_sim/reset` (POST) and `/_sim/state` (GET)."""
        action = request.path.removeprefix("/_sim/")
        if action not in ("leak", "crash", "reset", "state"):
            return web.json_response({"error": f"unknown control {action}"}, status=404)
        if (request.method == "GET") != (action == "state"):
            return web.json_response({"error": "wrong method"}, status=405)
        await self.refresh()
        if action == "leak":
            body = await request.json() if request.can_read_body else {}
            country = body.get("country") if isinstance(body, dict) else None
            if not isinstance(country, str) or not country.strip():
                return web.json_response({"error": "give a country"}, status=400)
            self.leak_country = country.strip()
        elif action == "crash":
            self.crashed = True
        elif action == "reset":
            self.leak_country = self.override = None
            self.crashed = self.user_stopped = False
            self.reconnect_until = 0.0
        return web.json_response(
            {
                "status": self.status(),
                "instance_key": self.instance_key,
                "countries": self.countries(),
                "override": self.override,
                "leak_country": self.leak_country,
                "public_ip": self.public_ip(),
            }
        )

    def app(self) -> web.Application:
        """The aiohttp application: one catch-all route, dispatched like gluetun's server."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.dispatch)
        return app


async def start(simulator: GluetunSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    return await serve(simulator.app(), port)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--country", default="Netherlands", help="without --docker-socket")
    parser.add_argument("--docker-socket", help="read SERVER_COUNTRIES from a real container")
    parser.add_argument("--container", default="gluetun")
    parser.add_argument("--env-var", default="SERVER_COUNTRIES")
    parser.add_argument("--api-key")
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--legacy-default", action="store_true", help="v3.40-3.41 public role")
    parser.add_argument(
        "--routes", help='comma-separated routes the roles list, e.g. "GET /v1/vpn/status"'
    )
    parser.add_argument(
        "--routing", choices=("released", "main"), default="released", help="middleware order"
    )
    parser.add_argument("--reconnect-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    source: CountrySource
    if args.docker_socket:
        source = docker_country_source(args.docker_socket, args.container, args.env_var)
    else:
        source = static_country_source(args.country)
    simulator = GluetunSimulator(
        source,
        api_key=args.api_key,
        username=args.username,
        password=args.password,
        legacy_default=args.legacy_default,
        allowed_routes=(
            frozenset(r.strip() for r in args.routes.split(",") if r.strip())
            if args.routes is not None
            else None
        ),
        routing=args.routing,
        reconnect_seconds=args.reconnect_seconds,
    )
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()

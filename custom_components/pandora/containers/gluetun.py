"""gluetun coordinator: VPN status and public IP, the selected country, leak detection.

Switching the country (`async_set_country`) is done in two places, because gluetun offers no one
place that is both quick and lasting:
1. live, through the control server (`PUT /v1/vpn/settings`): seconds, no restart, but lost
   when the container restarts;
2. in the stack's env through Portainer, so a restart keeps it. Portainer has no "save without
   deploying" for stacks: saving redeploys, and compose recreates only the services whose
   configuration changed (gluetun, and what shares its network).
When (1) is impossible (old gluetun, or a role in gluetun's auth config that does not list the
route) (2) alone does it, and the log says why once. Credentials gluetun refuses everywhere stop
the switch and ask to re-authenticate: nothing could confirm a redeploy. Pandora then waits,
bounded, until gluetun's public IP is in the new country; if it never is, or saving fails, both
changes are rolled back and the user gets the reason: the shown country stays the one in effect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
import logging
import time
from typing import Any, Final
import unicodedata

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir

from ..api.errors import InvalidAuth, NotFound, PandoraError, RequestRefused, RouteNotAllowed
from ..api.gluetun import GluetunClient, PublicIp, VpnStatus
from ..api.portainer_models import Stack
from ..const import (
    CONF_COUNTRIES,
    CONF_COUNTRY_VARIABLE,
    CONF_STACK,
    CONF_SWITCH_TIMEOUT,
    CONF_VERIFY_SSL,
    DEFAULT_COUNTRIES,
    DEFAULT_COUNTRY_VARIABLE,
    DEFAULT_SWITCH_TIMEOUT,
    DOMAIN,
    EVENT_VPN_COUNTRY_CHANGED,
    EVENT_VPN_LEAK,
)
from ..hub.announce import async_announce
from ..hub.coordinator import PandoraCoordinator
from ..hub.errors import safe_text, translated_error, validation_error
from .portainer import PortainerCoordinator

_LOGGER = logging.getLogger(__name__)


def split_countries(value: str) -> list[str]:
    """Comma-separated names that may hold spaces ("United Kingdom"), trimmed, no repeats."""
    return list(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


# gluetun's server lists spell countries with letters, spaces, hyphens ("Guinea-Bissau") and
# apostrophes ("Cote d'Ivoire"). Nothing else passes: the name is written into the stack's
# environment, where a newline would start another variable.
_COUNTRY_PUNCTUATION: Final = frozenset(" -'’")
MAX_COUNTRY_LENGTH: Final = 64


def valid_country(name: str) -> bool:
    """Whether `name` can be a gluetun country: letters (any script), spaces, - and '."""
    return (
        0 < len(name) <= MAX_COUNTRY_LENGTH
        and name[0].isalpha()
        and all(
            char.isalpha()
            or char in _COUNTRY_PUNCTUATION
            or unicodedata.category(char) == "Mn"  # a combining accent ("Côte")
            for char in name
        )
    )


# How often a switch asks gluetun for its public IP while waiting for the new country.
SWITCH_POLL = 1.0


def gluetun_client(session: Any, data: Mapping[str, Any]) -> GluetunClient:
    """A gluetun control-server client for subentry data."""
    return GluetunClient(
        url=data[CONF_URL],
        session=session,
        api_key=data.get(CONF_API_KEY) or None,
        username=data.get(CONF_USERNAME) or None,
        password=data.get(CONF_PASSWORD) or None,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


@dataclass
class GluetunState:
    """What the entities show."""

    status: VpnStatus | None = None
    public_ip: PublicIp | None = None


class GluetunCoordinator(PandoraCoordinator[GluetunState, GluetunClient]):
    """Follows one gluetun; switches its country; raises leak and VPN-down repairs."""

    # Two control-server requests (VPN status, public IP) for a state that changes rarely; a
    # country switch follows its own progress every SWITCH_POLL.
    UPDATE_INTERVAL = timedelta(seconds=30)
    CLIENT = gluetun_client
    MANUFACTURER = "gluetun"
    MODEL = "VPN client"
    LINKS_TO_SERVICE = False

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        subentry: ConfigSubentry,
        portainer: Callable[[], PortainerCoordinator | None],
    ) -> None:
        super().__init__(hass, entry, subentry)
        data = subentry.data
        self._portainer = portainer
        self.countries = _offered(subentry.title, data.get(CONF_COUNTRIES) or DEFAULT_COUNTRIES)
        self.stack_name: str = data.get(CONF_STACK) or ""
        self.variable: str = data.get(CONF_COUNTRY_VARIABLE) or DEFAULT_COUNTRY_VARIABLE
        self.switch_timeout = float(data.get(CONF_SWITCH_TIMEOUT, DEFAULT_SWITCH_TIMEOUT))
        self.state = GluetunState()
        # The country in effect: the stack env's when a stack holds it, else the last switch's
        # (the select restores it across restarts).
        self.selected: str | None = None
        self.switching = False
        self._lock = asyncio.Lock()
        self._leaking = False
        self._down_polls = 0  # polls in a row that read the VPN as not running
        # Why gluetun cannot switch live stays true across switches: log it once, not each time.
        self._told_no_live = False

    def canonical(self, country: str) -> str | None:
        """The offered spelling of a country (any case), or None when it is not offered."""
        folded = country.strip().casefold()
        return next((c for c in self.countries if c.casefold() == folded), None)

    @property
    def options(self) -> list[str]:
        """The countries offered, plus the one in effect if it was set elsewhere."""
        if self.selected and self.canonical(self.selected) is None and valid_country(self.selected):
            return [*self.countries, self.selected]
        return list(self.countries)

    # --- polling --------------------------------------------------------------------------

    @callback
    def async_poll_at_least_every(self, interval: timedelta) -> None:
        """Poll at least this often from now on, starting with the next poll.

        A VPN guard watching this gluetun asks (vpnguard/): it must see the VPN drop soon.
        """
        if self.update_interval is None or self.update_interval > interval:
            self.update_interval = interval
            if self._listeners:
                self._schedule_refresh()  # not only after the poll already scheduled

    def _stack(self) -> Stack | None:
        portainer = self._portainer()
        if portainer is None or not self.stack_name:
            return None
        return next((s for s in portainer.state.stacks.values() if s.name == self.stack_name), None)

    def _stack_country(self, stack: Stack) -> str | None:
        value = stack.env.get(self.variable, "")
        first = split_countries(value)[:1]
        return (self.canonical(first[0]) or first[0]) if first else None

    async def _read(self) -> GluetunState:
        """VPN status and public IP, read together."""
        status, public_ip = await asyncio.gather(self.client.vpn_status(), self.client.public_ip())
        return GluetunState(status=status, public_ip=public_ip)

    async def _async_update_data(self) -> GluetunState:
        try:
            self.state = await self._read()
        except PandoraError as err:
            raise self.update_failed(err) from err
        if not self.switching:
            if (stack := self._stack()) is not None:
                self.selected = self._stack_country(stack) or self.selected
            self._check_health()
        return self.state

    def _check_health(self) -> None:
        """Repairs while the VPN is down or the public IP is not in the selected country."""
        sub_id = self.subentry.subentry_id
        state = self.state
        down = state.status not in (None, "running")
        # A reconnecting VPN reads "starting" for a moment (after a restart or a country switch):
        # a repair only when it still does at the next poll; stopped or crashed at once.
        self._down_polls = self._down_polls + 1 if down else 0
        repair_down = down and (state.status != "starting" or self._down_polls > 1)
        country = state.public_ip.country if state.public_ip else None
        leaking = bool(
            not down
            and country
            and self.selected
            and country.casefold() != self.selected.casefold()
        )
        placeholders = {
            "name": self.subentry.title,
            "status": str(state.status),
            "country": str(country),
            "selected": str(self.selected),
            "ip": str(state.public_ip.ip if state.public_ip else None),
        }
        self._issue(f"vpn_down_{sub_id}", "vpn_down", repair_down, placeholders)
        self._issue(f"vpn_leak_{sub_id}", "vpn_leak", leaking, placeholders)
        if leaking and not self._leaking:
            async_announce(
                self.hass,
                EVENT_VPN_LEAK,
                {
                    "subentry_id": sub_id,
                    "public_ip": placeholders["ip"],
                    "country": country,
                    "selected": self.selected,
                },
            )
        self._leaking = leaking

    def _issue(self, issue_id: str, key: str, active: bool, placeholders: dict[str, str]) -> None:
        if active:
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                issue_id,
                is_fixable=False,
                severity=ir.IssueSeverity.ERROR,
                translation_key=key,
                translation_placeholders=placeholders,
            )
        else:
            ir.async_delete_issue(self.hass, DOMAIN, issue_id)

    @property
    def leaking(self) -> bool:
        """The public IP is outside the selected country while the VPN says it runs."""
        return self._leaking

    # --- switching ------------------------------------------------------------------------

    async def async_set_country(self, country: str) -> None:
        """Switch to an offered country: live and in the stack, then wait until it shows."""
        if not valid_country(country.strip()):
            raise validation_error("invalid_country")
        target = self.canonical(country)
        if target is None:
            raise validation_error(
                "unknown_country", country=country, countries=", ".join(self.countries)
            )
        async with self._lock:
            previous = self.selected
            started = time.monotonic()
            self.switching = True
            try:
                live, saved = await self._apply(target, previous)
                try:
                    public_ip = await self._wait_for(target)
                except TimeoutError as err:
                    await self._roll_back(previous, live, saved)
                    raise HomeAssistantError(
                        translation_domain=DOMAIN,
                        translation_key="vpn_switch_timeout",
                        translation_placeholders={
                            "country": target,
                            "seconds": f"{self.switch_timeout:g}",
                            "previous": str(previous),
                        },
                    ) from err
            finally:
                self.switching = False
            self.selected = target
        async_announce(
            self.hass,
            EVENT_VPN_COUNTRY_CHANGED,
            {
                "subentry_id": self.subentry.subentry_id,
                "country": target,
                "previous": previous,
                "live": live,
                "saved_in_stack": saved,
                "public_ip": public_ip.ip,
                "seconds": round(time.monotonic() - started, 1),
            },
        )
        # What the wait just read is current: show it now (a refresh request is debounced).
        self.state = GluetunState(status="running", public_ip=public_ip)
        self._check_health()
        self.async_set_updated_data(self.state)

    async def _apply(self, target: str, previous: str | None) -> tuple[bool, bool]:
        """Switch live if gluetun can, save in the stack if one is configured."""
        try:
            await self.client.set_countries([target])
            live = True
            self._told_no_live = False
        except InvalidAuth as err:
            self.config_entry.async_start_reauth(
                self.hass, data={"subentry_id": self.subentry.subentry_id}
            )
            raise translated_error(err, self.subentry.title) from err
        except RequestRefused as err:
            # gluetun itself says no (a country its provider does not serve): a redeploy with
            # that country would only keep gluetun from starting until the switch rolls back.
            raise translated_error(err, self.subentry.title) from err
        except PandoraError as err:
            if not self.stack_name:
                raise HomeAssistantError(
                    translation_domain=DOMAIN,
                    translation_key="vpn_switch_impossible",
                    translation_placeholders={"name": self.subentry.title, "error": safe_text(err)},
                ) from err
            self._redeploying_instead(err)
            live = False
        if not self.stack_name:
            return live, False
        try:
            await self._save(target)
        except (PandoraError, HomeAssistantError) as err:
            if live and previous:
                await self._quietly(self.client.set_countries([previous]))
            if isinstance(err, PandoraError):
                raise translated_error(err, "Portainer") from err
            raise
        return live, True

    def _redeploying_instead(self, err: PandoraError) -> None:
        if not isinstance(err, RouteNotAllowed | NotFound):
            _LOGGER.info(
                "%s cannot switch live (%s); redeploying instead", self.name, safe_text(err)
            )
        elif not self._told_no_live:
            self._told_no_live = True
            _LOGGER.warning(
                "%s: %s. Pandora switches the country by redeploying the stack %s instead",
                self.subentry.title,
                err,
                self.stack_name,
            )

    def _portainer_for_stack(self) -> PortainerCoordinator:
        portainer = self._portainer()
        if portainer is None:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="vpn_no_portainer",
                translation_placeholders={"name": self.subentry.title},
            )
        return portainer

    async def _save(self, country: str) -> None:
        portainer = self._portainer_for_stack()
        stacks = await portainer.client.stacks()
        stack = next((s for s in stacks if s.name == self.stack_name), None)
        if stack is None:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="vpn_stack_missing",
                translation_placeholders={"stack": self.stack_name},
            )
        await self._write_env(portainer, stack.id, country)
        await portainer.async_request_refresh()

    async def _write_env(
        self, portainer: PortainerCoordinator, stack_id: int, country: str
    ) -> None:
        """The one place the country enters the stack's environment: never an unsafe name."""
        if not valid_country(country):
            raise validation_error("invalid_country")
        await portainer.client.update_stack_env(stack_id, {self.variable: country})

    async def _wait_for(self, target: str) -> PublicIp:
        """Gluetun's public IP once it is in the target country (bounded by the timeout)."""
        async with asyncio.timeout(self.switch_timeout):
            while True:
                try:
                    state = await self._read()
                except PandoraError as err:  # gluetun is being recreated: keep asking
                    _LOGGER.debug("%s not answering yet: %s", self.name, safe_text(err))
                else:
                    public_ip = state.public_ip
                    if (
                        public_ip is not None
                        and state.status == "running"
                        and (public_ip.country or "").casefold() == target.casefold()
                    ):
                        return public_ip
                await asyncio.sleep(SWITCH_POLL)

    async def _roll_back(self, previous: str | None, live: bool, saved: bool) -> None:
        """Undo a switch that never showed, so what is shown stays what is in effect."""
        if previous is None:
            return
        if saved and valid_country(previous):
            portainer = self._portainer()
            stack = self._stack()
            if portainer is not None and stack is not None:
                await self._quietly(self._write_env(portainer, stack.id, previous))
        if live:
            await self._quietly(self.client.set_countries([previous]))

    async def _quietly(self, call: Awaitable[object]) -> None:
        try:
            await call
        except PandoraError as err:
            _LOGGER.warning("%s: could not roll back the country: %s", self.name, safe_text(err))


def _offered(name: str, configured: str) -> list[str]:
    """The configured countries that are safe to offer (stored before names were checked)."""
    countries = split_countries(configured)
    if skipped := [c for c in countries if not valid_country(c)]:
        _LOGGER.warning(
            "%s: not offering %s: a country name may hold only letters, spaces, hyphens and "
            "apostrophes (fix them in the gluetun settings)",
            name,
            ", ".join(map(repr, skipped)),
        )
    return [c for c in countries if valid_country(c)]

"""Config flow: one Pandora hub, each external service a config subentry."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

import probatio as vol

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentry,
    ConfigSubentryFlow,
    OptionsFlow,
    SubentryFlowResult,
)
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .api.errors import CannotConnect, InvalidAuth, IPBanned, PandoraError
from .api.qbittorrent import QBittorrentClient
from .const import (
    CONF_EXCLUDED_WORDS,
    CONF_FILE_INTO_LIBRARY,
    CONF_MAX_SIZE_GB,
    CONF_MIN_SEEDERS,
    CONF_PIPELINE,
    CONF_PREFERRED_RESOLUTION,
    CONF_SCAN_INTERVAL,
    CONF_VERIFY_SSL,
    DEFAULT_FILE_INTO_LIBRARY,
    DEFAULT_MIN_SEEDERS,
    DEFAULT_PIPELINE,
    DEFAULT_PREFERRED_RESOLUTION,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    MAX_SCAN_INTERVAL,
    MIN_SCAN_INTERVAL,
    NAME,
    RESOLUTIONS,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JACKETT,
    SUBENTRY_JELLYFIN,
    SUBENTRY_QBITTORRENT,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from .helpers import normalize_url, temporary_session
from .service_flows import (
    SPECS,
    CloudCommanderSubentryFlow,
    JackettSubentryFlow,
    JellyfinSubentryFlow,
    TmdbSubentryFlow,
    WatchmodeSubentryFlow,
    validate,
)

_LOGGER = logging.getLogger(__name__)

ERROR_KEYS: dict[type[PandoraError], str] = {
    CannotConnect: "cannot_connect",
    InvalidAuth: "invalid_auth",
    IPBanned: "ip_banned",
}

QBITTORRENT_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_URL): TextSelector(TextSelectorConfig(type=TextSelectorType.URL)),
        vol.Optional(CONF_USERNAME, default=""): TextSelector(),
        vol.Optional(CONF_PASSWORD, default=""): TextSelector(
            TextSelectorConfig(type=TextSelectorType.PASSWORD)
        ),
        vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
    }
)
CREDENTIALS_SCHEMA = vol.Schema(
    {
        vol.Optional(CONF_USERNAME, default=""): TextSelector(),
        vol.Optional(CONF_PASSWORD, default=""): TextSelector(
            TextSelectorConfig(type=TextSelectorType.PASSWORD)
        ),
    }
)


async def validate_qbittorrent(hass: HomeAssistant, data: Mapping[str, Any]) -> dict[str, str]:
    """Log in and read the versions; form errors on failure."""
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = QBittorrentClient(
            url=data[CONF_URL],
            username=data.get(CONF_USERNAME, ""),
            password=data.get(CONF_PASSWORD, ""),
            session=session,
            verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
        )
        try:
            await client.connect()
        except PandoraError as err:
            key = ERROR_KEYS.get(type(err), "unknown")
            if key == "unknown":
                _LOGGER.warning("Unexpected answer from qBittorrent at %s: %s", data[CONF_URL], err)
            return {"base": key}
        except Exception:
            _LOGGER.exception("Unexpected error testing qBittorrent at %s", data[CONF_URL])
            return {"base": "unknown"}
        finally:
            await client.close()
    return {}


class PandoraConfigFlow(ConfigFlow, domain=DOMAIN):
    """The single Pandora hub entry; services are added as subentries."""

    VERSION = 1
    MINOR_VERSION = 1

    _reauth_subentry_id: str | None = None

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Create the hub (only one may exist: `single_config_entry`)."""
        if user_input is not None:
            return self.async_create_entry(
                title=NAME, data={}, options={CONF_SCAN_INTERVAL: DEFAULT_SCAN_INTERVAL}
            )
        return self.async_show_form(step_id="user")

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """The kinds of service that can be added to the hub."""
        return {
            SUBENTRY_QBITTORRENT: QBittorrentSubentryFlow,
            SUBENTRY_TMDB: TmdbSubentryFlow,
            SUBENTRY_WATCHMODE: WatchmodeSubentryFlow,
            SUBENTRY_JACKETT: JackettSubentryFlow,
            SUBENTRY_JELLYFIN: JellyfinSubentryFlow,
            SUBENTRY_CLOUDCMD: CloudCommanderSubentryFlow,
        }

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> PandoraOptionsFlow:
        """Hub options."""
        return PandoraOptionsFlow()

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """A service's credentials stopped working (started by its coordinator)."""
        subentry_id = self._reauth_subentry_id = entry_data.get("subentry_id")
        entry = self._get_reauth_entry()
        if subentry_id is None or subentry_id not in entry.subentries:
            return self.async_abort(reason="reauth_subentry_gone")
        kind = entry.subentries[subentry_id].subentry_type
        if kind in SPECS and SPECS[kind].secret == CONF_API_KEY:
            return await self.async_step_reauth_api_key()
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_api_key(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new API key for TMDB, Watchmode or Jackett and test it."""
        entry = self._get_reauth_entry()
        assert self._reauth_subentry_id is not None
        subentry = entry.subentries[self._reauth_subentry_id]
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**subentry.data, CONF_API_KEY: user_input[CONF_API_KEY].strip()}
            errors = await validate(SPECS[subentry.subentry_type], self.hass, data)
            if not errors:
                self.hass.config_entries.async_update_subentry(entry, subentry, data=data)
                return self.async_abort(reason="reauth_successful")
        return self.async_show_form(
            step_id="reauth_api_key",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_API_KEY): TextSelector(
                        TextSelectorConfig(type=TextSelectorType.PASSWORD)
                    )
                }
            ),
            errors=errors,
            description_placeholders={"name": subentry.title},
        )

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for new credentials for that service and test them."""
        entry = self._get_reauth_entry()
        assert self._reauth_subentry_id is not None
        subentry = entry.subentries[self._reauth_subentry_id]
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**subentry.data, **user_input}
            kind = subentry.subentry_type
            errors = await (
                validate(SPECS[kind], self.hass, data)
                if kind in SPECS
                else validate_qbittorrent(self.hass, data)
            )
            if not errors:
                self.hass.config_entries.async_update_subentry(entry, subentry, data=data)
                return self.async_abort(reason="reauth_successful")
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=self.add_suggested_values_to_schema(
                CREDENTIALS_SCHEMA, {CONF_USERNAME: subentry.data.get(CONF_USERNAME, "")}
            ),
            errors=errors,
            description_placeholders={"name": subentry.title, "url": subentry.data[CONF_URL]},
        )


OPTIONS_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_SCAN_INTERVAL): NumberSelector(
            NumberSelectorConfig(
                min=MIN_SCAN_INTERVAL,
                max=MAX_SCAN_INTERVAL,
                step=1,
                unit_of_measurement="s",
                mode=NumberSelectorMode.BOX,
            )
        ),
        vol.Required(CONF_PREFERRED_RESOLUTION): SelectSelector(
            SelectSelectorConfig(options=list(RESOLUTIONS), translation_key="resolution")
        ),
        vol.Required(CONF_MIN_SEEDERS): NumberSelector(
            NumberSelectorConfig(min=0, max=1000, step=1, mode=NumberSelectorMode.BOX)
        ),
        vol.Required(CONF_MAX_SIZE_GB): NumberSelector(
            NumberSelectorConfig(
                min=0, max=1000, step=0.5, unit_of_measurement="GB", mode=NumberSelectorMode.BOX
            )
        ),
        vol.Optional(CONF_EXCLUDED_WORDS, default=""): TextSelector(),
        vol.Required(CONF_PIPELINE): BooleanSelector(),
        vol.Required(CONF_FILE_INTO_LIBRARY): BooleanSelector(),
    }
)
OPTION_DEFAULTS: dict[str, Any] = {
    CONF_SCAN_INTERVAL: DEFAULT_SCAN_INTERVAL,
    CONF_PREFERRED_RESOLUTION: DEFAULT_PREFERRED_RESOLUTION,
    CONF_MIN_SEEDERS: DEFAULT_MIN_SEEDERS,
    CONF_MAX_SIZE_GB: 0,
    CONF_EXCLUDED_WORDS: "",
    CONF_PIPELINE: DEFAULT_PIPELINE,
    CONF_FILE_INTO_LIBRARY: DEFAULT_FILE_INTO_LIBRARY,
}


class PandoraOptionsFlow(OptionsFlow):
    """Hub-wide settings: poll interval and the torrent search quality profile."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show and save the hub options."""
        if user_input is not None:
            return self.async_create_entry(
                data=self.config_entry.options
                | {
                    CONF_SCAN_INTERVAL: int(user_input[CONF_SCAN_INTERVAL]),
                    CONF_PREFERRED_RESOLUTION: user_input[CONF_PREFERRED_RESOLUTION],
                    CONF_MIN_SEEDERS: int(user_input[CONF_MIN_SEEDERS]),
                    CONF_MAX_SIZE_GB: float(user_input[CONF_MAX_SIZE_GB]),
                    CONF_EXCLUDED_WORDS: user_input.get(CONF_EXCLUDED_WORDS, "").strip(),
                    CONF_PIPELINE: bool(user_input[CONF_PIPELINE]),
                    CONF_FILE_INTO_LIBRARY: bool(user_input[CONF_FILE_INTO_LIBRARY]),
                }
            )
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                OPTIONS_SCHEMA, OPTION_DEFAULTS | dict(self.config_entry.options)
            ),
        )


class QBittorrentSubentryFlow(ConfigSubentryFlow):
    """Add or reconfigure one qBittorrent."""

    def _duplicate(self, url: str, ignore: ConfigSubentry | None = None) -> bool:
        return any(
            sub.subentry_type == SUBENTRY_QBITTORRENT and sub is not ignore and sub.unique_id == url
            for sub in self._get_entry().subentries.values()
        )

    async def _validate(
        self, user_input: dict[str, Any], current: ConfigSubentry | None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        data = dict(user_input)
        try:
            data[CONF_URL] = normalize_url(user_input[CONF_URL])
        except ValueError:
            return data, {CONF_URL: "invalid_url"}
        if current is not None and not data.get(CONF_PASSWORD):
            # An empty password on reconfigure keeps the stored one.
            data[CONF_PASSWORD] = current.data.get(CONF_PASSWORD, "")
        if self._duplicate(data[CONF_URL], current):
            return data, {"base": "already_configured"}
        return data, await validate_qbittorrent(self.hass, data)

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Connection details for a new qBittorrent."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data, errors = await self._validate(user_input, None)
            if errors.get("base") == "already_configured":
                return self.async_abort(reason="already_configured")
            if not errors:
                return self.async_create_entry(
                    title=_title(data[CONF_URL]), data=data, unique_id=data[CONF_URL]
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(QBITTORRENT_SCHEMA, user_input),
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Change URL, credentials or TLS checking of an existing qBittorrent."""
        subentry = self._get_reconfigure_subentry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data, errors = await self._validate(user_input, subentry)
            if not errors:
                return self.async_update_and_abort(
                    self._get_entry(),
                    subentry,
                    data=data,
                    title=_title(data[CONF_URL]),
                    unique_id=data[CONF_URL],
                )
        suggested = {k: v for k, v in subentry.data.items() if k != CONF_PASSWORD}
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                QBITTORRENT_SCHEMA, user_input or suggested
            ),
            errors=errors,
        )


def _title(url: str) -> str:
    host = url.split("://", 1)[-1]
    return f"qBittorrent {host}"

"""Config flow: one Pandora hub, each external service a config subentry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import probatio as vol

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentry,
    ConfigSubentryFlow,
    OptionsFlow,
)
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .api.http import safe_url
from .const import (
    CONF_AUTO_APPROVE_ADMINS,
    CONF_AUTO_APPROVE_USERS,
    CONF_DISK_GUARD_PAUSE,
    CONF_EXCLUDED_WORDS,
    CONF_FILE_INTO_LIBRARY,
    CONF_MAX_SIZE_GB,
    CONF_MIN_FREE_GB,
    CONF_MIN_SEEDERS,
    CONF_PIPELINE,
    CONF_PREFERRED_RESOLUTION,
    CONF_REQUEST_NOTIFICATIONS,
    CONF_REQUEST_STALL_MINUTES,
    CONF_SEEDING_GOAL_ACTION,
    CONF_SEEDING_GOAL_CATEGORIES,
    CONF_SEEDING_GOAL_DELETE_FILES,
    CONF_SEEDING_GOAL_MINUTES,
    CONF_SEEDING_GOAL_RATIO,
    CONF_VOICE_CONTROL,
    DEFAULT_AUTO_APPROVE_ADMINS,
    DEFAULT_DISK_GUARD_PAUSE,
    DEFAULT_FILE_INTO_LIBRARY,
    DEFAULT_MIN_SEEDERS,
    DEFAULT_PIPELINE,
    DEFAULT_PREFERRED_RESOLUTION,
    DEFAULT_REQUEST_NOTIFICATIONS,
    DEFAULT_REQUEST_STALL_MINUTES,
    DEFAULT_SEEDING_GOAL_ACTION,
    DEFAULT_SEEDING_GOAL_DELETE_FILES,
    DEFAULT_VOICE_CONTROL,
    DOMAIN,
    GOAL_ACTIONS,
    MAX_REQUEST_STALL_MINUTES,
    MIN_REQUEST_STALL_MINUTES,
    NAME,
    RESOLUTIONS,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_GLUETUN,
    SUBENTRY_JACKETT,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
    SUBENTRY_QBITTORRENT,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from .containers import SUBENTRY_FLOWS as CONTAINERS_FLOWS
from .discover import SUBENTRY_FLOWS as DISCOVER_FLOWS
from .downloads import SUBENTRY_FLOWS as DOWNLOADS_FLOWS
from .files import SUBENTRY_FLOWS as FILES_FLOWS
from .hub.flow import ServiceSpec, ServiceSubentryFlow, validate
from .library import SUBENTRY_FLOWS as LIBRARY_FLOWS
from .runtime import PandoraConfigEntry

# Every kind of service the hub takes, in the order the "Add service" menu lists them.
_FLOWS: dict[str, type[ServiceSubentryFlow]] = DOWNLOADS_FLOWS | DISCOVER_FLOWS | LIBRARY_FLOWS
SUBENTRY_FLOWS: dict[str, type[ServiceSubentryFlow]] = {
    kind: (_FLOWS | FILES_FLOWS | CONTAINERS_FLOWS)[kind]
    for kind in (
        SUBENTRY_QBITTORRENT,
        SUBENTRY_TMDB,
        SUBENTRY_WATCHMODE,
        SUBENTRY_JACKETT,
        SUBENTRY_JELLYFIN,
        SUBENTRY_CLOUDCMD,
        SUBENTRY_PORTAINER,
        SUBENTRY_GLUETUN,
    )
}
SPECS: dict[str, ServiceSpec] = {kind: flow.spec for kind, flow in SUBENTRY_FLOWS.items()}

CREDENTIALS_SCHEMA = vol.Schema(
    {
        vol.Optional(CONF_USERNAME, default=""): TextSelector(),
        vol.Optional(CONF_PASSWORD, default=""): TextSelector(
            TextSelectorConfig(type=TextSelectorType.PASSWORD)
        ),
    }
)
API_KEY_SCHEMA = vol.Schema(
    {vol.Required(CONF_API_KEY): TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))}
)


def _asks_for_login(subentry: ConfigSubentry) -> bool:
    """Whether a service's reauth asks for a username and password (else an API key).

    gluetun takes either: it is asked for the kind it was set up with.
    """
    data = subentry.data
    if subentry.subentry_type == SUBENTRY_GLUETUN:
        return not data.get(CONF_API_KEY) and bool(
            data.get(CONF_USERNAME) or data.get(CONF_PASSWORD)
        )
    return SPECS[subentry.subentry_type].secret == CONF_PASSWORD


class PandoraConfigFlow(ConfigFlow, domain=DOMAIN):
    """The single Pandora hub entry; services are added as subentries."""

    VERSION = 1
    # 1.2: no scan_interval option (async_migrate_entry drops it).
    MINOR_VERSION = 2

    _reauth_subentry_id: str | None = None

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Create the hub (only one may exist: `single_config_entry`)."""
        if user_input is not None:
            return self.async_create_entry(title=NAME, data={})
        return self.async_show_form(step_id="user")

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """The kinds of service that can be added to the hub."""
        return dict(SUBENTRY_FLOWS)

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: PandoraConfigEntry) -> PandoraOptionsFlow:
        """Hub options."""
        return PandoraOptionsFlow()

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """A service's credentials stopped working (started by its coordinator)."""
        subentry_id = self._reauth_subentry_id = entry_data.get("subentry_id")
        entry = self._get_reauth_entry()
        if subentry_id is None or subentry_id not in entry.subentries:
            return self.async_abort(reason="reauth_subentry_gone")
        subentry = entry.subentries[subentry_id]
        if subentry.subentry_type == SUBENTRY_QBITTORRENT:
            return await self.async_step_reauth_qbittorrent()
        if _asks_for_login(subentry):
            return await self.async_step_reauth_confirm()
        return await self.async_step_reauth_api_key()

    async def async_step_reauth_api_key(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new API key (TMDB, Watchmode, Jackett, Jellyfin) and test it."""
        if user_input is not None:
            user_input = {CONF_API_KEY: user_input[CONF_API_KEY].strip()}
        return await self._reauth("reauth_api_key", API_KEY_SCHEMA, user_input, {})

    async def async_step_reauth_qbittorrent(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for qBittorrent's username and password; Pandora stopped signing in meanwhile."""
        return await self._reauth_credentials("reauth_qbittorrent", user_input)

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new username and password (Cloud Commander) and test them."""
        return await self._reauth_credentials("reauth_confirm", user_input)

    async def _reauth_credentials(
        self, step_id: str, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        subentry = self._reauth_subentry()
        return await self._reauth(
            step_id,
            self.add_suggested_values_to_schema(
                CREDENTIALS_SCHEMA, {CONF_USERNAME: subentry.data.get(CONF_USERNAME, "")}
            ),
            user_input,
            {"url": safe_url(subentry.data[CONF_URL])},  # a URL may hold a login
        )

    def _reauth_subentry(self) -> ConfigSubentry:
        assert self._reauth_subentry_id is not None
        return self._get_reauth_entry().subentries[self._reauth_subentry_id]

    async def _reauth(
        self,
        step_id: str,
        schema: vol.Schema,
        user_input: dict[str, Any] | None,
        placeholders: dict[str, str],
    ) -> ConfigFlowResult:
        """Test the new secret with the service's own connection test, then store it."""
        entry = self._get_reauth_entry()
        subentry = self._reauth_subentry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**subentry.data, **user_input}
            errors, _identity = await validate(SPECS[subentry.subentry_type], self.hass, data)
            if not errors:
                if not self.hass.config_entries.async_update_subentry(entry, subentry, data=data):
                    # The same credentials work again: no change reloads the hub, yet the
                    # service's polling stopped at the refusal.
                    self.hass.config_entries.async_schedule_reload(entry.entry_id)
                return self.async_abort(reason="reauth_successful")
        return self.async_show_form(
            step_id=step_id,
            data_schema=schema,
            errors=errors,
            description_placeholders={"name": subentry.title, **placeholders},
        )


OPTIONS_SCHEMA = vol.Schema(
    {
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
        vol.Required(CONF_AUTO_APPROVE_ADMINS): BooleanSelector(),
        # CONF_AUTO_APPROVE_USERS goes here: its choices are the users of the moment.
        vol.Required(CONF_REQUEST_STALL_MINUTES): NumberSelector(
            NumberSelectorConfig(
                min=MIN_REQUEST_STALL_MINUTES,
                max=MAX_REQUEST_STALL_MINUTES,
                step=1,
                unit_of_measurement="min",
                mode=NumberSelectorMode.BOX,
            )
        ),
        vol.Required(CONF_REQUEST_NOTIFICATIONS): BooleanSelector(),
        vol.Required(CONF_VOICE_CONTROL): BooleanSelector(),
        vol.Optional(CONF_MIN_FREE_GB, default=0): NumberSelector(
            NumberSelectorConfig(
                min=0, max=100000, step=1, unit_of_measurement="GB", mode=NumberSelectorMode.BOX
            )
        ),
        vol.Optional(CONF_DISK_GUARD_PAUSE, default=DEFAULT_DISK_GUARD_PAUSE): BooleanSelector(),
    }
)
OPTION_DEFAULTS: dict[str, Any] = {
    CONF_PREFERRED_RESOLUTION: DEFAULT_PREFERRED_RESOLUTION,
    CONF_MIN_SEEDERS: DEFAULT_MIN_SEEDERS,
    CONF_MAX_SIZE_GB: 0,
    CONF_EXCLUDED_WORDS: "",
    CONF_PIPELINE: DEFAULT_PIPELINE,
    CONF_FILE_INTO_LIBRARY: DEFAULT_FILE_INTO_LIBRARY,
    CONF_AUTO_APPROVE_ADMINS: DEFAULT_AUTO_APPROVE_ADMINS,
    CONF_AUTO_APPROVE_USERS: [],
    CONF_REQUEST_STALL_MINUTES: DEFAULT_REQUEST_STALL_MINUTES,
    CONF_REQUEST_NOTIFICATIONS: DEFAULT_REQUEST_NOTIFICATIONS,
    CONF_VOICE_CONTROL: DEFAULT_VOICE_CONTROL,
    CONF_MIN_FREE_GB: 0,
    CONF_DISK_GUARD_PAUSE: DEFAULT_DISK_GUARD_PAUSE,
}


# The seeding goals: a collapsed section of the options form, then one step per category that
# has its own goal (downloads/goals.py).
SEEDING_GOALS = "seeding_goals"
GOAL_CATEGORIES = "categories"
_RATIO = NumberSelector(
    NumberSelectorConfig(min=0.01, max=1000, step=0.01, mode=NumberSelectorMode.BOX)
)
_MINUTES = NumberSelector(
    NumberSelectorConfig(
        min=1, max=525600, step=1, unit_of_measurement="min", mode=NumberSelectorMode.BOX
    )
)
_ACTION = SelectSelector(
    SelectSelectorConfig(options=list(GOAL_ACTIONS), translation_key="goal_action")
)
CATEGORY_GOAL_SCHEMA = vol.Schema(
    {
        vol.Optional("ratio"): _RATIO,
        vol.Optional("minutes"): _MINUTES,
        vol.Required("action"): _ACTION,
    }
)


def _goal_section(categories: list[str]) -> section:
    """The hub's goal, what "remove" deletes, and the categories with a goal of their own."""
    return section(
        vol.Schema(
            {
                vol.Optional(CONF_SEEDING_GOAL_RATIO): _RATIO,
                vol.Optional(CONF_SEEDING_GOAL_MINUTES): _MINUTES,
                vol.Required(
                    CONF_SEEDING_GOAL_ACTION, default=DEFAULT_SEEDING_GOAL_ACTION
                ): _ACTION,
                vol.Required(
                    CONF_SEEDING_GOAL_DELETE_FILES, default=DEFAULT_SEEDING_GOAL_DELETE_FILES
                ): BooleanSelector(),
                vol.Optional(GOAL_CATEGORIES, default=[]): SelectSelector(
                    SelectSelectorConfig(
                        options=categories,
                        multiple=True,
                        custom_value=True,
                        mode=SelectSelectorMode.DROPDOWN,
                    )
                ),
            }
        ),
        {"collapsed": True},
    )


def _options_schema(users: dict[str, str], categories: list[str] | None = None) -> vol.Schema:
    """The options form, offering `users` (id → name) for auto-approval.

    `categories`: qBittorrent's categories (and those with a goal), offered for own goals.
    """
    fields = dict(OPTIONS_SCHEMA.schema)
    schema: dict[Any, Any] = {}
    for key, selector in fields.items():
        schema[key] = selector
        if key == CONF_AUTO_APPROVE_ADMINS:
            schema[vol.Optional(CONF_AUTO_APPROVE_USERS, default=[])] = SelectSelector(
                SelectSelectorConfig(
                    options=[
                        SelectOptionDict(value=user_id, label=name)
                        for user_id, name in users.items()
                    ],
                    multiple=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            )
    # No default: the frontend fills a section from its fields' own values and defaults, and a
    # default of {} would leave its required fields empty ("Not all required fields are
    # filled in"); a client that sends no section keeps no goal.
    schema[vol.Optional(SEEDING_GOALS)] = _goal_section(categories or [])
    return vol.Schema(schema)


def _number(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _minutes(value: Any) -> int | None:
    return None if (number := _number(value)) is None else int(number)


class PandoraOptionsFlow(OptionsFlow):
    """Hub-wide settings: the torrent search quality profile, the pipeline, requests, voice."""

    config_entry: PandoraConfigEntry

    def __init__(self) -> None:
        """Nothing asked yet."""
        self._options: dict[str, Any] = {}
        self._pending: list[str] = []  # categories whose goal is still to be asked
        self._goals: dict[str, dict[str, Any]] = {}

    def _categories(self) -> list[str]:
        """The categories qBittorrent reports now, and those that have a goal."""
        names: set[str] = set(self.config_entry.options.get(CONF_SEEDING_GOAL_CATEGORIES) or {})
        runtime = getattr(self.config_entry, "runtime_data", None)
        for coordinator in getattr(runtime, "qbittorrent", {}).values():
            names.update(coordinator.client.maindata.categories)
        return sorted(names, key=str.casefold)

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show the hub options; then each category chosen for a goal of its own."""
        users = {
            user.id: user.name or user.id
            for user in await self.hass.auth.async_get_users()
            if user.is_active and not user.system_generated
        }
        if user_input is not None:
            goals = user_input.get(SEEDING_GOALS) or {}
            chosen = [name.strip() for name in goals.get(GOAL_CATEGORIES, [])]
            self._pending = list(dict.fromkeys(name for name in chosen if name))
            self._options = (
                dict(self.config_entry.options)
                | {
                    CONF_SEEDING_GOAL_RATIO: _number(goals.get(CONF_SEEDING_GOAL_RATIO)),
                    CONF_SEEDING_GOAL_MINUTES: _minutes(goals.get(CONF_SEEDING_GOAL_MINUTES)),
                    CONF_SEEDING_GOAL_ACTION: goals.get(
                        CONF_SEEDING_GOAL_ACTION, DEFAULT_SEEDING_GOAL_ACTION
                    ),
                    CONF_SEEDING_GOAL_DELETE_FILES: bool(
                        goals.get(CONF_SEEDING_GOAL_DELETE_FILES, DEFAULT_SEEDING_GOAL_DELETE_FILES)
                    ),
                    CONF_SEEDING_GOAL_CATEGORIES: {},
                }
                | {
                    CONF_PREFERRED_RESOLUTION: user_input[CONF_PREFERRED_RESOLUTION],
                    CONF_MIN_SEEDERS: int(user_input[CONF_MIN_SEEDERS]),
                    CONF_MAX_SIZE_GB: float(user_input[CONF_MAX_SIZE_GB]),
                    CONF_EXCLUDED_WORDS: user_input.get(CONF_EXCLUDED_WORDS, "").strip(),
                    CONF_PIPELINE: bool(user_input[CONF_PIPELINE]),
                    CONF_FILE_INTO_LIBRARY: bool(user_input[CONF_FILE_INTO_LIBRARY]),
                    CONF_AUTO_APPROVE_ADMINS: bool(user_input[CONF_AUTO_APPROVE_ADMINS]),
                    CONF_AUTO_APPROVE_USERS: list(user_input.get(CONF_AUTO_APPROVE_USERS, [])),
                    CONF_REQUEST_STALL_MINUTES: int(user_input[CONF_REQUEST_STALL_MINUTES]),
                    CONF_REQUEST_NOTIFICATIONS: bool(user_input[CONF_REQUEST_NOTIFICATIONS]),
                    CONF_VOICE_CONTROL: bool(user_input[CONF_VOICE_CONTROL]),
                    CONF_MIN_FREE_GB: float(user_input.get(CONF_MIN_FREE_GB, 0)),
                    CONF_DISK_GUARD_PAUSE: bool(
                        user_input.get(CONF_DISK_GUARD_PAUSE, DEFAULT_DISK_GUARD_PAUSE)
                    ),
                }
            )
            return await self.async_step_category_goal()
        current = OPTION_DEFAULTS | dict(self.config_entry.options)
        # Users deleted or deactivated since are no longer offered (nor kept).
        current[CONF_AUTO_APPROVE_USERS] = [
            u for u in current[CONF_AUTO_APPROVE_USERS] or [] if u in users
        ]
        own_goals = current.get(CONF_SEEDING_GOAL_CATEGORIES) or {}
        current[SEEDING_GOALS] = {
            key: current[key]
            for key in (
                CONF_SEEDING_GOAL_RATIO,
                CONF_SEEDING_GOAL_MINUTES,
                CONF_SEEDING_GOAL_ACTION,
                CONF_SEEDING_GOAL_DELETE_FILES,
            )
            if current.get(key) is not None
        } | {GOAL_CATEGORIES: sorted(own_goals, key=str.casefold)}
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                _options_schema(users, self._categories()), current
            ),
        )

    async def async_step_category_goal(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """One category's own goal (ratio and/or seeding time, and the action); then save."""
        errors: dict[str, str] = {}
        if user_input is not None:
            ratio, minutes = _number(user_input.get("ratio")), _minutes(user_input.get("minutes"))
            if ratio is None and minutes is None:
                errors["base"] = "goal_empty"
            else:
                category = self._pending.pop(0)
                self._goals[category] = {
                    "ratio": ratio,
                    "minutes": minutes,
                    "action": user_input["action"],
                }
        if not self._pending:
            self._options[CONF_SEEDING_GOAL_CATEGORIES] = self._goals
            return self.async_create_entry(data=self._options)
        category = self._pending[0]
        saved = (self.config_entry.options.get(CONF_SEEDING_GOAL_CATEGORIES) or {}).get(category)
        suggested = {k: v for k, v in (saved or {}).items() if v is not None}
        suggested.setdefault("action", self._options[CONF_SEEDING_GOAL_ACTION])
        return self.async_show_form(
            step_id="category_goal",
            data_schema=self.add_suggested_values_to_schema(CATEGORY_GOAL_SCHEMA, suggested),
            errors=errors,
            description_placeholders={"category": category},
        )

"""The Jellyfin service's flow: the connection (shared with the other services) and who watches.

Reconfiguring a Jellyfin server offers two steps: its connection, and "Users", which maps each
Home Assistant user to the Jellyfin user whose Continue watching and Recently added they see and
who plays what they start, or to nobody (no rows, no playing); unmapped people get the Jellyfin
user of their name, else (administrators only) the first administrator, else nobody. The step
also sets the address people open Jellyfin at, for "Play in Jellyfin" links.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import probatio as vol

from homeassistant.auth.models import User
from homeassistant.config_entries import SubentryFlowResult
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from ..api.errors import PandoraError
from ..api.jellyfin_models import JellyfinUser
from ..const import CONF_USERS, CONF_VERIFY_SSL, CONF_WEB_URL, NO_JELLYFIN_USER, SUBENTRY_JELLYFIN
from ..hub.flow import (
    ERROR_KEYS,
    PASSWORD,
    URL,
    ServiceSpec,
    ServiceSubentryFlow,
    where,
)
from ..hub.forms import normalize_url
from ..hub.session import temporary_session
from .coordinator import jellyfin_client, resolve_watcher


async def _test_jellyfin(hass: HomeAssistant, data: Mapping[str, Any]) -> str:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        return (await jellyfin_client(session, data).system_info()).id


def _jellyfin_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): URL,
            vol.Required(CONF_API_KEY): PASSWORD,
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


JELLYFIN = ServiceSpec(
    SUBENTRY_JELLYFIN,
    _jellyfin_schema,
    _test_jellyfin,
    lambda d: f"Jellyfin {where(d)}",
    name="Jellyfin",
    kept=(CONF_USERS, CONF_WEB_URL),
)


# The choice that leaves a Home Assistant user unmapped (resolve_watcher decides).
DEFAULT_USER: Final = "default"
# Why each person watches as whom, in the form's description (resolve_watcher's reasons).
BASIS: Final = {
    "mapped": "chosen here",
    "off": "chosen here",
    "same_name": "same name",
    "admin_default": "administrator default",
    "gone": "their Jellyfin user is deleted or disabled",
    "unmapped": "no Jellyfin user of the same name",
    "no_admin": "Jellyfin has no administrator",
}
LINK_EXAMPLE: Final = "https://jellyfin.example.org"


class JellyfinSubentryFlow(ServiceSubentryFlow):
    """Jellyfin: library scans and counts, the watching rows and playback (several allowed)."""

    spec = JELLYFIN

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Which settings to change."""
        return self.async_show_menu(step_id="reconfigure", menu_options=["connection", "users"])

    async def async_step_connection(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """URL, API key and certificate check (the user mapping is kept)."""
        return await self._reconfigure_connection(user_input, "connection")

    async def _ha_users(self) -> dict[str, User]:
        """Form field (the person's name, made unique) -> Home Assistant user."""
        fields: dict[str, User] = {}
        users = await self.hass.auth.async_get_users()
        for user in sorted(users, key=lambda u: (u.name or "").casefold()):
            if user.system_generated or not user.is_active:
                continue
            name = user.name or user.id
            key, n = name, 2
            while key in fields:
                key, n = f"{name} ({n})", n + 1
            fields[key] = user
        return fields

    async def async_step_users(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Map Home Assistant users to Jellyfin users; the address for links."""
        subentry = self._get_reconfigure_subentry()
        errors: dict[str, str] = {}
        try:
            with temporary_session(self.hass, True) as session:
                jellyfin_users = await jellyfin_client(session, subentry.data).users()
        except PandoraError as err:
            return self.async_abort(reason=ERROR_KEYS.get(type(err), "cannot_connect"))
        people = await self._ha_users()
        known = _choosable(jellyfin_users)
        if user_input is not None:
            web_url = str(user_input.get(CONF_WEB_URL) or "").strip()
            try:
                web_url = normalize_url(web_url) if web_url else ""
            except ValueError:
                errors[CONF_WEB_URL] = "invalid_url"
            if not errors:
                # A Jellyfin user gone since the form was shown is nobody, never the default.
                mapping = {
                    people[field].id: choice if choice in known else NO_JELLYFIN_USER
                    for field, choice in user_input.items()
                    if field in people and choice != DEFAULT_USER
                }
                data = dict(subentry.data) | {CONF_USERS: mapping, CONF_WEB_URL: web_url}
                return self.async_update_and_abort(self._get_entry(), subentry, data=data)
        current: dict[str, str] = subentry.data.get(CONF_USERS) or {}
        schema = _users_schema(people, jellyfin_users, current, subentry.data.get(CONF_WEB_URL))
        return self.async_show_form(
            step_id="users",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
            description_placeholders={
                "url": str(subentry.data[CONF_URL]),
                "example": LINK_EXAMPLE,
                "people": _resolutions(people, current, jellyfin_users),
            },
        )


def _choosable(jellyfin_users: list[JellyfinUser]) -> set[str]:
    """What a person can be mapped to: an enabled Jellyfin user, or nobody."""
    return {u.id for u in jellyfin_users if not u.is_disabled} | {NO_JELLYFIN_USER}


def _resolutions(
    people: dict[str, User], mapping: dict[str, str], jellyfin_users: list[JellyfinUser]
) -> str:
    """Whom each person (and automations) watches as with the saved mapping, one per line."""
    lines = []
    for field, person in [*people.items(), ("Automations", None)]:
        user, why = resolve_watcher(person, mapping, jellyfin_users)
        lines.append(f"- {field} → {user.name if user else 'nobody'} ({BASIS.get(why, why)})")
    return "\n".join(lines)


def _users_schema(
    people: dict[str, User],
    jellyfin_users: list[JellyfinUser],
    current: dict[str, str],
    web_url: str | None,
) -> vol.Schema:
    options = [
        SelectOptionDict(
            value=DEFAULT_USER,
            label=(
                "Automatic: the Jellyfin user of the same name; administrators: the first Jellyfin "
                "administrator; otherwise nobody"
            ),
        ),
        SelectOptionDict(value=NO_JELLYFIN_USER, label="Nobody: no Jellyfin rows, no playing"),
    ]
    options += [
        SelectOptionDict(
            value=u.id, label=f"{u.name} (administrator)" if u.is_administrator else u.name
        )
        for u in jellyfin_users
        if not u.is_disabled
    ]
    choose = SelectSelector(SelectSelectorConfig(options=options, mode=SelectSelectorMode.DROPDOWN))
    known = _choosable(jellyfin_users)
    fields: dict[Any, Any] = {
        vol.Optional(CONF_WEB_URL, default=web_url or ""): TextSelector(
            TextSelectorConfig(type=TextSelectorType.URL)
        )
    }
    for field, person in people.items():
        chosen = current.get(person.id)
        # Mapped to someone since deleted or disabled: offered as nobody, never the admin.
        default = chosen if chosen in known else NO_JELLYFIN_USER if chosen else DEFAULT_USER
        fields[vol.Required(field, default=default)] = choose
    return vol.Schema(fields)


SUBENTRY_FLOWS = {SUBENTRY_JELLYFIN: JellyfinSubentryFlow}

"""What actions, the panel's rows and requests ask TMDB and Jackett (the query helpers).

The loaded discovery or search, each call guarded (bad keys start reauth, a spent quota raises a
repair), pages annotated with what the libraries hold.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant, ServiceResponse
from homeassistant.helpers import issue_registry as ir

from ..api.errors import InvalidAuth, PandoraError, QuotaExceeded
from ..const import DOMAIN
from ..downloads import ReleaseSearch
from ..hub.errors import translated_error, validation_error
from ..hub.targets import loaded_entry
from ..library import annotate
from .discovery import Discovery

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

MEDIA_TYPES = ("movie", "tv")


def subentry_of(entry: PandoraConfigEntry, subentry_type: str) -> ConfigSubentry | None:
    return next((s for s in entry.subentries.values() if s.subentry_type == subentry_type), None)


async def guarded[T](
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    subentry: ConfigSubentry | None,
    func: Callable[[], Awaitable[T]],
) -> T:
    """Run a call for a service; bad keys start reauth, a spent quota raises a repair issue.

    The error names the service (its title), as the credentials message must.
    """
    name = subentry.title if subentry is not None else "The service"
    try:
        result = await func()
    except InvalidAuth as err:
        if subentry is not None:
            entry.async_start_reauth(hass, data={"subentry_id": subentry.subentry_id})
        raise translated_error(err, name) from err
    except QuotaExceeded as err:
        if subentry is not None:
            ir.async_create_issue(
                hass,
                DOMAIN,
                f"quota_exceeded_{subentry.subentry_id}",
                is_fixable=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key="quota_exceeded",
                translation_placeholders={"name": subentry.title},
            )
        raise translated_error(err, name) from err
    except PandoraError as err:
        raise translated_error(err, name) from err
    if subentry is not None:
        ir.async_delete_issue(hass, DOMAIN, f"quota_exceeded_{subentry.subentry_id}")
    return result


def loaded_discovery(hass: HomeAssistant) -> tuple[PandoraConfigEntry, Discovery]:
    entry = loaded_entry(hass)
    discovery = entry.runtime_data.discovery
    if discovery is None:
        raise validation_error("no_tmdb")
    return entry, discovery


def loaded_search(hass: HomeAssistant) -> tuple[PandoraConfigEntry, ReleaseSearch]:
    entry = loaded_entry(hass)
    if not entry.runtime_data.release_search.instances:
        raise validation_error("no_jackett")
    return entry, entry.runtime_data.release_search


def with_library(entry: PandoraConfigEntry, page: dict[str, Any]) -> ServiceResponse:
    """A TMDB page whose titles say whether a Jellyfin library holds them."""
    return cast(
        ServiceResponse,
        page | {"results": annotate(entry.runtime_data, page.get("results") or [])},
    )


async def discover_page(hass: HomeAssistant, list_name: str, page: int = 1) -> dict[str, Any]:
    """One page of a TMDB list (cached), each title saying whether a library holds it."""
    entry, discovery = loaded_discovery(hass)
    answer = await guarded(
        hass, entry, subentry_of(entry, "tmdb"), lambda: discovery.discover(list_name, page)
    )
    return cast(dict[str, Any], with_library(entry, answer))


async def media_details(hass: HomeAssistant, tmdb_id: int, media_type: str) -> dict[str, Any]:
    """A title's TMDB details (cached), TMDB's failures as translated errors (and reauth)."""
    entry, discovery = loaded_discovery(hass)
    return await guarded(
        hass, entry, subentry_of(entry, "tmdb"), lambda: discovery.details(tmdb_id, media_type)
    )

"""Finding what an action acts on: the loaded hub, and the service (subentry) it names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from ..const import DOMAIN
from .errors import validation_error

# The loaded hub's share of one feature (its runtime slice), or a translated `not_loaded` error.
# Root hands each feature's actions, views and websocket commands this accessor.
type Loaded[T] = Callable[[HomeAssistant], T]


def loaded_entry(hass: HomeAssistant) -> ConfigEntry[Any]:
    """The loaded Pandora hub, or a translated error."""
    entries: list[ConfigEntry[Any]] = hass.config_entries.async_loaded_entries(DOMAIN)
    if not entries:
        raise validation_error("not_loaded")
    return entries[0]


class _OfSubentry(Protocol):
    @property
    def subentry(self) -> ConfigSubentry: ...


def find_instance[T: _OfSubentry](
    hass: HomeAssistant, services: Mapping[str, T], instance: str
) -> T:
    """The service an action names: by subentry id, title or device id; else a clear error."""
    device = dr.async_get(hass).async_get(instance)
    for subentry_id, service in services.items():
        if instance in (subentry_id, service.subentry.title) or (
            device is not None and (DOMAIN, subentry_id) in device.identifiers
        ):
            return service
    raise validation_error("unknown_instance", instance=instance)


def targets[T: _OfSubentry](
    hass: HomeAssistant, services: Mapping[str, T], instance: str | None, missing: str
) -> list[T]:
    """The services of one kind an action targets: the named one, or all of them.

    `missing` is the error's translation key when none of that kind is configured.
    """
    if not services:
        raise validation_error(missing)
    if instance is None:
        return list(services.values())
    return [find_instance(hass, services, instance)]


def one_target[T: _OfSubentry](
    hass: HomeAssistant, services: Mapping[str, T], instance: str | None, missing: str
) -> T:
    """The one service an action acts on: the named one, or the only one configured."""
    found = targets(hass, services, instance, missing)
    if len(found) > 1:
        titles = ", ".join(service.subentry.title for service in found)
        raise validation_error("instance_required", instances=titles)
    return found[0]

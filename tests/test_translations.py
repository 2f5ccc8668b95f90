"""Everything a user reads is translated: raised errors and sensor units; numbers have a precision.

The package is read whole (every exception built anywhere, every sensor class), so a new one
that skips its translation or precision fails here, not in a user's log or dashboard.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
import importlib
import inspect
import json
from pathlib import Path
import pkgutil
from types import ModuleType

import pytest

from custom_components import pandora
from custom_components.pandora.api import errors as api_errors
from custom_components.pandora.containers import entities as container_entities, vpn as vpn_entities
from custom_components.pandora.downloads import entities as torrent_entities
from custom_components.pandora.files import entities as file_entities
from custom_components.pandora.hub.errors import translated_error
from custom_components.pandora.library import entities as jellyfin_entities
from custom_components.pandora.requests import entities as request_entities
from homeassistant.components.sensor import SensorEntity, SensorEntityDescription
from homeassistant.components.sensor.const import DEVICE_CLASS_UNITS, NON_NUMERIC_DEVICE_CLASSES
from homeassistant.const import PERCENTAGE
from homeassistant.exceptions import HomeAssistantError, Unauthorized

COMPONENT = Path(pandora.__file__).parent
STRINGS = json.loads((COMPONENT / "strings.json").read_text())
EXCEPTIONS = STRINGS["exceptions"]
ENTITY_STRINGS = STRINGS["entity"]["sensor"]
# Every sensor class, with its descriptions or its translation keys (an entity per key).
SENSORS: dict[type[SensorEntity], tuple[SensorEntityDescription | str, ...]] = {
    torrent_entities.QBittorrentSensor: torrent_entities.SENSORS,
    torrent_entities.GoalReachedSensor: ("torrents_goal_reached",),
    file_entities.DownloadedSensor: ("downloaded_items",),
    jellyfin_entities.JellyfinSensor: jellyfin_entities.SENSORS,
    jellyfin_entities.StreamsSensor: ("active_streams",),
    container_entities.ContainerSensor: container_entities.CONTAINER_SENSORS,
    container_entities.ContainerCountSensor: ("containers_running", "containers_unhealthy"),
    container_entities.StackStatusSensor: ("stack_status",),
    vpn_entities.VpnSensor: vpn_entities.SENSORS,
    request_entities.RequestCountSensor: tuple(f"requests_{c}" for c in request_entities.COUNTS),
}
# Units without a device class that are still Home Assistant's own symbols.
GENERIC_UNITS = {PERCENTAGE}
# Functions whose argument becomes an exception's translation key: (position, keyword).
KEY_FORWARDERS = {
    "validation_error": (0, "key"),
    "RequestError": (0, "key"),
    "targets": (3, "missing"),
    "one_target": (3, "missing"),
}


def _modules() -> Iterator[tuple[ModuleType, ast.Module]]:
    for info in pkgutil.walk_packages(pandora.__path__, f"{pandora.__name__}."):
        module = importlib.import_module(info.name)
        yield module, ast.parse(inspect.getsource(module))


def _resolve(module: ModuleType, func: ast.expr) -> object:
    """What a called name or dotted name refers to in the module, if anything."""
    if isinstance(func, ast.Name):
        return getattr(module, func.id, None)
    if isinstance(func, ast.Attribute):
        owner = _resolve(module, func.value)
        return getattr(owner, func.attr, None) if owner is not None else None
    return None


def _calls() -> Iterator[tuple[str, ast.Call, object]]:
    for module, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                where = f"{module.__name__}:{node.lineno}"
                yield where, node, _resolve(module, node.func)


def _user_facing(target: object) -> bool:
    """Home Assistant errors, except `Unauthorized` (HA words that one itself)."""
    return (
        inspect.isclass(target)
        and issubclass(target, HomeAssistantError)
        and not issubclass(target, Unauthorized)
    )


def test_every_raised_error_is_translated() -> None:
    untranslated: list[str] = []
    unknown: list[str] = []
    for where, call, target in _calls():
        keywords = {k.arg: k.value for k in call.keywords}
        if _user_facing(target):
            domain = keywords.get("translation_domain")
            key = keywords.get("translation_key")
            if key is None or not (isinstance(domain, ast.Name) and domain.id == "DOMAIN"):
                untranslated.append(f"{where} {ast.unparse(call)}")
            elif isinstance(key, ast.Constant) and key.value not in EXCEPTIONS:
                unknown.append(f"{where} {key.value!r}")
        elif isinstance(call.func, ast.Name) and call.func.id in KEY_FORWARDERS:
            position, keyword = KEY_FORWARDERS[call.func.id]
            arg = keywords.get(keyword) or (
                call.args[position] if len(call.args) > position else None
            )
            if isinstance(arg, ast.Constant) and arg.value not in EXCEPTIONS:
                unknown.append(f"{where} {arg.value!r}")
    assert not untranslated, "no translation_domain=DOMAIN, translation_key:\n" + "\n".join(
        untranslated
    )
    assert not unknown, "not in strings.json exceptions:\n" + "\n".join(unknown)


@pytest.mark.parametrize(
    "error",
    [
        cls
        for cls in vars(api_errors).values()
        if inspect.isclass(cls) and issubclass(cls, api_errors.PandoraError)
    ],
)
def test_client_errors_map_to_known_keys(error: type[api_errors.PandoraError]) -> None:
    """`translated_error` picks its key from the error's class."""
    assert translated_error(error("boom")).translation_key in EXCEPTIONS


def test_the_walk_sees_the_errors() -> None:
    """Guard the guard: the walk resolves HA's error classes and the helpers' keys."""
    seen = {getattr(target, "__name__", None) for _, _, target in _calls()}
    assert {"HomeAssistantError", "ServiceValidationError", "UpdateFailed"} <= seen
    assert "validation_error" in seen


def _sensors() -> Iterator[SensorEntity]:
    """One bare entity per description or key: enough to read its unit, classes, precision."""
    for cls, variants in SENSORS.items():
        for variant in variants:
            entity = cls.__new__(cls)
            if isinstance(variant, SensorEntityDescription):
                entity.entity_description = variant
            else:
                entity._attr_translation_key = variant
            yield entity


def test_every_sensor_class_is_walked() -> None:
    defined = {
        cls
        for module, _ in _modules()
        for cls in vars(module).values()
        if inspect.isclass(cls)
        and issubclass(cls, SensorEntity)
        and cls.__module__.startswith(pandora.__name__)
    }
    assert defined == set(SENSORS)


def test_units_are_home_assistant_units_or_translated() -> None:
    for entity in _sensors():
        key, unit = entity.translation_key, entity.native_unit_of_measurement
        assert key in ENTITY_STRINGS, key
        translated = ENTITY_STRINGS[key].get("unit_of_measurement")
        if translated is not None:
            # Home Assistant refuses a translated unit next to a native one.
            assert unit is None, key
            assert entity.device_class is None, key
        elif (device_class := entity.device_class) in DEVICE_CLASS_UNITS:
            units = DEVICE_CLASS_UNITS[device_class]
            assert unit in units and entity.suggested_unit_of_measurement in units, key
        else:
            assert unit is None or unit in GENERIC_UNITS, f"{key}: {unit!r} is not translated"


def test_numeric_sensors_have_a_display_precision() -> None:
    for entity in _sensors():
        key = entity.translation_key
        numeric = entity.device_class not in NON_NUMERIC_DEVICE_CLASSES and (
            entity.state_class is not None
            or entity.native_unit_of_measurement is not None
            or entity.device_class is not None
            or "unit_of_measurement" in ENTITY_STRINGS[key]
        )
        if numeric:
            assert entity.suggested_display_precision is not None, key
        else:
            assert entity.suggested_display_precision is None, key


def test_translated_units_belong_to_sensors() -> None:
    keys = {entity.translation_key for entity in _sensors()}
    translated = {k for k, v in ENTITY_STRINGS.items() if "unit_of_measurement" in v}
    assert translated <= keys

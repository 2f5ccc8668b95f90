"""Input errors people can read: a schema's failure becomes one translated sentence.

Every action's schema is wrapped by `register_action` (permissions.py), so a call with a missing,
blank, out-of-range or contradictory field is answered with a `ServiceValidationError` from a few
keys of Pandora's own (`exceptions` in strings.json), naming the field the way the action form
does (`services.<action>.fields.<field>.name`), whichever door it came through: the action, the
panel's websocket commands (which run the actions), an LLM tool. The probatio text
("required key not provided at 'query'", "Got {...}") never reaches a person.

Pandora's own validators say more than a schema can (a magnet link, a torrent hash, an absolute
path): they raise `InputInvalid` with their own key, and the wrapper adds the field's name.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import probatio as vol

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.translation import async_get_translations
from homeassistant.helpers.typing import VolSchemaType
from homeassistant.util.hass_dict import HassKey

from ..const import DOMAIN

# Placeholders that hold a field's key: shown by the field's form name.
FIELD_PLACEHOLDERS: Final = ("field", "other")
# What a field's validator says when it fails, when that validator cannot say it itself.
_KINDS: Final[dict[Callable[[Any], Any], str]] = {
    cv.boolean: "not_a_boolean",
    cv.datetime: "not_a_date_time",
}


class InputInvalid(vol.Invalid):
    """A Pandora validator's refusal: `key` is a translation key of `exceptions`.

    Raised inside a schema, it keeps its key and placeholders up to the action's wrapper; its
    message is for logs (the wrapper renders the key). `field` and `other` placeholders are
    field keys, shown by their form names.
    """

    def __init__(self, key: str, **placeholders: str) -> None:
        """Keep the key and its placeholders."""
        super().__init__(key.replace("_", " "))
        self.key = key
        self.values = placeholders


def filled(value: Any) -> str:
    """A string with something in it, trimmed (a blank id or name is a mistake)."""
    text = cv.string(value).strip()
    if not text:
        raise InputInvalid("field_empty")
    return text


def needs(wanted: str, other: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A whole-schema check: `wanted` is given only together with `other`."""

    def check(data: dict[str, Any]) -> dict[str, Any]:
        if wanted in data and other not in data:
            raise InputInvalid("field_needs", field=wanted, other=other)
        return data

    return check


# --- the action form's names -------------------------------------------------------------------


@dataclass(slots=True)
class FormNames:
    """Actions' and fields' names as the action form shows them (server language)."""

    actions: dict[str, str] = field(default_factory=dict)
    fields: dict[str, dict[str, str]] = field(default_factory=dict)

    def action_name(self, action: str) -> str:
        """The action's name ("Search torrents")."""
        return self.actions.get(action, action)

    def field_name(self, action: str, key: str) -> str:
        """A field's name ("Type" for `media_type`); its key when the form has no name for it."""
        return self.fields.get(action, {}).get(key, key)


FORM_NAMES: Final[HassKey[FormNames]] = HassKey(f"{DOMAIN}_form_names")


async def async_load_form_names(hass: HomeAssistant) -> None:
    """Read the actions' form names once (the error path is synchronous)."""
    strings = await async_get_translations(hass, hass.config.language, "services", [DOMAIN])
    names = FormNames()
    prefix = f"component.{DOMAIN}.services."
    for key, text in strings.items():
        match key.removeprefix(prefix).split("."):
            case [action, "name"]:
                names.actions[action] = text
            case [action, "fields", name, "name"]:
                names.fields.setdefault(action, {})[name] = text
    hass.data[FORM_NAMES] = names


# --- from a schema's failure to a sentence -----------------------------------------------------


@dataclass(slots=True)
class _Shape:
    """What the wrapper needs to know of a schema: its groups and some fields' validators."""

    exclusive: dict[str, list[str]]
    inclusive: dict[str, list[str]]
    kinds: dict[str, str]


def _mappings(schema: Any) -> Iterable[Mapping[Hashable, Any]]:
    """The field mappings of a schema (nested in `vol.All` / `vol.Any`)."""
    if isinstance(schema, vol.Schema) and isinstance(schema.schema, Mapping):
        yield schema.schema
    for validator in getattr(schema, "validators", ()):
        yield from _mappings(validator)


def _shape(schema: VolSchemaType) -> _Shape:
    shape = _Shape({}, {}, {})
    for mapping in _mappings(schema):
        for marker, validator in mapping.items():
            key = str(getattr(marker, "schema", marker))
            if (group := getattr(marker, "group_of_exclusion", None)) is not None:
                shape.exclusive.setdefault(group, []).append(key)
            if (group := getattr(marker, "group_of_inclusion", None)) is not None:
                shape.inclusive.setdefault(group, []).append(key)
            if isinstance(validator, Hashable) and validator in _KINDS:
                shape.kinds[key] = _KINDS[validator]
    return shape


def _blank(value: Any) -> bool:
    """Nothing in it: null, spaces, an empty list."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, tuple, dict, set)) and not value)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _explain(
    err: vol.Invalid, data: Mapping[str, Any], shape: _Shape
) -> tuple[str, dict[str, str]]:
    """The translation key and placeholders (`field`, `other`: field keys) for one failure."""
    path = err.path
    key = path[0] if path and isinstance(path[0], str) else None
    if isinstance(err, InputInvalid):
        return err.key, {"field": key or "", **err.values}
    if key is None or isinstance(key, vol.VirtualPathComponent):
        return _of_fields(err, data, shape)
    return _of_field(err, key, data.get(key), shape)


def _of_fields(
    err: vol.Invalid, data: Mapping[str, Any], shape: _Shape
) -> tuple[str, dict[str, str]]:
    """A failure of several fields together: exclusive, inclusive, one of them required."""
    group = str(err.placeholders.get("group"))
    fields = shape.exclusive.get(group) or shape.inclusive.get(group) or []
    if blank := [k for k in fields if k in data and _blank(data[k])]:
        return "field_empty", {"field": blank[0]}  # given, but blank: that is the mistake
    given = [k for k in fields if k in data]
    if isinstance(err, vol.ExclusiveInvalid) and len(given) > 1:
        return "fields_exclusive", {"field": given[0], "other": given[1]}
    if isinstance(err, vol.InclusiveInvalid) and 0 < len(given) < len(fields):
        missing = [k for k in fields if k not in data]
        return "field_needs", {"field": given[0], "other": missing[0]}
    if isinstance(err, vol.RequiredFieldInvalid) and (keys := err.placeholders.get("keys")):
        return "field_one_of", {"field": str(keys[0]), "other": str(keys[-1])}
    return "input_invalid", {}


def _of_field(err: vol.Invalid, key: str, value: Any, shape: _Shape) -> tuple[str, dict[str, str]]:
    """A failure of one field (or of an item in its list)."""
    found: dict[str, Any] = err.placeholders
    placeholders = {"field": key}
    if isinstance(err, vol.RequiredFieldInvalid):
        kind = "field_required"
    elif isinstance(err, vol.ExtraKeysInvalid):
        kind, placeholders = "unknown_field", {"name": key}
    elif _blank(value):
        kind = "field_empty"
    elif isinstance(err, vol.InInvalid):
        kind = "value_not_allowed"
        placeholders["values"] = ", ".join(str(v) for v in found.get("values", ()))
    elif isinstance(err, vol.RangeInvalid) and "min" in found:
        kind, placeholders["min"] = "number_too_small", _number(found["min"])
    elif isinstance(err, vol.RangeInvalid) and "max" in found:
        kind, placeholders["max"] = "number_too_large", _number(found["max"])
    elif isinstance(err, vol.LengthInvalid) and "max" in found:
        kind = "text_too_long" if isinstance(value, str) else "too_many_items"
        placeholders["max"] = str(found["max"])
    elif isinstance(err, vol.CoerceInvalid) and found.get("expected") == "int":
        kind = "not_a_number"
    else:
        kind = shape.kinds.get(key, "value_invalid")
    return kind, placeholders


def input_error(
    err: vol.Invalid,
    data: Any,
    schema: VolSchemaType,
    *,
    name: Callable[[str], str] = str,
    action: str = "",
) -> ServiceValidationError:
    """The translated error for a schema's failure on `data`; `name` gives a field's name."""
    errors = err.errors if isinstance(err, vol.MultipleInvalid) and err.errors else [err]
    mapping = data if isinstance(data, Mapping) else {}
    # A blank field explains the other failures it causes (an exclusive pair, a coercion).
    blank = [e for e in errors if e.path and e.path[0] in mapping and _blank(mapping[e.path[0]])]
    first = (blank or errors)[0]
    key, placeholders = _explain(first, mapping, _shape(schema))
    for placeholder in FIELD_PLACEHOLDERS:
        if placeholder in placeholders:
            placeholders[placeholder] = name(placeholders[placeholder])
    if key in ("unknown_field", "input_invalid"):
        placeholders["action"] = action
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


class TranslatedSchema:
    """An action's schema whose failures are translated errors naming the form's fields."""

    def __init__(self, hass: HomeAssistant, action: str, schema: VolSchemaType) -> None:
        """Wrap `action`'s `schema`."""
        self.hass = hass
        self.action = action
        self.schema = schema

    def __call__(self, data: Any) -> Any:
        """The validated data; else a `ServiceValidationError`.

        Home Assistant passes on whatever an action's schema raises, to the caller of the action
        and to the websocket (`call_service`, `execute_script`) as a service validation error.
        """
        try:
            return self.schema(data)
        except vol.Invalid as err:
            names = self.hass.data.get(FORM_NAMES) or FormNames()
            raise input_error(
                err,
                data,
                self.schema,
                name=lambda key: names.field_name(self.action, key),
                action=names.action_name(self.action),
            ) from err


def action_schema(hass: HomeAssistant, action: str, schema: VolSchemaType) -> VolSchemaType:
    """`schema` for registering `action`: a schema type, as Home Assistant expects."""
    return vol.All(TranslatedSchema(hass, action, schema))

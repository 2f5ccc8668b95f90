"""Everything a user reads is translated: every error Pandora raises.

The package is read as source (every exception built anywhere), so a new one that skips its
translation fails here, not in a user's log.
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
from custom_components.pandora.helpers import translated_error
from homeassistant.exceptions import HomeAssistantError, Unauthorized

COMPONENT = Path(pandora.__file__).parent
STRINGS = json.loads((COMPONENT / "strings.json").read_text())
EXCEPTIONS = STRINGS["exceptions"]
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

"""What hassfest and HACS check, so a mistake fails here and not after release."""

from __future__ import annotations

import json
from pathlib import Path

from homeassistant.util.yaml import load_yaml_dict

ROOT = Path(__file__).parents[1]
COMPONENT = ROOT / "custom_components" / "pandora"
HACS_KEYS = {
    "name",
    "content_in_root",
    "country",
    "filename",
    "hacs",
    "hide_default_branch",
    "homeassistant",
    "persistent_directory",
    "render_readme",
    "zip_release",
}


def test_manifest() -> None:
    manifest = json.loads((COMPONENT / "manifest.json").read_text())
    keys = list(manifest)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    assert manifest["domain"] == COMPONENT.name
    for key in (
        "codeowners",
        "documentation",
        "issue_tracker",
        "iot_class",
        "version",
        "integration_type",
    ):
        assert manifest[key]
    assert manifest["config_flow"] is True
    assert manifest["documentation"].startswith("https://")


def test_hacs() -> None:
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert set(hacs) <= HACS_KEYS
    assert hacs["name"] == "Pandora"


def test_translations_match_strings() -> None:
    strings = json.loads((COMPONENT / "strings.json").read_text())
    assert json.loads((COMPONENT / "translations" / "en.json").read_text()) == strings
    assert "[%key:" not in (COMPONENT / "translations" / "en.json").read_text()


def test_every_action_is_documented_and_translated() -> None:
    services = load_yaml_dict(COMPONENT / "services.yaml")
    strings = json.loads((COMPONENT / "strings.json").read_text())["services"]
    icons = json.loads((COMPONENT / "icons.json").read_text())["services"]
    readme = (ROOT / "README.md").read_text()
    assert set(services) == set(strings) == set(icons)
    for name, spec in services.items():
        # An action without fields is `name:` (None) in services.yaml, as in Home Assistant.
        fields = (spec or {}).get("fields", {})
        assert set(fields) == set(strings[name].get("fields", {})), name
        assert f"pandora.{name}" in readme, name


def test_quality_scale_lists_every_rule() -> None:
    rules = load_yaml_dict(COMPONENT / "quality_scale.yaml")["rules"]
    statuses = {name: r if isinstance(r, str) else r["status"] for name, r in rules.items()}
    assert set(statuses.values()) <= {"done", "todo", "exempt"}
    assert len(statuses) == 52
    for name, rule in rules.items():
        if statuses[name] == "exempt":
            assert rule["comment"], name

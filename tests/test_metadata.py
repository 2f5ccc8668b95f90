"""What hassfest and HACS check, so a mistake fails here and not after release (no network).

The rules below are Home Assistant's own, as hassfest (script/hassfest in HA core 2026.10)
applies them to custom integrations: the manifest's keys, translation strings (no URLs, no HTML,
no single-quoted placeholders, no stray spaces, valid placeholder names), every action field with
a selector and a translated name and description, the Integration Quality Scale's rules; and
HACS's: the keys `hacs.json` may hold, a licence, the brand images.
"""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
import string
from typing import Any

from PIL import Image
import pytest

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
# hassfest's translations.RE_URL: a URL needs a host with a letter TLD (IPs in examples pass).
RE_URL = re.compile(
    r"(((ftp|ftps|scp|http|https|mqtt|mqtts|socket|socks5):\/\/|www\.)"
    r"[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?)",
    re.IGNORECASE,
)
RE_SINGLE_QUOTED_PLACEHOLDER = re.compile(r"'{\w+}'")
RE_HTML = re.compile(r"<[a-z/!][^>]*>", re.IGNORECASE)
# The Integration Quality Scale, tier by tier (hassfest's quality_scale.ALL_RULES).
QUALITY_SCALE: dict[str, tuple[str, ...]] = {
    "bronze": (
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ),
    "silver": (
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ),
    "gold": (
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ),
    "platinum": ("async-dependency", "inject-websession", "strict-typing"),
}
# Home Assistant's brand images (2026.3+ `brand/` folder): name -> (width, height) bounds.
BRAND_IMAGES = ("icon", "logo", "dark_icon", "dark_logo")


def _json(path: Path) -> Any:
    return json.loads(path.read_text())


def test_manifest() -> None:
    manifest = _json(COMPONENT / "manifest.json")
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
    assert manifest["issue_tracker"].startswith("https://")


def test_hacs() -> None:
    hacs = _json(ROOT / "hacs.json")
    assert set(hacs) <= HACS_KEYS
    assert hacs["name"] == "Pandora"
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", hacs["homeassistant"])


def test_licence() -> None:
    """HACS refuses a repository without an OSI-approved licence: Apache-2.0, as HA core."""
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert 'license = "Apache-2.0"' in (ROOT / "pyproject.toml").read_text()
    assert "Apache-2.0" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", BRAND_IMAGES)
def test_brand_images(name: str) -> None:
    """Every variant, so neither Home Assistant nor HACS falls back to the CDN's `pandora`
    (a removed core integration's icon)."""
    for suffix, scale in (("", 1), ("@2x", 2)):
        with Image.open(COMPONENT / "brand" / f"{name}{suffix}.png") as image:
            assert image.format == "PNG" and image.mode == "RGBA"
            width, height = image.size
        if "icon" in name:
            assert (width, height) == (256 * scale, 256 * scale)
        else:  # a logo: landscape, its short side 128-256 (256-512 at 2x)
            assert width >= height
            assert 128 * scale <= height <= 256 * scale


def test_translations_match_strings() -> None:
    strings = _json(COMPONENT / "strings.json")
    assert _json(COMPONENT / "translations" / "en.json") == strings
    assert "[%key:" not in (COMPONENT / "translations" / "en.json").read_text()


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, str):
        yield path, node


def test_every_string_passes_hassfest() -> None:
    bad: list[str] = []
    for path, text in _strings(_json(COMPONENT / "strings.json")):
        problems = [
            why
            for why, found in (
                ("a URL (use a description placeholder)", RE_URL.search(text)),
                ("HTML", RE_HTML.search(text)),
                ("a single-quoted placeholder", RE_SINGLE_QUOTED_PLACEHOLDER.search(text)),
                ("leading or trailing spaces", text != text.strip()),
                (
                    "a placeholder that is no identifier",
                    any(
                        field and not field.isidentifier()
                        for _, field, _, _ in string.Formatter().parse(text)
                    ),
                ),
            )
            if found
        ]
        bad += [f"{path}: {why}" for why in problems]
    assert bad == []


def test_example_addresses_in_field_help_are_code() -> None:
    """Home Assistant renders a field's help as markdown, which turns a bare address (such as an
    example IP) into a live link: examples are code spans, as are placeholders holding one."""
    strings = _json(COMPONENT / "strings.json")
    flows = [strings["config"], strings["options"], *strings["config_subentries"].values()]
    helps = [
        (f"{step_id}.{field}", text)
        for flow in flows
        for step_id, step in flow["step"].items()
        for field, text in step.get("data_description", {}).items()
    ]
    bare = [
        name
        for name, text in helps
        if re.search(r"https?://\w|\{(url|example)\}", re.sub(r"`[^`]*`", "", text))
    ]
    assert bare == []
    assert any("`http://" in text for _, text in helps)  # the rule has something to check


def test_data_descriptions_describe_fields() -> None:
    """hassfest: a data_description key must be a field of its step (and config-flow asks
    every field to have one)."""
    strings = _json(COMPONENT / "strings.json")
    flows = [strings["config"], strings["options"], *strings["config_subentries"].values()]
    for flow in flows:
        for step_id, step in flow["step"].items():
            data = set(step.get("data", {}))
            described = set(step.get("data_description", {}))
            assert described <= data, step_id
            assert data <= described, f"{step_id}: fields without a description"


def test_every_action_is_documented_and_translated() -> None:
    services = load_yaml_dict(COMPONENT / "services.yaml")
    strings = _json(COMPONENT / "strings.json")["services"]
    icons = _json(COMPONENT / "icons.json")["services"]
    readme = (ROOT / "README.md").read_text()
    assert set(services) == set(strings) == set(icons)
    for name, spec in services.items():
        assert strings[name]["name"] and strings[name]["description"], name
        # An action without fields is `name:` (None) in services.yaml, as in Home Assistant.
        fields = (spec or {}).get("fields", {})
        assert set(fields) == set(strings[name].get("fields", {})), name
        for field, field_spec in fields.items():
            assert "selector" in field_spec, f"{name}.{field} has no selector"
            translated = strings[name]["fields"][field]
            assert translated["name"] and translated["description"], f"{name}.{field}"
        assert f"pandora.{name}" in readme, name


def test_quality_scale_lists_every_rule_truthfully() -> None:
    rules = load_yaml_dict(COMPONENT / "quality_scale.yaml")["rules"]
    statuses = {name: r if isinstance(r, str) else r["status"] for name, r in rules.items()}
    assert set(statuses.values()) <= {"done", "todo", "exempt"}
    assert set(statuses) == {rule for tier in QUALITY_SCALE.values() for rule in tier}
    for name, rule in rules.items():
        if statuses[name] in ("exempt", "todo"):
            assert isinstance(rule, dict) and rule.get("comment"), f"{name} needs a reason"
    # The manifest's tier (which Home Assistant shows as "custom" anyway) claims nothing the
    # yaml does not hold: every rule of that tier and below is done or exempt.
    claimed = _json(COMPONENT / "manifest.json").get("quality_scale")
    if claimed is not None:
        tiers = list(QUALITY_SCALE)
        for tier in tiers[: tiers.index(claimed) + 1]:
            for rule in QUALITY_SCALE[tier]:
                assert statuses[rule] in ("done", "exempt"), f"{claimed} claims {rule}"

"""Names the panel and Python share, defined once per side and checked equal here.

The panel's Discover list names and request statuses live in `frontend/src/data/names.ts`
(`export const DISCOVER_LISTS = [...] as const;`, `export const REQUEST_STATUSES = [...] as
const;`). Python's are `discover.discovery.DISCOVER_LISTS` and the `requests.queue.Status` literal; the actions'
selectors in services.yaml list them too. A name added on one side only fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
import re

from custom_components.pandora.discover.discovery import DISCOVER_LISTS
from custom_components.pandora.requests.queue import STATUSES
from homeassistant.util.yaml import load_yaml_dict

ROOT = Path(__file__).parent.parent
NAMES_TS = ROOT / "frontend" / "src" / "data" / "names.ts"
SERVICES_YAML = ROOT / "custom_components" / "pandora" / "services.yaml"


def ts_array(source: str, name: str) -> list[str]:
    """The string items of `export const <name> = [ ... ] as const;` in TypeScript source."""
    found = re.search(
        rf"export\s+const\s+{name}\s*=\s*\[(?P<items>[^\]]*)\]\s*as\s+const\s*;", source
    )
    assert found is not None, f"{name} not found in {NAMES_TS}"
    items = re.sub(r"//[^\n]*|/\*.*?\*/", "", found["items"], flags=re.DOTALL)
    # A JSON array once trailing commas go and single quotes become double ones.
    text = re.sub(r",\s*$", "", items.strip()).replace("'", '"')
    parsed: list[str] = json.loads(f"[{text}]")
    assert all(isinstance(item, str) for item in parsed), parsed
    return parsed


def selector_options(action: str, field: str) -> list[str]:
    """The options of an action field's select selector in services.yaml."""
    services = load_yaml_dict(SERVICES_YAML)
    options: list[str] = services[action]["fields"][field]["selector"]["select"]["options"]
    return options


def test_ts_array_reader() -> None:
    source = """
    export const DISCOVER_LISTS = [
      "a", // first
      'b',
      /* c is gone */
    ] as const;
    """
    assert ts_array(source, "DISCOVER_LISTS") == ["a", "b"]


def test_discover_lists_are_the_same_on_both_sides() -> None:
    panel = ts_array(NAMES_TS.read_text(encoding="utf-8"), "DISCOVER_LISTS")
    assert panel == list(DISCOVER_LISTS)
    assert selector_options("discover", "list") == list(DISCOVER_LISTS)


def test_request_statuses_are_the_same_on_both_sides() -> None:
    panel = ts_array(NAMES_TS.read_text(encoding="utf-8"), "REQUEST_STATUSES")
    assert panel == list(STATUSES)
    assert selector_options("get_requests", "status") == list(STATUSES)

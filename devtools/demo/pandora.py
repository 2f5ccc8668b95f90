"""Pandora in the demo's Home Assistant: its hub and services, My List, its entities checked."""

from __future__ import annotations

from collections.abc import Iterable
import json
import os
import time
from typing import Any

from devtools.simulators import jackett, jellyfin, portainer, tmdb, watchmode
from devtools.support.demo_library import seed_progress

from .home_assistant import _http, _ws_commands
from .settings import (
    CLOUDCMD_PORT,
    DEMO,
    FAMILY_NAME,
    GLUETUN_KEY,
    GLUETUN_PORT,
    JACKETT_PORT,
    JELLYFIN_PORT,
    PORTAINER_PORT,
    QB_PASSWORD,
    QB_PORT,
    QB_USER,
    SHARE,
    TMDB_PORT,
    WATCHMODE_PORT,
    _shown,
    log,
)


def _finish_flow(
    start: str, step: str, handler: Any, user_input: dict[str, Any], token: str
) -> Any:
    form = _http("POST", start, {"handler": handler}, token)
    if form.get("type") != "form":
        return form
    return _http("POST", f"{step}/{form['flow_id']}", user_input, token)


def _already_added(result: Any, token: str) -> bool:
    """Whether a service flow met its service already added (a demo started again).

    One per hub aborts; the others show their form again with the error, closed here.
    """
    if result.get("reason") == "already_configured":
        return True
    if set((result.get("errors") or {}).values()) & {"already_configured", "already_added"}:
        _http(
            "DELETE", f"/api/config/config_entries/subentries/flow/{result['flow_id']}", token=token
        )
        return True
    return False


def configure_pandora(token: str) -> None:
    """Create the Pandora hub and its qBittorrent subentry unless they exist."""
    entries = _http("GET", "/api/config/config_entries/entry?domain=pandora", token=token)
    if entries:
        entry_id = entries[0]["entry_id"]
    else:
        log("adding the Pandora hub")
        result = _finish_flow(
            "/api/config/config_entries/flow",
            "/api/config/config_entries/flow",
            "pandora",
            {},
            token,
        )
        if result.get("type") != "create_entry":
            raise SystemExit(f"Pandora's hub flow did not finish: {result}")
        entry_id = result["result"]["entry_id"]
        _set_options(entry_id, token)
    result = _finish_flow(
        "/api/config/config_entries/subentries/flow",
        "/api/config/config_entries/subentries/flow",
        [entry_id, "qbittorrent"],
        {
            "url": f"http://127.0.0.1:{QB_PORT}",
            "username": QB_USER,
            "password": QB_PASSWORD,
            "verify_ssl": True,
        },
        token,
    )
    if result.get("type") == "create_entry":
        log("added the qBittorrent service to Pandora")
    elif not _already_added(result, token):
        raise SystemExit(f"The qBittorrent subentry flow did not finish: {result}")
    services: list[tuple[str, dict[str, Any]]] = [
        (
            "tmdb",
            {
                "api_key": tmdb.DEFAULT_API_KEY,
                "language": "en-US",
                "region": "US",
                "url": f"http://127.0.0.1:{TMDB_PORT}/3",
            },
        ),
        (
            "watchmode",
            {
                "api_key": watchmode.DEFAULT_API_KEY,
                "regions": "US",
                "url": f"http://127.0.0.1:{WATCHMODE_PORT}/v1",
            },
        ),
        (
            "jackett",
            {
                "url": f"http://127.0.0.1:{JACKETT_PORT}",
                "api_key": jackett.DEFAULT_API_KEY,
                "indexers": "",
                "verify_ssl": True,
            },
        ),
        (
            "cloudcmd",
            {
                "url": f"http://127.0.0.1:{CLOUDCMD_PORT}",
                "username": "",
                "password": "",
                "verify_ssl": True,
                "downloads_folder": "/Downloads",
                "downloaded_folder": "/Downloaded",
                "movies_folder": "/Movies",
                "tv_folder": "/TV Shows",
                # qbittorrent-nox runs on this host: it sees the share at its real path.
                "qbittorrent_root": str(SHARE),
            },
        ),
        (
            "jellyfin",
            {
                "url": f"http://127.0.0.1:{JELLYFIN_PORT}",
                "api_key": jellyfin.DEFAULT_API_KEY,
                "verify_ssl": True,
            },
        ),
    ]
    services.append(
        (
            "portainer",
            {
                "url": f"http://127.0.0.1:{PORTAINER_PORT}",
                "api_key": portainer.DEFAULT_API_KEY,
                "endpoints": "",
                "verify_ssl": True,
            },
        )
    )
    for kind, data in services:
        result = _finish_flow(
            "/api/config/config_entries/subentries/flow",
            "/api/config/config_entries/subentries/flow",
            [entry_id, kind],
            data,
            token,
        )
        if result.get("type") == "create_entry":
            log(f"added the {kind} service to Pandora")
        elif not _already_added(result, token):
            raise SystemExit(f"The {kind} subentry flow did not finish: {result}")

    _add_gluetun(entry_id, token)


MY_LIST = (900002, 900004)  # Nosferatu (to request), Metropolis (in the library)


def seed_watching(token: str) -> None:
    """Jellyfin knows how far the demo users got; Family watches as Jellyfin's `family`."""
    import asyncio  # noqa: PLC0415

    users = seed_progress(f"http://127.0.0.1:{JELLYFIN_PORT}", jellyfin.DEFAULT_API_KEY)
    entries = _http("GET", "/api/config/config_entries/entry?domain=pandora", token=token)
    entry_id = entries[0]["entry_id"]
    subentries = asyncio.run(
        _ws_commands(token, [{"type": "config_entries/subentries/list", "entry_id": entry_id}])
    )[0]
    server = next(s for s in subentries if s["subentry_type"] == "jellyfin")
    flow = "/api/config/config_entries/subentries/flow"
    menu = _http(
        "POST",
        flow,
        {"handler": [entry_id, "jellyfin"], "subentry_id": server["subentry_id"]},
        token,
    )
    form = _http("POST", f"{flow}/{menu['flow_id']}", {"next_step_id": "users"}, token)
    if FAMILY_NAME in {f["name"] for f in form.get("data_schema", [])}:
        _http("POST", f"{flow}/{form['flow_id']}", {FAMILY_NAME: users["family"]}, token)
        log(f"{FAMILY_NAME} watches as Jellyfin's family; progress recorded for the rows")
    else:
        _http("DELETE", f"{flow}/{form['flow_id']}", token=token)
    # The demo user's My List: one title in the library, one to request or download. Saving the
    # mapping reloads the hub: ask until it answers again.
    adds = [
        {"type": "pandora/watchlist/add", "tmdb_id": tmdb_id, "media_type": "movie"}
        for tmdb_id in MY_LIST
    ]
    deadline = time.monotonic() + 60
    while True:
        try:
            asyncio.run(_ws_commands(token, adds))
            break
        except SystemExit:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _add_gluetun(entry_id: str, token: str) -> None:
    """gluetun, saving its country in the arr stack of the Portainer just added."""
    flow = "/api/config/config_entries/subentries/flow"
    form = _http("POST", flow, {"handler": [entry_id, "gluetun"]}, token)
    if form.get("type") != "form":
        return
    field = next(f for f in form["data_schema"] if f["name"] == "portainer")
    portainer_id = next(o["value"] for o in field["selector"]["select"]["options"] if o["value"])
    data = {
        "url": f"http://127.0.0.1:{GLUETUN_PORT}",
        "api_key": GLUETUN_KEY,
        "username": "",
        "password": "",
        "countries": "Netherlands, Switzerland, Sweden, Germany, Japan, Canada",
        "portainer": portainer_id,
        "stack": "arr",
        "service": "gluetun",
        "country_variable": "SERVER_COUNTRIES",
        "switch_timeout": 60,
        "verify_ssl": True,
    }
    result = _http("POST", f"{flow}/{form['flow_id']}", data, token)
    if result.get("type") == "create_entry":
        log("added the gluetun service to Pandora")
    elif not _already_added(result, token):
        raise SystemExit(f"The gluetun subentry flow did not finish: {result}")


def _set_options(entry_id: str, token: str) -> None:
    """Turn on filing titles into the library (the hub's options flow, as the UI does)."""
    form = _http("POST", "/api/config/config_entries/options/flow", {"handler": entry_id}, token)
    file_into_library = os.environ.get("PANDORA_DEMO_FILE_INTO_LIBRARY", "1") != "0"
    options = {  # the defaults, plus filing into the library (unless told otherwise)
        "preferred_resolution": "1080p",
        "min_seeders": 1,
        "max_size_gb": 0,
        "excluded_words": "",
        "pipeline": True,
        "file_into_library": file_into_library,
        "auto_approve_admins": True,
        "auto_approve_users": [],
        "request_stall_minutes": 120,
        "request_notifications": True,
        "voice_control": False,
    }
    _http("POST", f"/api/config/config_entries/options/flow/{form['flow_id']}", options, token)


def pandora_states(token: str) -> list[dict[str, Any]]:
    """States of every Pandora entity (through the template API: it knows the integration)."""
    ids = _http(
        "POST",
        "/api/template",
        {"template": "{{ integration_entities('pandora') | tojson }}"},
        token,
    )
    wanted = set(ids if isinstance(ids, list) else json.loads(ids))
    return [s for s in _http("GET", "/api/states", token=token) if s["entity_id"] in wanted]


def _hub_loaded(token: str) -> bool:
    entries = _http("GET", "/api/config/config_entries/entry?domain=pandora", token=token)
    return bool(entries) and all(entry["state"] == "loaded" for entry in entries)


def wait_for_entities(token: str, timeout: float = 60) -> list[dict[str, Any]]:
    """Wait until Pandora's hub is loaded and its entities exist and are available.

    Each added service reloads the hub in the background: the entities of the instance being
    unloaded still look available for a moment, so the entry's own state is checked too.
    """
    deadline = time.monotonic() + timeout
    states: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        states = pandora_states(token)
        if states and all(s["state"] != "unavailable" for s in states) and _hub_loaded(token):
            return states
        time.sleep(1)
    raise SystemExit(f"Pandora's entities did not become available: {states}")


def search_demo_title(token: str, timeout: float = 30) -> dict[str, Any]:
    """`pandora.search_torrents` for the demo's title, once the hub answers.

    A reload scheduled by the last service added may still be starting when the entities look
    ready: the action then answers 400 ("not set up or not loaded yet") for a moment.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            answer = _http(
                "POST",
                "/api/services/pandora/search_torrents?return_response",
                {"query": "Night of the Living Dead"},
                token,
            )
        except SystemExit as err:
            if "answered 400" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(1)
            continue
        return dict(answer["service_response"])


def check_frontend_data(token: str) -> None:
    """The action descriptions the frontend loads before it shows anything (`get_services`).

    When one integration's services cannot be described (a missing package), Home Assistant
    answers an error and the browser stays on "Loading..." for good: say so here instead.
    """
    try:
        _http("GET", "/api/services", token=token)
    except SystemExit as err:
        raise SystemExit(
            f"{err}\nHome Assistant cannot describe its actions, so its frontend would not load;"
            f" see {_shown(DEMO / 'home-assistant.log')} (a package that failed to install?)"
        ) from err


def _summary(states: Iterable[dict[str, Any]]) -> str:
    lines = []
    for s in sorted(states, key=lambda s: s["entity_id"]):
        unit = s["attributes"].get("unit_of_measurement") or ""
        lines.append(f"    {s['entity_id']:<48} {s['state']} {unit}".rstrip())
    return "\n".join(lines)

"""Home Assistant: its configuration, its process, onboarding, users and websocket commands."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
import json
from pathlib import Path
import shutil
import subprocess
import sys
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

from .processes import _alive, _save_state
from .settings import (
    CLIENT_ID,
    CONFIGURATION_YAML,
    DEMO,
    DEMO_PASSWORD,
    DEMO_USER,
    FAMILY_NAME,
    FAMILY_USER,
    HA_CONFIG,
    HA_PORT,
    HA_URL,
    HTTP_SETTINGS,
    HTTP_STORED,
    ONBOARDING_DEFAULTS,
    ROOT,
    log,
)


def _http(
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    form: dict[str, str] | None = None,
) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data: bytes | None = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(HA_URL + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode(errors="replace")[:300]
        raise SystemExit(
            f"Home Assistant answered {err.code} to {method} {path}: {detail}"
        ) from err
    return json.loads(raw) if raw else None


def _ha_answers() -> bool:
    try:
        with urllib.request.urlopen(f"{HA_URL}/api/onboarding", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # answering, if only to say it is done
    except OSError:
        return False


def prepare_config() -> None:
    """Write the configuration and link the integration in (the repo's copy, live)."""
    HA_CONFIG.mkdir(parents=True, exist_ok=True)
    config = HA_CONFIG / "configuration.yaml"
    if not config.exists() or config.read_text() != CONFIGURATION_YAML:
        config.write_text(CONFIGURATION_YAML)
    for included in ("automations.yaml", "scripts.yaml"):
        if not (HA_CONFIG / included).exists():
            (HA_CONFIG / included).write_text("[]\n" if included == "automations.yaml" else "{}\n")
    link = HA_CONFIG / "custom_components" / "pandora"
    link.parent.mkdir(exist_ok=True)
    target = ROOT / "custom_components" / "pandora"
    if not link.is_symlink() or link.resolve() != target:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
    # Pandora's blueprints, as if imported (Settings → Automations → Blueprints).
    blueprints = HA_CONFIG / "blueprints" / "automation" / "pandora"
    blueprints.mkdir(parents=True, exist_ok=True)
    for blueprint in (ROOT / "blueprints" / "automation" / "pandora").glob("*.yaml"):
        if not (blueprints / blueprint.name).exists() or (
            (blueprints / blueprint.name).read_bytes() != blueprint.read_bytes()
        ):
            shutil.copyfile(blueprint, blueprints / blueprint.name)
    # Pandora's English sentences for Assist ("what is downloading"), as a user would copy them.
    sentences = ROOT / "custom_sentences" / "en" / "pandora.yaml"
    if sentences.exists():
        copy = HA_CONFIG / "custom_sentences" / "en" / "pandora.yaml"
        copy.parent.mkdir(parents=True, exist_ok=True)
        if not copy.exists() or copy.read_bytes() != sentences.read_bytes():
            shutil.copyfile(sentences, copy)


def pin_http_settings() -> None:
    """Store the demo's HTTP settings as confirmed ones, before Home Assistant starts.

    Home Assistant now keeps them in `.storage/http` and migrates an `http:` YAML section only
    once, as an unconfirmed trial: every page then opens on a "Confirm new HTTP server
    configuration" dialog, and five minutes later Home Assistant restarts on its defaults (every
    interface, port 8123). Written here as the "stable" settings, they apply at once and stay.
    """
    if not HTTP_STORED:
        return
    wanted = HTTP_SETTINGS.HTTP_STORAGE_SCHEMA(
        {"server_host": ["127.0.0.1"], "server_port": HA_PORT}
    )
    store = HA_CONFIG / ".storage" / str(HTTP_SETTINGS.STORAGE_KEY)
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads(store.read_text())["data"]
        stable = {k: v for k, v in data["stable"].items() if k in wanted}
        if stable == wanted and data["pending"] is None and data["yaml_migration_done"]:
            return
    store.parent.mkdir(parents=True, exist_ok=True)
    stamp = {"created_at": datetime.now(UTC).isoformat(), "error": None, "error_message": None}
    content = {
        "version": HTTP_SETTINGS.STORAGE_VERSION,
        "minor_version": HTTP_SETTINGS.STORAGE_MINOR_VERSION,
        "key": HTTP_SETTINGS.STORAGE_KEY,
        "data": {"stable": {**wanted, **stamp}, "pending": None, "yaml_migration_done": True},
    }
    store.write_text(json.dumps(content, indent=2))
    store.chmod(0o600)


def start_home_assistant(state: dict[str, int]) -> None:
    """Start `hass` in the background unless it is already serving."""
    if _alive(state.get("hass")) and _ha_answers():
        return
    if _ha_answers():
        raise SystemExit(f"Something else already serves {HA_URL}; stop it first.")
    pin_http_settings()
    log(f"starting Home Assistant (log: {DEMO / 'home-assistant.log'})")
    hass = Path(sys.executable).with_name("hass")
    with (DEMO / "home-assistant.log").open("ab") as out:
        process = subprocess.Popen(
            [str(hass), "--config", str(HA_CONFIG), "--skip-pip"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    state["hass"] = process.pid
    _save_state(state)
    deadline = time.monotonic() + 300
    while not _ha_answers():
        if process.poll() is not None or time.monotonic() > deadline:
            tail = (DEMO / "home-assistant.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"Home Assistant did not start:\n{tail}")
        time.sleep(1)


def _token_from_code(code: str) -> str:
    answer = _http(
        "POST",
        "/auth/token",
        form={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID},
    )
    return str(answer["access_token"])


def _login() -> str:
    flow = _http(
        "POST",
        "/auth/login_flow",
        {"client_id": CLIENT_ID, "handler": ["homeassistant", None], "redirect_uri": CLIENT_ID},
    )
    result = _http(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        {"client_id": CLIENT_ID, "username": DEMO_USER, "password": DEMO_PASSWORD},
    )
    if result.get("type") != "create_entry":
        raise SystemExit(f"The demo user could not log in: {result}")
    return _token_from_code(result["result"])


def _remove_failed_defaults(token: str) -> None:
    """Onboarding adds weather, radio and text-to-speech entries whose packages the demo skips."""
    time.sleep(2)  # they are set up in the background
    for entry in _http("GET", "/api/config/config_entries/entry", token=token):
        if entry["domain"] in ONBOARDING_DEFAULTS and entry["state"] != "loaded":
            _http("DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}", token=token)


def onboard() -> str:
    """Finish onboarding (demo user, location, analytics off); return an access token."""
    try:
        with urllib.request.urlopen(f"{HA_URL}/api/onboarding", timeout=10) as resp:
            steps = {s["step"]: s["done"] for s in json.loads(resp.read())}
    except urllib.error.HTTPError as err:
        if err.code != 404:
            raise
        steps = {}  # onboarding finished earlier: its views are no longer registered
    if not steps.get("user", True):
        log(f"onboarding: creating the user {DEMO_USER}")
        answer = _http(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": CLIENT_ID,
                "name": "Demo",
                "username": DEMO_USER,
                "password": DEMO_PASSWORD,
                "language": "en",
            },
        )
        token = _token_from_code(answer["auth_code"])
    else:
        token = _login()
    if not steps.get("core_config", True):
        _http("POST", "/api/onboarding/core_config", {}, token)
        _remove_failed_defaults(token)
    if not steps.get("analytics", True):
        _http("POST", "/api/onboarding/analytics", {}, token)
    if not steps.get("integration", True):
        _http(
            "POST",
            "/api/onboarding/integration",
            {"client_id": CLIENT_ID, "redirect_uri": f"{CLIENT_ID}?auth_callback=1"},
            token,
        )
    return token


async def _ws_commands(token: str, messages: list[dict[str, Any]]) -> list[Any]:
    """Send websocket commands one after another (each may use the answers before it)."""
    import aiohttp  # noqa: PLC0415 - the demo's own dependency, only needed here

    results: list[Any] = []
    url = HA_URL.replace("http", "ws", 1) + "/api/websocket"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        await ws.receive_json()  # auth_required
        await ws.send_json({"type": "auth", "access_token": token})
        if (await ws.receive_json()).get("type") != "auth_ok":
            raise SystemExit("Home Assistant refused the demo's websocket login")
        for number, message in enumerate(messages, start=1):
            body = {k: v(results) if callable(v) else v for k, v in message.items()}
            await ws.send_json({"id": number, **body})
            answer = await ws.receive_json()
            if not answer.get("success"):
                raise SystemExit(f"{message['type']} failed: {answer.get('error')}")
            results.append(answer.get("result"))
    return results


def add_family_user(token: str) -> None:
    """A non-admin user (`family`) for requests, unless it exists."""
    import asyncio  # noqa: PLC0415

    users = asyncio.run(_ws_commands(token, [{"type": "config/auth/list"}]))[0]
    if any(user.get("username") == FAMILY_USER for user in users):
        return
    log(f"adding the non-admin user {FAMILY_USER}")
    asyncio.run(
        _ws_commands(
            token,
            [
                {
                    "type": "config/auth/create",
                    "name": FAMILY_NAME,
                    "group_ids": ["system-users"],
                    "local_only": True,
                },
                {
                    "type": "config/auth_provider/homeassistant/create",
                    "user_id": lambda results: results[0]["user"]["id"],
                    "username": FAMILY_USER,
                    "password": DEMO_PASSWORD,
                },
            ],
        )
    )

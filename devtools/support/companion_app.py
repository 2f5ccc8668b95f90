"""A household member's own companion app, registered for real: what anyone logged in can do.

`POST /api/mobile_app/registrations` needs only a user's token, and the registration's webhook
fires any event on the bus (`fire_event`), tagged with that user and a remote origin. The trust
tests use it to forge Pandora's events the way a hostile household member would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component


@dataclass
class CompanionApp:
    """A registered app: its webhook fires events as the user who registered it."""

    client: Any  # the aiohttp test client of Home Assistant's HTTP server
    webhook_id: str

    async def fire(self, event_type: str, event_data: dict[str, Any]) -> None:
        """Fire an event through the app's webhook, as the app itself would."""
        resp = await self.client.post(
            f"/api/webhook/{self.webhook_id}",
            json={
                "type": "fire_event",
                "data": {"event_type": event_type, "event_data": event_data},
            },
        )
        assert resp.status == 200, await resp.text()


async def register_app(hass: HomeAssistant, hass_client: Any, access_token: str) -> CompanionApp:
    """Register a companion app with `access_token` (any user's) through the HTTP API."""
    assert await async_setup_component(hass, "mobile_app", {})
    client = await hass_client(access_token)
    resp = await client.post(
        "/api/mobile_app/registrations",
        json={
            "app_id": "io.homeassistant.mobile_app",
            "app_name": "Home Assistant",
            "app_version": "2026.10",
            "device_name": "Forger's phone",
            "manufacturer": "Acme",
            "model": "Phone",
            "os_name": "Android",
            "os_version": "16",
            "supports_encryption": False,
        },
    )
    assert resp.status == 201, await resp.text()
    return CompanionApp(client, (await resp.json())["webhook_id"])

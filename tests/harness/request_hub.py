"""A hub with TMDB (the simulator) for the request tests, with the fulfilment pipeline held back.

The request tests check the queue's front door (actions, websocket, entities): the pipeline
would move approved requests on (searching, failed: no Jackett) while they look, so it is not
started here; its own tests cover it.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import DOMAIN
from custom_components.pandora.requests.queue import RequestQueue
from devtools.support.media import Sims, tmdb_subentry
from homeassistant.core import Context, HomeAssistant
from tests.conftest import hub_entry, setup_hub

CISCO_KID = 960001  # a series of six seasons in the simulators' catalogue


def hold_back_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the request pipeline from acting on approved requests."""

    async def idle(*_: Any) -> None:
        return None

    for name in ("async_start", "async_stop"):
        monkeypatch.setattr(
            f"custom_components.pandora.requests.pipeline.RequestPipeline.{name}", idle
        )


async def request_hub(hass: HomeAssistant, sims: Sims, **options: Any) -> MockConfigEntry:
    """A loaded hub with TMDB; request notifications off unless asked for."""
    options.setdefault("request_notifications", False)
    return await setup_hub(hass, hub_entry(tmdb_subentry(sims), **options))


def queue(entry: MockConfigEntry) -> RequestQueue:
    """The loaded hub's request queue."""
    result: RequestQueue = entry.runtime_data.requests
    return result


async def call(
    hass: HomeAssistant, service: str, user_id: str | None = None, /, **data: Any
) -> dict[str, Any]:
    """Run a Pandora action as `user_id` (None: the system) and return its answer."""
    response = await hass.services.async_call(
        DOMAIN,
        service,
        data,
        blocking=True,
        return_response=True,
        context=Context(user_id=user_id),
    )
    assert response is not None
    return dict(response)

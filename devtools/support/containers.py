"""A small "arr stack" on a real Docker Engine, behind the Portainer and gluetun simulators.

The stack `media` holds gluetun (healthy, SERVER_COUNTRIES from the stack env), qbittorrent
(healthy) and jackett (its health check fails: unhealthy). The gluetun simulator's public IP
follows the real gluetun container's env, so a redeploy with a new country shows up there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import contextlib
from dataclasses import dataclass
from typing import Any

from custom_components.pandora.const import (
    CONF_COUNTRIES,
    CONF_COUNTRY_VARIABLE,
    CONF_ENDPOINTS,
    CONF_PORTAINER,
    CONF_SERVICE,
    CONF_STACK,
    CONF_SWITCH_TIMEOUT,
    SUBENTRY_GLUETUN,
    SUBENTRY_PORTAINER,
)
from devtools.simulators import SimServer
from devtools.simulators.gluetun import GluetunSimulator, docker_country_source
from devtools.simulators.portainer import PortainerSimulator
from devtools.support.docker_engine import IMAGE, DockerEngine
from homeassistant.config_entries import ConfigSubentryDataWithId
from homeassistant.const import CONF_API_KEY, CONF_URL, CONF_VERIFY_SSL

PORTAINER_SUBENTRY_ID = "01PORTAINER0000000000000000"
GLUETUN_SUBENTRY_ID = "01GLUETUN00000000000000000"
LOOP = "trap 'exit 0' TERM INT; touch /tmp/ready; while true; do sleep 1; done"
COMPOSE = f"""
services:
  gluetun:
    image: {IMAGE}
    container_name: gluetun
    command: ["sh", "-c", "{LOOP}"]
    environment:
      - SERVER_COUNTRIES=${{SERVER_COUNTRIES}}
      - TZ=${{TZ}}
    healthcheck:
      test: ["CMD-SHELL", "test -f /tmp/ready"]
      interval: 1s
      retries: 1
    stop_grace_period: 1s
  qbittorrent:
    image: {IMAGE}
    container_name: qbittorrent
    command: ["sh", "-c", "{LOOP}"]
    healthcheck:
      test: ["CMD-SHELL", "test -f /tmp/ready"]
      interval: 1s
      retries: 1
    stop_grace_period: 1s
  jackett:
    image: {IMAGE}
    container_name: jackett
    command: ["sh", "-c", "{LOOP}"]
    healthcheck:
      test: ["CMD-SHELL", "test -f /tmp/never"]
      interval: 1s
      retries: 1
    stop_grace_period: 1s
"""
STACK_ENV = {"SERVER_COUNTRIES": "Sweden", "TZ": "UTC", "PUID": "1000"}
COUNTRIES = "Sweden, Netherlands, Switzerland, Germany"


@dataclass
class MediaStack:
    """The running simulators and what the tests need to reach them."""

    engine: DockerEngine
    portainer: PortainerSimulator
    portainer_url: str
    gluetun: GluetunSimulator
    gluetun_url: str
    stack_id: int
    # Serving them: stop and start each in place, or set faults in front of it.
    portainer_server: SimServer
    gluetun_server: SimServer

    def portainer_subentry(self, **data: Any) -> ConfigSubentryDataWithId:
        """The Portainer subentry (fixed id, so gluetun's can point at it)."""
        return ConfigSubentryDataWithId(
            data={
                CONF_URL: self.portainer_url,
                CONF_API_KEY: self.portainer.api_key,
                CONF_ENDPOINTS: "",
                CONF_VERIFY_SSL: True,
                **data,
            },
            subentry_type=SUBENTRY_PORTAINER,
            title="Portainer",
            unique_id=self.portainer_url,
            subentry_id=PORTAINER_SUBENTRY_ID,
        )

    def gluetun_subentry(self, **data: Any) -> ConfigSubentryDataWithId:
        """The gluetun subentry, its country saved in the `media` stack."""
        return ConfigSubentryDataWithId(
            data={
                CONF_URL: self.gluetun_url,
                CONF_COUNTRIES: COUNTRIES,
                CONF_PORTAINER: PORTAINER_SUBENTRY_ID,
                CONF_STACK: "media",
                CONF_SERVICE: "gluetun",
                CONF_COUNTRY_VARIABLE: "SERVER_COUNTRIES",
                CONF_SWITCH_TIMEOUT: 20,
                CONF_VERIFY_SSL: True,
                **data,
            },
            subentry_type=SUBENTRY_GLUETUN,
            title="gluetun",
            unique_id=self.gluetun_url,
            subentry_id=GLUETUN_SUBENTRY_ID,
        )

    def container_env(self, name: str) -> dict[str, str]:
        """A real container's environment."""
        return self.engine.env(name)


@contextlib.asynccontextmanager
async def media_stack(engine: DockerEngine, **gluetun_options: Any) -> AsyncIterator[MediaStack]:
    """Deploy `media` on the engine through the Portainer simulator; start gluetun's."""
    engine.ensure_image()
    portainer = PortainerSimulator(engine.socket_path)
    gluetun = GluetunSimulator(
        docker_country_source(engine.socket_path, "gluetun"),
        reconnect_seconds=gluetun_options.pop("reconnect_seconds", 0.5),
        **gluetun_options,
    )
    async with (
        SimServer(portainer.app) as portainer_server,
        SimServer(gluetun.app) as gluetun_server,
    ):
        stack = await portainer.create_stack("media", COMPOSE, STACK_ENV)
        yield MediaStack(
            engine,
            portainer,
            portainer_server.url,
            gluetun,
            gluetun_server.url,
            stack.id,
            portainer_server,
            gluetun_server,
        )

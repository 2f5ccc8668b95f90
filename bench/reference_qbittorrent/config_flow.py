"""One step: the simulator's address and credentials (the benchmark fills it in)."""

from __future__ import annotations

from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult

from . import DOMAIN


class ReferenceFlow(ConfigFlow, domain=DOMAIN):
    """Add the reference."""

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Take the address as given."""
        if user_input is not None:
            return self.async_create_entry(title="qBittorrent reference", data=user_input)
        return self.async_show_form(
            step_id="user",
            data_schema=vol.Schema(
                {
                    vol.Required("url"): str,
                    vol.Required("username"): str,
                    vol.Required("password"): str,
                }
            ),
        )

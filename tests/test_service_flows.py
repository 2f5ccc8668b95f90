"""Subentry flows for TMDB, Watchmode and Jackett (against their simulators), and their reauth;
what makes a URL-keyed service a duplicate, and how several of a kind are titled."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.api.errors import QuotaExceeded, ServiceError
from custom_components.pandora.const import (
    CONF_INDEXERS,
    CONF_LANGUAGE,
    CONF_REGION,
    CONF_REGIONS,
    CONF_VERIFY_SSL,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_GLUETUN,
    SUBENTRY_JACKETT,
    SUBENTRY_PORTAINER,
    SUBENTRY_QBITTORRENT,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from custom_components.pandora.hub.forms import url_key
from devtools.simulators.jackett import JackettSimulator, start as jackett_start
from devtools.support.media import Sims, jackett_subentry, tmdb_subentry, watchmode_subentry
from homeassistant.config_entries import SOURCE_USER, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from tests.conftest import hub_entry, setup_hub
from tests.helpers import filled_in


@pytest.fixture
def hub(hass: HomeAssistant) -> MockConfigEntry:
    entry = hub_entry()
    entry.add_to_hass(hass)
    return entry


async def start(hass: HomeAssistant, hub: MockConfigEntry, kind: str) -> str:
    result = await hass.config_entries.subentries.async_init(
        (hub.entry_id, kind), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return str(result["flow_id"])


async def submit(hass: HomeAssistant, flow_id: str, data: dict[str, Any]) -> Any:
    return await hass.config_entries.subentries.async_configure(flow_id, data)


def tmdb_form(sims: Sims, **overrides: Any) -> dict[str, Any]:
    return {
        CONF_API_KEY: sims.tmdb.api_key,
        CONF_LANGUAGE: "en-GB",
        CONF_REGION: "GB",
        CONF_URL: sims.tmdb_url,
    } | overrides


def jackett_form(sims: Sims, **overrides: Any) -> dict[str, Any]:
    return {
        CONF_URL: sims.jackett_url,
        CONF_API_KEY: sims.jackett.api_key,
        CONF_INDEXERS: "",
        CONF_VERIFY_SSL: True,
    } | overrides


async def test_add_tmdb_with_either_credential(
    hass: HomeAssistant, hub: MockConfigEntry, sims: Sims
) -> None:
    flow_id = await start(hass, hub, SUBENTRY_TMDB)
    result = await submit(hass, flow_id, tmdb_form(sims, api_key="f" * 32))
    assert result["errors"] == {"base": "invalid_auth"}
    result = await submit(hass, flow_id, tmdb_form(sims, api_key=f"  {sims.tmdb.read_token} "))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "TMDB"
    (subentry,) = hub.subentries.values()
    assert subentry.data[CONF_API_KEY] == sims.tmdb.read_token  # trimmed
    assert subentry.data[CONF_LANGUAGE] == "en-GB"

    # One TMDB per hub: said before anything is typed.
    result = await hass.config_entries.subentries.async_init(
        (hub.entry_id, SUBENTRY_TMDB), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_tmdb_defaults_follow_home_assistant(
    hass: HomeAssistant, hub: MockConfigEntry
) -> None:
    hass.config.country = "FR"
    hass.config.language = "fr"
    result = await hass.config_entries.subentries.async_init(
        (hub.entry_id, SUBENTRY_TMDB), context={"source": SOURCE_USER}
    )
    schema = result["data_schema"]
    assert schema is not None
    defaults = {str(k): k.default() for k in schema.schema if callable(k.default)}
    assert defaults[CONF_LANGUAGE] == "fr-FR"
    assert defaults[CONF_REGION] == "FR"


async def test_unreachable_and_bad_url(
    hass: HomeAssistant, hub: MockConfigEntry, sims: Sims
) -> None:
    flow_id = await start(hass, hub, SUBENTRY_TMDB)
    result = await submit(hass, flow_id, tmdb_form(sims, url="http://127.0.0.1:9/3"))
    assert result["errors"] == {"base": "cannot_connect"}
    result = await submit(hass, flow_id, tmdb_form(sims, url="not a url"))
    assert result["errors"] == {CONF_URL: "invalid_url"}


@pytest.mark.parametrize(
    ("error", "key"), [(ServiceError("odd answer"), "unknown"), (RuntimeError("bug"), "unknown")]
)
async def test_unexpected_errors(
    hass: HomeAssistant, hub: MockConfigEntry, sims: Sims, error: Exception, key: str
) -> None:
    flow_id = await start(hass, hub, SUBENTRY_TMDB)
    with patch("custom_components.pandora.api.tmdb.TmdbClient.configuration", side_effect=error):
        result = await submit(hass, flow_id, tmdb_form(sims))
    assert result["errors"] == {"base": key}


async def test_add_watchmode_and_quota(
    hass: HomeAssistant, hub: MockConfigEntry, sims: Sims
) -> None:
    form = {
        CONF_API_KEY: sims.watchmode.api_key,
        CONF_REGIONS: "us, gb",
        CONF_URL: sims.watchmode_url,
    }
    flow_id = await start(hass, hub, SUBENTRY_WATCHMODE)
    with patch(
        "custom_components.pandora.api.watchmode.WatchmodeClient.check",
        side_effect=QuotaExceeded("over quota"),
    ):
        result = await submit(hass, flow_id, form)
    assert result["errors"] == {"base": "quota_exceeded"}
    sims.watchmode.rate_limit_next = 1
    result = await submit(hass, flow_id, form)
    assert result["errors"] == {"base": "rate_limited"}
    # A spent quota does not make the key wrong: /status/ still answers, so it is accepted.
    sims.watchmode.quota_used = sims.watchmode.quota
    result = await submit(hass, flow_id, form)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = hub.subentries.values()
    assert subentry.data[CONF_REGIONS] == "us, gb"
    assert result["title"] == "Watchmode"


async def test_add_several_jacketts(hass: HomeAssistant, hub: MockConfigEntry, sims: Sims) -> None:
    flow_id = await start(hass, hub, SUBENTRY_JACKETT)
    result = await submit(hass, flow_id, jackett_form(sims, api_key="wrong"))
    assert result["errors"] == {"base": "invalid_auth"}
    result = await submit(hass, flow_id, jackett_form(sims, indexers="publicone, nosuch"))
    assert result["errors"] == {CONF_INDEXERS: "unknown_indexer"}
    result = await submit(hass, flow_id, jackett_form(sims, indexers="publicone publictwo"))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Jackett"

    # The same server again is refused; another address is a second Jackett.
    flow_id = await start(hass, hub, SUBENTRY_JACKETT)
    result = await submit(hass, flow_id, jackett_form(sims, url=sims.jackett_url.upper() + "/"))
    assert result["errors"] == {CONF_URL: "already_configured"}
    assert result["description_placeholders"] == {"title": "Jackett"}
    second = JackettSimulator(api_key="a" * 32)
    runner, port = await jackett_start(second)
    try:
        flow_id = await start(hass, hub, SUBENTRY_JACKETT)
        result = await submit(
            hass, flow_id, jackett_form(sims, url=f"http://127.0.0.1:{port}", api_key="a" * 32)
        )
    finally:
        await runner.cleanup()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"Jackett 127.0.0.1:{port}"  # the plain name is taken
    assert len(hub.subentries) == 2


async def test_reconfigure_keeps_the_key(hass: HomeAssistant, sims: Sims) -> None:
    hub = hub_entry(
        jackett_subentry(sims.jackett_url, sims.jackett.api_key),
        jackett_subentry(sims.jackett_url + "/second", "k2", title="second"),
    )
    hub.add_to_hass(hass)
    subentry_id = next(s for s, sub in hub.subentries.items() if sub.title == "Jackett")
    result = await hub.start_subentry_reconfigure_flow(hass, subentry_id)
    assert result["step_id"] == "reconfigure"
    # Another configured Jackett's address is refused.
    result = await submit(
        hass, result["flow_id"], jackett_form(sims, api_key="", url=sims.jackett_url + "/second")
    )
    assert result["errors"] == {CONF_URL: "already_configured"}
    assert result["description_placeholders"] == {"title": "second"}
    result = await submit(
        hass, result["flow_id"], jackett_form(sims, api_key="", indexers="publicone")
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    data = hub.subentries[subentry_id].data
    assert data[CONF_API_KEY] == sims.jackett.api_key
    assert data[CONF_INDEXERS] == "publicone"


async def test_reauth_with_a_new_key(hass: HomeAssistant, sims: Sims) -> None:
    stale = tmdb_subentry(sims)
    stale["data"] = {**stale["data"], CONF_API_KEY: "0" * 32}
    hub = hub_entry(stale, watchmode_subentry(sims))
    hub.add_to_hass(hass)
    subentry_id = next(s for s, sub in hub.subentries.items() if sub.subentry_type == "tmdb")

    result = await hub.start_reauth_flow(hass, data={"subentry_id": subentry_id})
    assert result["step_id"] == "reauth_api_key"
    assert result["description_placeholders"] == {"name": "TMDB"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_API_KEY: "1" * 32}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_API_KEY: sims.tmdb.api_key}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert hub.subentries[subentry_id].data[CONF_API_KEY] == sims.tmdb.api_key
    assert hub.subentries[subentry_id].data[CONF_URL] == sims.tmdb_url  # the rest is kept


@pytest.mark.parametrize(
    ("url", "key"),
    [
        # One service: every spelling of one address.
        ("http://localhost:18092", "http://127.0.0.1:18092"),
        ("HTTP://LocalHost:18092/", "http://127.0.0.1:18092"),
        ("http://localhost.:18092", "http://127.0.0.1:18092"),
        ("http://[::1]:18092", "http://127.0.0.1:18092"),
        ("http://[0:0:0:0:0:0:0:1]:18092/", "http://127.0.0.1:18092"),
        ("http://[::ffff:127.0.0.1]:18092", "http://127.0.0.1:18092"),
        ("http://NAS.lan:80/", "http://nas.lan"),
        ("https://nas.lan:443/jackett/", "https://nas.lan/jackett"),
        ("http://admin:secret@nas.lan:8080", "http://nas.lan:8080"),
        ("http://nas.lan:8080/?x=1#top", "http://nas.lan:8080"),
        # Another service: another port, scheme, path (a reverse proxy) or name.
        ("http://nas.lan:443", "http://nas.lan:443"),
        ("https://nas.lan:80", "https://nas.lan:80"),
        ("http://proxy.lan/Jackett/", "http://proxy.lan/Jackett"),
        ("http://proxy.lan/jackett/two", "http://proxy.lan/jackett/two"),
        ("http://127.0.0.2:18092", "http://127.0.0.2:18092"),
        ("http://jackett.localhost", "http://jackett.localhost"),
        ("http://nas:8080", "http://nas:8080"),  # no name but localhost is looked up
    ],
)
def test_url_key(url: str, key: str) -> None:
    assert url_key(url) == key


# The form of each URL-keyed service, with a wrong secret: a duplicate is said before any test.
WRONG_SECRET: dict[str, dict[str, Any]] = {
    SUBENTRY_QBITTORRENT: {CONF_PASSWORD: "wrong"},
    SUBENTRY_JACKETT: {CONF_API_KEY: "wrong"},
    SUBENTRY_CLOUDCMD: {CONF_PASSWORD: "wrong"},
    SUBENTRY_GLUETUN: {CONF_API_KEY: "wrong"},
    SUBENTRY_PORTAINER: {CONF_API_KEY: "wrong"},  # one too old to send an InstanceID
}


@pytest.mark.parametrize("kind", WRONG_SECRET)
@pytest.mark.parametrize(
    ("stored", "unique_id", "typed"),
    [
        ("http://127.0.0.1:18092", "http://127.0.0.1:18092", "http://localhost:18092"),
        # Keyed as an earlier Pandora stored it (the hub not yet set up to re-key it).
        ("http://localhost:18092", "http://localhost:18092", "HTTP://[::1]:18092/"),
        ("http://nas.lan", "http://nas.lan", "http://NAS.lan:80/"),
        ("https://nas.lan/jackett", "https://nas.lan/jackett", "https://nas.lan:443/jackett/"),
        ("http://me:pw@nas.lan:9117", "http://me:pw@nas.lan:9117", "http://nas.lan:9117"),
    ],
)
async def test_a_taken_address_is_said_on_the_form(
    hass: HomeAssistant, kind: str, stored: str, unique_id: str, typed: str
) -> None:
    """However the address is spelled, the form names the service that has it, keeps what
    was typed, and tests nothing (a wrong secret would only hide the real problem)."""
    hub = hub_entry(
        ConfigSubentryData(
            data={CONF_URL: stored}, subentry_type=kind, title="In the attic", unique_id=unique_id
        )
    )
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, kind)
    form = {CONF_URL: typed, **WRONG_SECRET[kind]}
    with patch("custom_components.pandora.hub.flow.validate") as validate:
        result = await submit(hass, flow_id, form)
    validate.assert_not_called()
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_URL: "already_configured"}
    assert result["description_placeholders"] == {"title": "In the attic"}
    shown = filled_in(result)
    assert {field: shown[field] for field in form} == form


async def test_a_second_of_a_kind_titles_both_by_host(hass: HomeAssistant, sims: Sims) -> None:
    """The first Jackett is "Jackett"; once a second is added both are named by their host, the
    same way, in the hub's services and in the search status."""
    hub = await setup_hub(hass, hub_entry(jackett_subentry(sims.jackett_url, sims.jackett.api_key)))
    second = JackettSimulator(api_key="a" * 32)
    runner, port = await jackett_start(second)
    try:
        flow_id = await start(hass, hub, SUBENTRY_JACKETT)
        result = await submit(
            hass, flow_id, jackett_form(sims, url=f"http://127.0.0.1:{port}", api_key="a" * 32)
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()  # the hub reloads with both
    finally:
        await runner.cleanup()
    first = f"Jackett {sims.jackett_url.removeprefix('http://')}"
    titles = {first, f"Jackett 127.0.0.1:{port}"}
    assert {sub.title for sub in hub.subentries.values()} == titles
    assert {i.title for i in hub.runtime_data.release_search.instances} == titles

    modified = hub.modified_at
    assert await hass.config_entries.async_reload(hub.entry_id)
    assert hub.modified_at == modified  # a second set-up changes nothing


async def test_a_chosen_title_is_kept(hass: HomeAssistant, sims: Sims) -> None:
    """Only a title still the plain name takes its host; the newcomer is named by its host."""
    hub = hub_entry(
        jackett_subentry(sims.jackett_url, sims.jackett.api_key, title="Public indexers")
    )
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, SUBENTRY_JACKETT)
    with patch("custom_components.pandora.api.jackett.JackettClient.caps"):
        result = await submit(hass, flow_id, jackett_form(sims, url="http://127.0.0.1:9/two"))
    assert result["title"] == "Jackett 127.0.0.1:9/two"
    assert {sub.title for sub in hub.subentries.values()} == {
        "Public indexers",
        "Jackett 127.0.0.1:9/two",
    }

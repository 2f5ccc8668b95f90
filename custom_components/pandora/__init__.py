"""Pandora: a self-hosted media stack (qBittorrent, Jackett, Jellyfin, ...) in Home Assistant."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable, Mapping
from functools import partial
import logging
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.typing import ConfigType

from .config_flow import SPECS
from .const import (
    CONF_INDEXERS,
    CONF_PORTAINER,
    CONF_VERIFY_SSL,
    DOMAIN,
    SIGNAL_HUB_LOADED,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_GLUETUN,
    SUBENTRY_JACKETT,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
    SUBENTRY_QBITTORRENT,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from .containers import GluetunCoordinator, PortainerCoordinator, async_setup_container_actions
from .discover import (
    Discovery,
    ImageView,
    JellyfinImageView,
    async_setup_media_actions,
    tmdb_client,
    watchmode_client,
)
from .downloads import (
    JackettInstance,
    QBittorrentCoordinator,
    ReleaseSearch,
    SeedingGoals,
    TorrentHistory,
    async_setup_services,
    jackett_client,
)
from .files import (
    BackgroundTask,
    CloudCommanderCoordinator,
    Pipeline,
    async_remove_torrents,
    async_setup_files_actions,
)
from .hub.cache import ResponseCache
from .hub.coordinator import PandoraCoordinator
from .hub.flow import keyed_by_url
from .hub.forms import split_list
from .hub.session import create_session
from .hub.validation import async_load_form_names
from .intent import async_setup_intents
from .library import JellyfinCoordinator, JellyfinStreamView, async_setup_library_actions
from .panel import (
    async_register_llm_api,
    async_register_panel,
    async_remove_panel,
    async_setup_websocket,
)
from .requests import (
    RequestNotifier,
    RequestPipeline,
    async_requests,
    async_setup_request_actions,
    request_settings,
    requests_device_id,
)
from .runtime import PandoraConfigEntry, PandoraRuntime
from .vpnguard import async_start_vpn_guards
from .watching import async_setup_watching_actions, async_watchlists

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

_LOGGER = logging.getLogger(__name__)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register Pandora's actions once, whatever entries exist."""
    await async_load_form_names(hass)
    async_setup_services(hass)
    async_setup_media_actions(hass)
    async_setup_library_actions(hass)
    async_setup_files_actions(hass)
    async_setup_container_actions(hass)
    async_setup_request_actions(hass)
    async_setup_watching_actions(hass)
    async_setup_websocket(hass)
    await async_setup_intents(hass)
    hass.http.register_view(ImageView(hass))
    hass.http.register_view(JellyfinImageView(hass))
    hass.http.register_view(JellyfinStreamView(hass))
    return True


async def async_setup_entry(hass: HomeAssistant, entry: PandoraConfigEntry) -> bool:
    """Start one coordinator per service subentry, then the platforms."""
    _key_by_url(hass, entry)
    runtime = PandoraRuntime(
        history=TorrentHistory(hass),
        cache=ResponseCache(hass),
        session=create_session(hass, True),
        # A refused Jackett key starts the hub's reauth for that Jackett, as actions do.
        release_search=ReleaseSearch(
            [],
            on_refused=lambda subentry_id: entry.async_start_reauth(
                hass, data={"subentry_id": subentry_id}
            ),
        ),
        requests=await async_requests(hass),
        watchlists=await async_watchlists(hass),
    )
    runtime.requests.settings = request_settings(entry.options)
    history, cache, session = runtime.history, runtime.cache, runtime.session
    await asyncio.gather(history.async_load(), cache.async_load())
    tmdb = watchmode = None
    subentry_ids = list(entry.subentries)
    for subentry_id, subentry in entry.subentries.items():
        kind = subentry.subentry_type
        if kind == SUBENTRY_QBITTORRENT:
            runtime.qbittorrent[subentry_id] = QBittorrentCoordinator(
                hass, entry, subentry, history
            )
        elif kind == SUBENTRY_JELLYFIN:
            runtime.jellyfin[subentry_id] = JellyfinCoordinator(hass, entry, subentry, history)
        elif kind == SUBENTRY_CLOUDCMD:
            runtime.cloudcmd[subentry_id] = CloudCommanderCoordinator(hass, entry, subentry)
        elif kind == SUBENTRY_PORTAINER:
            runtime.portainer[subentry_id] = PortainerCoordinator(hass, entry, subentry)
        elif kind == SUBENTRY_GLUETUN:
            portainer_id: str = subentry.data.get(CONF_PORTAINER) or ""
            runtime.gluetun[subentry_id] = GluetunCoordinator(
                hass, entry, subentry, partial(runtime.portainer.get, portainer_id)
            )
        elif kind == SUBENTRY_TMDB:
            tmdb = tmdb_client(session, subentry.data)
        elif kind == SUBENTRY_WATCHMODE:
            watchmode = watchmode_client(session, subentry.data)
        elif kind == SUBENTRY_JACKETT:
            verify = bool(subentry.data.get(CONF_VERIFY_SSL, True))
            runtime.release_search.instances.append(
                JackettInstance(
                    subentry_id=subentry_id,
                    title=subentry.title,
                    client=jackett_client(create_session(hass, verify), subentry.data),
                    indexers=tuple(split_list(subentry.data.get(CONF_INDEXERS) or "")),
                )
            )
    history.keep_only(runtime.qbittorrent)  # a removed qBittorrent's torrents go with it
    if tmdb is not None:
        runtime.discovery = Discovery(tmdb=tmdb, cache=cache, watchmode=watchmode)
    # One service being down must not keep the others (or the hub) from loading: its
    # entities start unavailable and its coordinator keeps retrying.
    coordinators: list[PandoraCoordinator[Any, Any]] = [
        *runtime.qbittorrent.values(),
        *runtime.jellyfin.values(),
        *runtime.cloudcmd.values(),
        *runtime.portainer.values(),
    ]
    await asyncio.gather(
        *(c.async_refresh() for c in coordinators),
        *(c.sessions.async_refresh() for c in runtime.jellyfin.values()),
    )
    _key_by_identity(hass, entry, coordinators)
    for portainer in runtime.portainer.values():
        portainer.register_device()
    # gluetun reads the selected country from its stack, which Portainer has just listed.
    await asyncio.gather(*(c.async_refresh() for c in runtime.gluetun.values()))
    # The VPN guards follow what both have just read (their entities need them).
    runtime.vpn_guards = await async_start_vpn_guards(
        hass,
        qbittorrent=runtime.qbittorrent,
        gluetun=runtime.gluetun,
        create_task=_background_tasks(hass, entry),
    )
    for guard in runtime.vpn_guards.values():
        entry.async_on_unload(guard.async_stop)
    entry.runtime_data = runtime
    _remove_stale_devices(hass, entry)
    entry.async_on_unload(entry.add_update_listener(_async_reload_on_change))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await _async_start_pipelines(hass, entry, runtime)
    await async_register_panel(hass)
    # Conversation agents can pick "Pandora" as an LLM API while the hub is loaded.
    entry.async_on_unload(async_register_llm_api(hass))
    # Open panel subscriptions move to this set-up's coordinators (websocket._subscribe).
    async_dispatcher_send(hass, SIGNAL_HUB_LOADED, entry)
    if set(entry.subentries) != set(subentry_ids):
        # A service was added or removed while this set-up awaited the network, before its
        # update listener was registered: set up again so it is not left out until a restart.
        hass.config_entries.async_schedule_reload(entry.entry_id)
    return True


async def _async_start_pipelines(
    hass: HomeAssistant, entry: PandoraConfigEntry, runtime: PandoraRuntime
) -> None:
    """Start the completed-download pipeline, the request pipeline and the request notifier.

    Each is handed what it uses: the coordinator dicts (the same objects while the hub is
    loaded, so their lookups are live), the hub's options read when asked, and background tasks
    tied to the entry. Their listeners go when the hub unloads (also when the set-up fails after
    this point, where async_unload_entry is never called).
    """

    def options() -> Mapping[str, Any]:
        return entry.options

    create_task = _background_tasks(hass, entry)
    pipeline = runtime.pipeline = Pipeline(
        hass,
        qbittorrent=runtime.qbittorrent,
        jellyfin=runtime.jellyfin,
        cloudcmd=runtime.cloudcmd,
        requests=runtime.requests,
        history=runtime.history,
        discovery=runtime.discovery,
        options=options,
        create_task=create_task,
    )
    await pipeline.async_start()
    entry.async_on_unload(pipeline.remove_listeners)
    # Seeding goals remove torrents through the one removal that keeps the library's files.
    goals = SeedingGoals(
        hass,
        qbittorrent=runtime.qbittorrent,
        options=options,
        remove=partial(_remove_torrents, hass),
        create_task=create_task,
    )
    goals.async_start()
    entry.async_on_unload(goals.remove_listeners)
    runtime.request_pipeline = RequestPipeline(
        hass,
        queue=runtime.requests,
        qbittorrent=runtime.qbittorrent,
        jellyfin=runtime.jellyfin,
        release_search=runtime.release_search,
        history=runtime.history,
        session=runtime.session,
        pipeline=pipeline,
        options=options,
        create_task=create_task,
    )
    await runtime.request_pipeline.async_start()
    notifier = runtime.request_notifier = RequestNotifier(
        hass, queue=runtime.requests, options=options
    )
    await notifier.async_start()
    entry.async_on_unload(notifier.remove_listeners)


async def _remove_torrents(
    hass: HomeAssistant,
    coordinator: QBittorrentCoordinator,
    hashes: list[str],
    delete_files: bool,
) -> frozenset[str]:
    """The seeding goals' removal: files.async_remove_torrents; the hashes it removed."""
    removal = await async_remove_torrents(hass, coordinator, hashes, delete_files=delete_files)
    return removal.removed


def _background_tasks(hass: HomeAssistant, entry: PandoraConfigEntry) -> BackgroundTask:
    """Start background tasks tied to the entry: Home Assistant cancels them when it unloads."""

    def create(target: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        return entry.async_create_background_task(hass, target, name)

    return create


async def async_migrate_entry(hass: HomeAssistant, entry: PandoraConfigEntry) -> bool:
    """Bring an entry stored by an older Pandora up to date."""
    if entry.version > 1:
        return False  # written by a newer Pandora: nothing here knows its format
    if entry.minor_version < 2:
        # 1.2: each service's polling interval is chosen by the integration, not an option.
        options = {k: v for k, v in entry.options.items() if k != "scan_interval"}
        hass.config_entries.async_update_entry(entry, options=options, minor_version=2)
        _LOGGER.debug("Migrated %s to version 1.2", entry.title)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: PandoraConfigEntry) -> bool:
    """Unload the platforms and persist pending history."""
    if entry.runtime_data.request_pipeline is not None:
        await entry.runtime_data.request_pipeline.async_stop()
    if entry.runtime_data.pipeline is not None:
        await entry.runtime_data.pipeline.async_stop()
    if entry.runtime_data.request_notifier is not None:
        await entry.runtime_data.request_notifier.async_stop()
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        # A reload (options or services changed) keeps the panel, or Home Assistant would send
        # whoever has it open to the overview; while unloaded it says so. Disabled or removed
        # (async_remove_entry): it leaves the sidebar.
        if entry.disabled_by is not None:
            async_remove_panel(hass)
        await entry.runtime_data.history.async_flush()
        await entry.runtime_data.cache.async_flush()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: PandoraConfigEntry) -> None:
    """The hub was deleted: the panel and the cards go with it."""
    async_remove_panel(hass)


async def _async_reload_on_change(hass: HomeAssistant, entry: PandoraConfigEntry) -> None:
    """Options or subentries changed: rebuild the coordinators."""
    hass.config_entries.async_schedule_reload(entry.entry_id)


def _key_by_url(hass: HomeAssistant, entry: PandoraConfigEntry) -> None:
    """Services keyed by their URL as an earlier Pandora stored it take its key (`url_key`).

    Called before the update listener is registered, so the change does not reload the hub.
    """
    for subentry in list(entry.subentries.values()):
        spec = SPECS[subentry.subentry_type]
        key = spec.unique_id(subentry.data)
        if subentry.unique_id in (None, key) or not keyed_by_url(spec, subentry):
            continue
        # One service added under two spellings of its address (localhost, 127.0.0.1) keeps both.
        holder = next((s for s in entry.subentries.values() if s.unique_id == key), None)
        if holder is not None:
            _LOGGER.warning(
                "%s and %s are the same service; remove one of them", holder.title, subentry.title
            )
            continue
        hass.config_entries.async_update_subentry(entry, subentry, unique_id=key)


def _key_by_identity(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    coordinators: Iterable[PandoraCoordinator[Any, Any]],
) -> None:
    """Services added under their URL take the identity their coordinator has read as unique id.

    Called before the update listener is registered, so the change does not reload the hub; a
    service that was down waits for the next set-up (or its reconfigure, which reads it too).
    """
    for coordinator in coordinators:
        identity = coordinator.identity
        subentry = entry.subentries.get(coordinator.subentry.subentry_id)
        if (
            identity is None
            or subentry is None
            or not keyed_by_url(SPECS[subentry.subentry_type], subentry)
        ):
            continue
        # Unique ids are unique per hub: a server added twice under two addresses keeps both.
        holder = next((s for s in entry.subentries.values() if s.unique_id == identity), None)
        if holder is not None:
            _LOGGER.warning(
                "%s and %s are the same server; remove one of them", holder.title, subentry.title
            )
            continue
        hass.config_entries.async_update_subentry(entry, subentry, unique_id=identity)


def _remove_stale_devices(hass: HomeAssistant, entry: PandoraConfigEntry) -> None:
    """Devices whose subentry was deleted go away with it."""
    registry = dr.async_get(hass)
    for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
        if not _device_is_current(entry, device):
            registry.async_update_device(device.id, remove_config_entry_id=entry.entry_id)


def _device_is_current(entry: PandoraConfigEntry, device: dr.DeviceEntry) -> bool:
    """A service's device, one below it (pruned by its owner), or the hub's requests device."""
    return any(
        domain == DOMAIN
        and (
            ident.split("_", 1)[0] in entry.subentries
            or ident == requests_device_id(entry.entry_id)
        )
        for domain, ident in device.identifiers
    )


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: PandoraConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let users delete a device only when its service is no longer configured."""
    return not _device_is_current(entry, device)

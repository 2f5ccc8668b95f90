"""Pandora as an LLM API: conversation agents search, check, request and follow titles.

Registered while the hub is loaded (`async_register_llm_api`), it shows in a conversation
agent's "LLM API" choices. Each tool acts as the conversing user (`llm_context.context`):
requests and scans go through Pandora's own actions with that user's context, so permissions,
validation and auto-approval are exactly those of `pandora.request_media` and
`pandora.scan_library`. Answers are small JSON objects; every error, Pandora's or the
input's, is an `{"error": "..."}` answer, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, cast, override

import probatio as vol

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers import config_validation as cv, llm
from homeassistant.util.json import JsonObjectType

from ..api.errors import PandoraError
from ..api.jellyfin_models import ItemType
from ..api.qbittorrent_models import Torrent, TorrentStatus
from ..const import DOMAIN
from ..discover import MEDIA_TYPES, SERVICE_GET_MEDIA, SERVICE_SEARCH_MEDIA
from ..hub.errors import safe_text
from ..hub.permissions import OPERATIONS, Access, Caller, Door, async_authorize, async_caller
from ..hub.targets import loaded_entry, targets
from ..hub.validation import input_error
from ..library import ALL, SERVICE_SCAN_LIBRARY
from ..requests import SERVICE_REQUEST_MEDIA

if TYPE_CHECKING:
    from ..runtime import PandoraRuntime

API_ID: Final = DOMAIN
API_NAME: Final = "Pandora"
MAX_RESULTS: Final = 5
MAX_DOWNLOADS: Final = 10
MAX_SOURCES: Final = 10
MAX_OVERVIEW: Final = 200
NOT_ALLOWED: Final = "Not allowed: only a Home Assistant administrator may do this."
SATELLITE_NOT_ALLOWED: Final = (
    "Not allowed: a conversation without a logged-in user may only ask, unless an "
    "administrator allows voice control in Pandora's options."
)
NO_USER: Final = (
    "Requests are made for a logged-in Home Assistant user, and this conversation has none: "
    "ask the user to request it from the Pandora panel or the companion app."
)

_TMDB_ID = vol.All(vol.Coerce(int), vol.Range(min=1))
_MEDIA_TYPE = vol.In(MEDIA_TYPES)

PROMPT: Final = (
    "Pandora is this home's media stack: TMDB to find films and TV series, where they "
    "stream, a Jellyfin library, and qBittorrent downloads fed by media requests that an "
    "administrator may have to approve."
)


def _short(text: str | None, limit: int = MAX_OVERVIEW) -> str:
    """A summary cut at a word boundary."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


async def _action(
    hass: HomeAssistant, service: str, data: dict[str, Any], llm_context: llm.LLMContext
) -> dict[str, Any]:
    """Run a Pandora action as the conversing user and return its answer."""
    response = await hass.services.async_call(
        DOMAIN,
        service,
        data,
        blocking=True,
        return_response=True,
        context=llm_context.context,
    )
    return dict(response or {})


class PandoraTool(llm.Tool):
    """A Pandora tool: validates its input, answers errors as `{"error": ...}`."""

    integration = DOMAIN
    hint: str = ""  # the API prompt's line about when to use the tool
    operation: str  # in the permission table (hub/permissions.py), checked before every call

    @override
    async def async_call(
        self, hass: HomeAssistant, tool_input: llm.ToolInput, llm_context: llm.LLMContext
    ) -> llm.ToolResult:
        """Validate the arguments, run the tool, turn errors into answers."""
        raw = tool_input.tool_args or {}
        try:
            args: dict[str, Any] = self.parameters(raw)
        except vol.Invalid as err:
            problem = input_error(err, raw, self.parameters, action=self.name)
            return _error(f"Invalid input: {safe_text(problem)}")
        try:
            await async_authorize(hass, self.operation, llm_context.context, Door.LLM)
        except Unauthorized:
            caller = await async_caller(hass, llm_context.context, Door.LLM)
            if caller is not Caller.SATELLITE:
                return _error(NOT_ALLOWED)
            own = OPERATIONS[self.operation].access is Access.OWN
            return _error(NO_USER if own else SATELLITE_NOT_ALLOWED)
        try:
            answer = await self.async_run(hass, args, llm_context)
        except Unauthorized:
            return _error(NOT_ALLOWED)
        except (HomeAssistantError, vol.Invalid) as err:
            return _error(safe_text(err) or type(err).__name__)
        return llm.ToolResult(data=cast(JsonObjectType, answer))

    async def async_run(
        self, hass: HomeAssistant, args: dict[str, Any], llm_context: llm.LLMContext
    ) -> dict[str, Any]:
        """The tool's answer for validated `args`."""
        raise NotImplementedError


def _error(message: str) -> llm.ToolResult:
    return llm.ToolResult(data={"error": message}, error=True)


class SearchMediaTool(PandoraTool):
    """Titles matching a query (TMDB)."""

    hint = "Use search_media to find a title and its tmdb_id: never guess a tmdb_id."
    name = "search_media"
    operation = "search_media"
    title = "Search films and series"
    description = (
        "Search films and TV series by title. Returns up to 5 matches with their tmdb_id, "
        "media_type, year, rating and a short overview."
    )
    parameters = vol.Schema(
        {
            vol.Required("query", description="Title or words to look for"): vol.All(
                cv.string, vol.Length(min=1, max=200)
            ),
            vol.Optional("media_type", description="Only films or only series"): _MEDIA_TYPE,
        }
    )
    annotations = llm.ToolAnnotations(read_only=True, destructive=False, idempotent=True)

    @override
    async def async_run(
        self, hass: HomeAssistant, args: dict[str, Any], llm_context: llm.LLMContext
    ) -> dict[str, Any]:
        data = {"query": args["query"], "media_type": args.get("media_type", "all")}
        page = await _action(hass, SERVICE_SEARCH_MEDIA, data, llm_context)
        return {
            "results": [
                {
                    "tmdb_id": item["tmdb_id"],
                    "media_type": item["media_type"],
                    "title": item["title"],
                    "year": item["year"],
                    "rating": item["rating"],
                    "overview": _short(item["overview"]),
                }
                for item in page["results"][:MAX_RESULTS]
            ],
            "total_results": page["total_results"],
        }


class CheckAvailabilityTool(PandoraTool):
    """Where a title streams, whether the library has it, and open requests for it."""

    hint = (
        "Use check_availability before suggesting a request: it says where a title streams, "
        "whether the library already has it and whether someone already asked for it."
    )
    name = "check_availability"
    operation = "get_media"
    title = "Check a title's availability"
    description = (
        "For one title (tmdb_id and media_type from search_media): the streaming services "
        "offering it, whether it is already in the Jellyfin library, and any open request "
        "for it."
    )
    parameters = vol.Schema(
        {vol.Required("tmdb_id"): _TMDB_ID, vol.Required("media_type"): _MEDIA_TYPE}
    )
    annotations = llm.ToolAnnotations(read_only=True, destructive=False, idempotent=True)

    @override
    async def async_run(
        self, hass: HomeAssistant, args: dict[str, Any], llm_context: llm.LLMContext
    ) -> dict[str, Any]:
        tmdb_id: int = args["tmdb_id"]
        media_type: str = args["media_type"]
        details = await _action(
            hass, SERVICE_GET_MEDIA, {"tmdb_id": tmdb_id, "media_type": media_type}, llm_context
        )
        runtime = loaded_entry(hass).runtime_data
        answer: dict[str, Any] = {
            "tmdb_id": tmdb_id,
            "media_type": media_type,
            "title": details["title"],
            "year": details["year"],
            "streaming": _streaming(details.get("availability")),
        }
        if details.get("availability_error"):
            answer["streaming_error"] = details["availability_error"]
        answer |= await _in_library(runtime, tmdb_id, media_type)
        seasons = [None, *(s["number"] for s in details.get("seasons") or [])]
        user_id = llm_context.context.user_id if llm_context.context else None
        answer["open_requests"] = [
            {
                "id": request.id,
                "season": request.season,
                "status": request.status,
                "yours": user_id is not None and user_id in request.users(),
            }
            for season in (seasons if media_type == "tv" else [None])
            if (request := runtime.requests.open_for(tmdb_id, media_type, season)) is not None
        ]
        return answer


def _streaming(sources: list[Mapping[str, Any]] | None) -> list[dict[str, Any]] | None:
    """Watchmode's sources, compact; None when Watchmode is not configured."""
    if sources is None:
        return None
    return [
        {"service": s["name"], "type": s["type"], "region": s["region"], "price": s["price"]}
        for s in sources[:MAX_SOURCES]
    ]


async def _in_library(runtime: PandoraRuntime, tmdb_id: int, media_type: str) -> dict[str, Any]:
    """Whether a Jellyfin server lists the title (by its TMDB provider id)."""
    if not runtime.jellyfin:
        return {"in_library": None}
    kind: ItemType = "Movie" if media_type == "movie" else "Series"
    found: list[dict[str, Any]] = []
    errors: list[str] = []
    for coordinator in runtime.jellyfin.values():
        server = coordinator.subentry.title
        if coordinator.index_read:  # the server's title index: no request, an instant answer
            indexed = coordinator.title(media_type, tmdb_id)
            items = [indexed] if indexed else []
        else:  # not read yet: ask the server (walks its items)
            try:
                items = await coordinator.client.find_by_provider_id("Tmdb", tmdb_id, kind)
            except PandoraError as err:
                errors.append(f"{server}: {safe_text(err)}")
                continue
        found.extend({"server": server, "name": i.name, "year": i.year} for i in items)
    answer: dict[str, Any] = {"in_library": bool(found), "library_items": found}
    if errors:
        answer["library_errors"] = errors
    return answer


class RequestMediaTool(PandoraTool):
    """Ask for a title, as the conversing user."""

    hint = (
        "Use request_media only when the user asks for a title to be added; a pending "
        "request waits for an administrator's approval: say so."
    )
    name = "request_media"
    operation = "request_media"
    title = "Request a film or series"
    description = (
        "Ask for a title (tmdb_id and media_type from search_media) to be added to the "
        "library, on behalf of the user. For series, seasons may name the seasons wanted; "
        "without them the whole series is requested. An administrator may have to approve."
    )
    parameters = vol.Schema(
        {
            vol.Required("tmdb_id"): _TMDB_ID,
            vol.Required("media_type"): _MEDIA_TYPE,
            vol.Optional("seasons", description="Season numbers (series only)"): [
                vol.All(vol.Coerce(int), vol.Range(min=0, max=500))
            ],
        }
    )
    annotations = llm.ToolAnnotations(read_only=False, destructive=False, idempotent=True)

    @override
    async def async_run(
        self, hass: HomeAssistant, args: dict[str, Any], llm_context: llm.LLMContext
    ) -> dict[str, Any]:
        answer = await _action(hass, SERVICE_REQUEST_MEDIA, args, llm_context)
        return {
            "requests": [
                {"id": r["id"], "title": r["title"], "season": r["season"], "status": r["status"]}
                for r in answer["requests"]
            ],
            "created": answer["created"],
        }


class DownloadStatusTool(PandoraTool):
    """What the qBittorrents are downloading."""

    hint = "Use download_status for what is downloading now and how long it will take."
    name = "download_status"
    operation = "get_torrents"
    title = "Download status"
    description = (
        "The downloads in progress (unfinished torrents) on every qBittorrent: name, "
        "progress in percent, state and the estimated seconds left (null when unknown)."
    )
    annotations = llm.ToolAnnotations(
        read_only=True, destructive=False, idempotent=True, open_world=False
    )

    @override
    async def async_run(
        self, hass: HomeAssistant, args: dict[str, Any], llm_context: llm.LLMContext
    ) -> dict[str, Any]:
        coordinators = targets(
            hass, loaded_entry(hass).runtime_data.qbittorrent, None, "no_qbittorrent"
        )
        torrents: list[Torrent] = []
        unavailable: list[str] = []
        for coordinator in coordinators:
            if not coordinator.last_update_success or coordinator.data is None:
                unavailable.append(coordinator.subentry.title)
                continue
            torrents.extend(t for t in coordinator.data.torrents.values() if not t.is_complete)
        # Moving ones first, newest first among them.
        torrents.sort(key=lambda t: (t.status is not TorrentStatus.DOWNLOADING, -t.added_timestamp))
        answer: dict[str, Any] = {
            "downloads": [
                {
                    "name": t.name,
                    "progress": round(t.progress * 100, 1),
                    "state": t.status.value,
                    "eta": t.eta,
                }
                for t in torrents[:MAX_DOWNLOADS]
            ],
            "total": len(torrents),
        }
        if unavailable:
            answer["unavailable"] = unavailable
        return answer


class ScanLibraryTool(PandoraTool):
    """Start a Jellyfin library scan (administrators only)."""

    hint = "Use scan_library when an administrator asks to look for new files in the library."
    name = "scan_library"
    operation = "scan_library"
    title = "Scan the media library"
    description = (
        "Make Jellyfin scan one library (by name) or all of them for new files. "
        "Administrators only."
    )
    parameters = vol.Schema(
        {
            vol.Optional("library", description="Library name; all libraries when left out"): (
                vol.All(cv.string, vol.Length(min=1, max=200))
            )
        }
    )
    annotations = llm.ToolAnnotations(
        read_only=False, destructive=False, idempotent=True, open_world=False
    )

    @override
    async def async_run(
        self, hass: HomeAssistant, args: dict[str, Any], llm_context: llm.LLMContext
    ) -> dict[str, Any]:
        data = {"library": args.get("library", ALL)}
        return await _action(hass, SERVICE_SCAN_LIBRARY, data, llm_context)


# Which tools a hub offers: each needs a service configured.
_TOOLS: Final[tuple[tuple[Callable[[], PandoraTool], Callable[[PandoraRuntime], bool]], ...]] = (
    (SearchMediaTool, lambda r: r.discovery is not None),
    (CheckAvailabilityTool, lambda r: r.discovery is not None),
    (RequestMediaTool, lambda r: r.discovery is not None),
    (DownloadStatusTool, lambda r: bool(r.qbittorrent)),
    (ScanLibraryTool, lambda r: bool(r.jellyfin)),
)


class PandoraLLMAPI(llm.API):
    """Pandora's tools for conversation agents."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Name the API."""
        super().__init__(hass=hass, id=API_ID, name=API_NAME)

    @override
    async def async_get_api_instance(self, llm_context: llm.LLMContext) -> llm.APIInstance:
        """The tools for the services the hub has configured."""
        try:
            runtime: PandoraRuntime | None = loaded_entry(self.hass).runtime_data
        except HomeAssistantError:
            runtime = None
        tools: list[PandoraTool] = [
            tool() for tool, offered in _TOOLS if runtime is not None and offered(runtime)
        ]
        return llm.APIInstance(
            api=self,
            api_prompt="\n".join([PROMPT, *(tool.hint for tool in tools)]),
            llm_context=llm_context,
            tools=list[llm.Tool](tools),
            custom_serializer=llm.selector_serializer,
        )


def async_register_llm_api(hass: HomeAssistant) -> Callable[[], None]:
    """Offer Pandora to conversation agents; returns the callable that withdraws it."""
    return llm.async_register_api(hass, PandoraLLMAPI(hass))

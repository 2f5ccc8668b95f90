/** Typed calls to Pandora's websocket API (docs/websocket.md) and the live torrent list. */
import { HOME_KEY, discoverKey, takeEarly } from "../app/early";
import type {
  AddRequest,
  AddResult,
  ContainerLogs,
  CreateRequest,
  CreateRequestResult,
  DiscoverList,
  FeaturedClearResult,
  FeaturedSetResult,
  FileListing,
  Hass,
  HistoryResponse,
  HomeRows,
  Info,
  ListRequests,
  MediaDetails,
  MediaPage,
  MediaType,
  MoveRequest,
  MoveResult,
  PlayRequest,
  PlayResult,
  RequestResult,
  RequestsSnapshot,
  ScanResult,
  Torrent,
  TorrentActionRequest,
  TorrentEvent,
  HoldNotices,
  TorrentSearchRequest,
  TorrentSearchResult,
  Unsubscribe,
  VpnCountryResult,
  WatchlistResult,
  WsMessage,
} from "./types";

/** Lists and details change slowly (the backend caches them for hours): keep them a while. */
export const CACHE_TTL_MS = 10 * 60 * 1000;

/** The message of a websocket error (`{code, message}`), an Error, or anything else. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object") {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message) return message;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
  }
  if (typeof error === "string" && error) return error;
  return "Something went wrong.";
}

/** The code of a websocket error, when it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = error && typeof error === "object" ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

// --- the torrent subscription -----------------------------------------------------------------

export interface TorrentState {
  /** Every known torrent by `torrentKey`: updated in place, each changed torrent a new object. */
  torrents: ReadonlyMap<string, Torrent>;
  /** qBittorrent subentry id → title. */
  instances: Readonly<Record<string, string>>;
  /** qBittorrent subentry ids that did not answer the last poll. */
  unavailable: readonly string[];
  /** Why guards hold each qBittorrent's torrents (the banners). */
  notices: Readonly<HoldNotices>;
  /** True once the first (full) event arrived. */
  loaded: boolean;
}

/** One torrent an event changed: what it was (absent when new) and is (absent when removed). */
export interface TorrentDiff {
  key: string;
  before?: Torrent;
  after?: Torrent;
}

/** The same hash may live in two qBittorrents: key by both. */
export function torrentKey(torrent: { instance: string; hash: string }): string {
  return `${torrent.instance}\u0000${torrent.hash}`;
}

export function emptyTorrentState(): TorrentState {
  return { torrents: new Map(), instances: {}, unavailable: [], notices: {}, loaded: false };
}

/**
 * Apply one subscription event to `state` (its map is updated in place, so a tick costs what
 * changed, not the whole list): `full` replaces everything; otherwise a known torrent takes the
 * changed fields (as a new object: rows compare by identity), a new one comes whole, `removed`
 * ones go. `unavailable` is always the current list. Returns what changed, or null after `full`.
 */
export function applyTorrentEvent(state: TorrentState, event: TorrentEvent): TorrentDiff[] | null {
  const torrents = state.torrents as Map<string, Torrent>;
  state.unavailable = [...(event.unavailable ?? [])];
  if (event.full || event.notices) state.notices = { ...(event.notices ?? {}) };
  state.loaded = true;
  if (event.full) {
    torrents.clear();
    const instances = (state.instances = { ...(event.instances ?? {}) });
    // Columns by name (their order is the backend's), then one object literal per torrent:
    // 10,000 objects of one shape are quick to make and light for the garbage collector.
    const column = (name: keyof Torrent) => event.fields.indexOf(name);
    const [instance, hash, name, st, status, progress, size, down, up, eta, added, held] = (
      [
        "instance",
        "hash",
        "name",
        "state",
        "status",
        "progress",
        "size",
        "download_speed",
        "upload_speed",
        "eta",
        "added",
        "held",
      ] as const
    ).map(column) as [number, number, number, number, number, number, number, number, number, number, number, number];
    for (const row of event.rows ?? []) {
      const id = row[instance] as string;
      const torrent: Torrent = {
        instance: id,
        instance_title: instances[id] ?? id,
        hash: row[hash] as string,
        name: row[name] as string,
        state: row[st] as string,
        status: row[status] as Torrent["status"],
        progress: row[progress] as number,
        size: row[size] as number,
        download_speed: row[down] as number,
        upload_speed: row[up] as number,
        eta: (row[eta] ?? null) as number | null,
        added: (row[added] ?? null) as number | null,
        held: (row[held] ?? null) as Torrent["held"],
      };
      torrents.set(torrentKey(torrent), torrent);
    }
    return null;
  }
  const diffs: TorrentDiff[] = [];
  for (const gone of event.removed ?? []) {
    const key = torrentKey(gone);
    const before = torrents.get(key);
    if (before && torrents.delete(key)) diffs.push({ key, before });
  }
  for (const change of event.torrents ?? []) {
    const key = torrentKey(change);
    const before = torrents.get(key);
    const after = (
      before
        ? { ...before, ...change }
        : { instance_title: state.instances[change.instance] ?? change.instance, ...change }
    ) as Torrent;
    torrents.set(key, after);
    diffs.push({ key, before, after });
  }
  return diffs;
}

/** `diffs`: what the event changed; null when it replaced everything (a `full` event). */
export type TorrentListener = (state: TorrentState, diffs: TorrentDiff[] | null) => void;

/**
 * One live `hass.connection.subscribeMessage`; `close()` ends it (safe before it started, and
 * twice). Events arriving after `close()` are dropped; a failed start reports to `onError` once.
 */
export class Subscription<E> {
  private unsubscribe: Promise<Unsubscribe | undefined>;
  private closed = false;

  constructor(
    hass: Hass,
    message: WsMessage,
    onEvent: (event: E) => void,
    onError: (error: unknown) => void,
  ) {
    this.unsubscribe = hass.connection
      .subscribeMessage<E>((event) => {
        if (!this.closed) onEvent(event);
      }, message)
      .catch((error: unknown) => {
        if (!this.closed) onError(error);
        return undefined;
      });
  }

  get active(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const unsubscribe = await this.unsubscribe;
    try {
      await unsubscribe?.();
    } catch {
      // The connection is gone: Home Assistant dropped the subscription already.
    }
  }
}

/** `pandora/torrents/subscribe`, merged into one `TorrentState`. */
export class TorrentSubscription extends Subscription<TorrentEvent> {
  state: TorrentState = emptyTorrentState();

  constructor(hass: Hass, onChange: TorrentListener, onError: (error: unknown) => void) {
    super(
      hass,
      { type: "pandora/torrents/subscribe" },
      (event) => onChange(this.state, applyTorrentEvent(this.state, event)),
      onError,
    );
  }
}

// --- one-off commands -------------------------------------------------------------------------

interface CacheEntry {
  expires: number;
  value: Promise<unknown>;
}

/**
 * Pandora's websocket commands. The panel keeps one instance and updates `hass` on every change,
 * so child elements get a stable object and do not re-render on each Home Assistant state change.
 */
export class PandoraApi {
  hass: Hass | undefined;
  private cache = new Map<string, CacheEntry>();

  constructor(hass?: Hass, private readonly now: () => number = Date.now) {
    this.hass = hass;
  }

  /** The user's language for Intl formatting. */
  get language(): string {
    return this.hass?.locale?.language ?? this.hass?.language ?? "en";
  }

  call<T>(message: WsMessage): Promise<T> {
    if (!this.hass) return Promise.reject(new Error("Not connected to Home Assistant."));
    return this.hass.callWS<T>(message);
  }

  private cached<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = fetch();
    this.cache.set(key, { expires: now + CACHE_TTL_MS, value });
    // Failures are not kept: the next call tries again.
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return value;
  }

  /** Forget cached lists and details (after a retry button, for instance). */
  clearCache(): void {
    this.cache.clear();
  }

  /** An answer asked for early (early.ts) if there is one, else asked now; asked again on failure. */
  private callEarly<T>(key: string, message: WsMessage): Promise<T> {
    const early = takeEarly<T>(key, this.now());
    return early ? early.catch(() => this.call<T>(message)) : this.call<T>(message);
  }

  info(): Promise<Info> {
    return this.callEarly<Info>("info", { type: "pandora/info" });
  }

  discover(list: DiscoverList, page = 1): Promise<MediaPage> {
    const key = discoverKey(list, page);
    return this.cached(key, () =>
      this.callEarly<MediaPage>(key, { type: "pandora/discover", list, page }),
    );
  }

  searchMedia(query: string, page = 1): Promise<MediaPage> {
    return this.call<MediaPage>({ type: "pandora/search_media", query, page });
  }

  media(tmdbId: number, mediaType: MediaType): Promise<MediaDetails> {
    return this.cached(`media:${mediaType}:${tmdbId}`, () =>
      this.call<MediaDetails>({ type: "pandora/media", tmdb_id: tmdbId, media_type: mediaType }),
    );
  }

  /** Forget one title's cached details (its My List or library state changed). */
  forgetMedia(tmdbId: number, mediaType: MediaType): void {
    this.cache.delete(`media:${mediaType}:${tmdbId}`);
  }

  // --- watching ---------------------------------------------------------------------------------

  /** Discover's personal rows (banner, My List, Jellyfin rows); never cached, asked early. */
  home(): Promise<HomeRows> {
    return this.callEarly<HomeRows>(HOME_KEY, { type: "pandora/home" });
  }

  watchlist(): Promise<WatchlistResult> {
    return this.call<WatchlistResult>({ type: "pandora/watchlist/list" });
  }

  addToWatchlist(tmdbId: number, mediaType: MediaType): Promise<WatchlistResult> {
    this.forgetMedia(tmdbId, mediaType);
    return this.call<WatchlistResult>({ type: "pandora/watchlist/add", tmdb_id: tmdbId, media_type: mediaType });
  }

  removeFromWatchlist(tmdbId: number, mediaType: MediaType): Promise<WatchlistResult> {
    this.forgetMedia(tmdbId, mediaType);
    return this.call<WatchlistResult>({ type: "pandora/watchlist/remove", tmdb_id: tmdbId, media_type: mediaType });
  }

  /** Administrators only: show this title at the top of everyone's Discover. */
  setFeatured(tmdbId: number, mediaType: MediaType): Promise<FeaturedSetResult> {
    return this.call<FeaturedSetResult>({ type: "pandora/featured/set", tmdb_id: tmdbId, media_type: mediaType });
  }

  /** Administrators only: back to the default banner. */
  clearFeatured(): Promise<FeaturedClearResult> {
    return this.call<FeaturedClearResult>({ type: "pandora/featured/clear" });
  }

  /** Play a title (a series: its next episode) or a Jellyfin item on a Home Assistant media player. */
  play(request: PlayRequest): Promise<PlayResult> {
    const target =
      "item_id" in request
        ? { item_id: request.item_id, instance: request.instance }
        : { tmdb_id: request.tmdb_id, media_type: request.media_type };
    return this.call<PlayResult>({ type: "pandora/play", entity_id: request.entity_id, ...target });
  }

  searchTorrents(request: TorrentSearchRequest): Promise<TorrentSearchResult> {
    return this.call<TorrentSearchResult>({ type: "pandora/torrents/search", ...request });
  }

  addTorrent(request: AddRequest & { instance?: string }): Promise<AddResult> {
    return this.call<AddResult>({ type: "pandora/torrents/add", ...request });
  }

  torrentAction(request: TorrentActionRequest): Promise<null> {
    return this.call<null>({ type: "pandora/torrents/action", ...request });
  }

  history(limit = 50): Promise<HistoryResponse> {
    return this.call<HistoryResponse>({ type: "pandora/history", limit });
  }

  listFiles(path: string, instance?: string): Promise<FileListing> {
    return this.call<FileListing>({ type: "pandora/files/list", path, ...(instance ? { instance } : {}) });
  }

  moveFiles(request: MoveRequest): Promise<MoveResult> {
    return this.call<MoveResult>({ type: "pandora/files/move", ...request });
  }

  /** Delete files and folders (with everything in them) from a share; administrators only. */
  deleteFiles(paths: string[], instance?: string): Promise<null> {
    return this.call<null>({ type: "pandora/files/delete", paths, ...(instance ? { instance } : {}) });
  }

  /** `library` is a library id or name, or "all". */
  scanLibrary(library: string, instance?: string): Promise<ScanResult> {
    return this.call<ScanResult>({ type: "pandora/library/scan", library, ...(instance ? { instance } : {}) });
  }

  restartContainer(container: string, instance?: string): Promise<null> {
    return this.call<null>({ type: "pandora/containers/restart", container, ...(instance ? { instance } : {}) });
  }

  containerLogs(container: string, tail: number, instance?: string): Promise<ContainerLogs> {
    return this.call<ContainerLogs>({
      type: "pandora/containers/logs",
      container,
      tail,
      ...(instance ? { instance } : {}),
    });
  }

  redeployStack(stack: string, instance?: string): Promise<null> {
    return this.call<null>({ type: "pandora/stacks/redeploy", stack, ...(instance ? { instance } : {}) });
  }

  /** Switch gluetun's country: answers once the public IP is there (up to about a minute). */
  setVpnCountry(country: string, instance?: string): Promise<VpnCountryResult> {
    return this.call<VpnCountryResult>({ type: "pandora/vpn/country", country, ...(instance ? { instance } : {}) });
  }

  // --- household requests ---------------------------------------------------------------------

  /** Ask for a title (any user); TV: one request per season, `seasons` left out: whole series. */
  requestMedia(request: CreateRequest): Promise<CreateRequestResult> {
    const { tmdb_id, media_type, seasons } = request;
    return this.call<CreateRequestResult>({
      type: "pandora/requests/create",
      tmdb_id,
      media_type,
      ...(media_type === "tv" && seasons?.length ? { seasons } : {}),
    });
  }

  /** Administrators only. */
  approveRequest(requestId: string): Promise<RequestResult> {
    return this.call<RequestResult>({ type: "pandora/requests/approve", request_id: requestId });
  }

  /** Administrators only; a blank reason is left out. */
  denyRequest(requestId: string, reason?: string): Promise<RequestResult> {
    const why = reason?.trim();
    return this.call<RequestResult>({
      type: "pandora/requests/deny",
      request_id: requestId,
      ...(why ? { reason: why } : {}),
    });
  }

  /** Administrators only: a failed (or denied) request goes back to approved. */
  retryRequest(requestId: string): Promise<RequestResult> {
    return this.call<RequestResult>({ type: "pandora/requests/retry", request_id: requestId });
  }

  /**
   * A pending request the user asked for (administrators: any). With others asking too, the
   * answer is still pending: the user left it.
   */
  withdrawRequest(requestId: string): Promise<RequestResult> {
    return this.call<RequestResult>({ type: "pandora/requests/withdraw", request_id: requestId });
  }

  /** Newest first; administrators get everyone's, others their own. */
  listRequests(options: ListRequests = {}): Promise<RequestsSnapshot> {
    return this.call<RequestsSnapshot>({
      type: "pandora/requests/list",
      ...(options.status?.length ? { status: options.status } : {}),
      ...(options.limit ? { limit: options.limit } : {}),
    });
  }

  /** Start a live snapshot feed (`pandora/library/subscribe`, …); throws when not connected. */
  subscribe<E>(
    type: "pandora/library/subscribe" | "pandora/containers/subscribe" | "pandora/requests/subscribe",
    onEvent: (event: E) => void,
    onError: (error: unknown) => void,
  ): Subscription<E> {
    if (!this.hass) throw new Error("Not connected to Home Assistant.");
    return new Subscription<E>(this.hass, { type }, onEvent, onError);
  }

  /** Start the live torrent list; throws when not connected. */
  subscribeTorrents(
    onChange: TorrentListener,
    onError: (error: unknown) => void,
  ): TorrentSubscription {
    if (!this.hass) throw new Error("Not connected to Home Assistant.");
    return new TorrentSubscription(this.hass, onChange, onError);
  }
}

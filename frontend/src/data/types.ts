/** Shapes of Home Assistant's frontend objects (the parts used) and of Pandora's websocket API. */

// --- Home Assistant ---------------------------------------------------------------------------

export interface WsMessage {
  type: string;
  [key: string]: unknown;
}

export type Unsubscribe = () => Promise<void> | void;

export interface HassConnection {
  subscribeMessage<T>(
    callback: (message: T) => void,
    message: WsMessage,
    options?: { resubscribe?: boolean },
  ): Promise<Unsubscribe>;
}

/** The subset of Home Assistant's `hass` object the panel reads. */
export interface Hass {
  callWS<T>(message: WsMessage): Promise<T>;
  connection: HassConnection;
  user?: { id?: string; name?: string; is_admin: boolean } | null;
  language?: string;
  locale?: { language?: string };
  dockedSidebar?: "docked" | "always_hidden" | "auto";
  /** Every entity's state (only media players are read, for "Play on…"). */
  states?: Record<string, HassEntity>;
}

/** One entity in `hass.states` (the parts used). */
export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: {
    friendly_name?: string;
    supported_features?: number;
    [key: string]: unknown;
  };
}

export interface Route {
  prefix: string;
  path: string;
}

export interface PanelInfo {
  url_path?: string;
  title?: string | null;
  icon?: string | null;
  config?: Record<string, unknown> | null;
}

/** Home Assistant websocket errors reject with `{code, message}`. */
export interface WsError {
  code: string;
  message: string;
}

// --- pandora/info -----------------------------------------------------------------------------

export type ServiceKind =
  | "qbittorrent"
  | "tmdb"
  | "watchmode"
  | "jackett"
  | "jellyfin"
  | "cloudcmd"
  | "portainer"
  | "gluetun";

/**
 * A Cloud Commander share's configured folders, share-relative ("/Downloads"): qBittorrent saves
 * into `downloads`, finished downloads are filed into `downloaded`, `movies` and `tv` are the
 * library folders "Move to" targets.
 */
export interface ShareFolders {
  downloads: string;
  downloaded: string;
  movies: string;
  tv: string;
}

export interface ServiceInstance {
  id: string;
  title: string;
  /** Cloud Commander shares only; older backends leave it out (the defaults apply). */
  folders?: Partial<ShareFolders>;
}

export interface Info {
  version: string;
  admin: boolean;
  /** False when no Pandora entry is loaded (not set up, failed, or disabled). */
  loaded?: boolean;
  /** Only the kinds that have at least one service are listed. */
  services: Partial<Record<ServiceKind, ServiceInstance[]>>;
  /** Household requests are available (`pandora/requests/*`); older backends leave it out. */
  requests?: boolean;
}

// --- Discovery (discover/discovery.py) --------------------------------------------------------

export type MediaType = "movie" | "tv";

export { DISCOVER_LISTS, type DiscoverList } from "./names";
import type { DiscoverList } from "./names";


export const LIST_TITLES: Record<DiscoverList, string> = {
  trending_day: "Trending today",
  trending_week: "Trending this week",
  popular_movies: "Popular movies",
  popular_tv: "Popular TV",
  top_rated_movies: "Top rated movies",
  upcoming_movies: "Upcoming movies",
  now_playing_movies: "Now in cinemas",
  on_the_air_tv: "On TV now",
};

/** `Discovery.item()`: one title in a list. */
export interface MediaItem {
  tmdb_id: number;
  media_type: MediaType;
  title: string;
  original_title?: string | null;
  year: number | null;
  overview: string | null;
  rating: number;
  vote_count: number;
  poster_url: string | null;
  backdrop_url: string | null;
  genre_ids: number[];
  /** The title is in a Jellyfin library (older backends leave it out). */
  in_library?: boolean;
}

export interface MediaPage {
  page: number;
  total_pages: number;
  total_results: number;
  results: MediaItem[];
  list?: DiscoverList;
  query?: string;
}

export interface CastMember {
  name: string;
  character: string | null;
  profile_url: string | null;
}

export interface Season {
  number: number;
  name: string | null;
  episode_count: number | null;
  year: number | null;
}

export interface WatchProviders {
  region: string;
  link: string | null;
  flatrate: string[];
  free: string[];
  rent: string[];
  buy: string[];
}

/** Watchmode's `StreamingSource` as `discovery._source()` sends it. */
export interface StreamingSource {
  name: string;
  type: string;
  region: string;
  format: string | null;
  price: number | null;
  web_url: string | null;
}

/** `pandora.get_media`: details plus availability. */
export interface MediaDetails extends MediaItem {
  runtime: number | null;
  genres: string[];
  tagline: string | null;
  status: string | null;
  imdb_id: string | null;
  tvdb_id: number | null;
  cast: CastMember[];
  seasons: Season[];
  number_of_seasons: number | null;
  watch_providers: WatchProviders | null;
  availability: StreamingSource[] | null;
  availability_error: string | null;
  /** Where the title is in Jellyfin (null when it is not; older backends leave these out). */
  library?: LibraryLink | null;
  /** The user has it in My List. */
  in_watchlist?: boolean;
}

// --- Watching (pandora/home, watchlist, featured, play) ---------------------------------------

/** A title's place in a Jellyfin server. */
export interface LibraryLink {
  /** The Jellyfin subentry id. */
  instance: string;
  /** The Jellyfin server's title. */
  server: string;
  item_id: string;
  /** Jellyfin's item type: Movie, Series, … */
  type: string;
  /** The item's page in Jellyfin's web app ("Play in Jellyfin"); null unless http(s). */
  web_url: string | null;
}

/** The title at the top of Discover: one an administrator chose, or the default. */
export interface Featured extends MediaItem {
  /** An administrator featured it (false: the default, the top trending title not in the library). */
  chosen: boolean;
  library: LibraryLink | null;
  in_watchlist: boolean;
}

/** One title in the user's My List. */
export interface WatchlistEntry extends MediaItem {
  added_at: string;
  library: LibraryLink | null;
}

/** One item of Jellyfin's Continue watching or Recently added rows, as the user sees it. */
export interface JellyfinEntry {
  item_id: string;
  /** The Jellyfin subentry id. */
  instance: string;
  /** The Jellyfin server's title. */
  server: string;
  name: string;
  /** Movie, Series, Episode, Video, … */
  type: string;
  series_name: string | null;
  season: number | null;
  episode: number | null;
  year: number | null;
  overview: string | null;
  /** 0-100. */
  progress: number | null;
  position_seconds: number;
  runtime_seconds: number | null;
  /**
   * Signed Home Assistant paths (Jellyfin's images through Pandora's proxy): `image_url` is
   * portrait (the movie's or series' poster), `backdrop_url` landscape (the movie's or series'
   * backdrop, an episode's own still).
   */
  image_url: string | null;
  backdrop_url: string | null;
  /** To open the details sheet; null when Jellyfin knows no TMDB id. */
  tmdb_id: number | null;
  media_type: MediaType | null;
  /** "Play in Jellyfin"; null unless http(s). */
  web_url: string | null;
}

export type HomeRow = "featured" | "continue_watching" | "recently_added";

/** `pandora/home`: Discover's personal rows. */
export interface HomeRows {
  featured: Featured | null;
  watchlist: WatchlistEntry[];
  continue_watching: JellyfinEntry[];
  recently_added: JellyfinEntry[];
  /** A Jellyfin server is configured. */
  jellyfin: boolean;
  /** The Jellyfin user these rows are for. */
  jellyfin_user: string | null;
  /** A row that could not be loaded, and why. */
  errors: Partial<Record<HomeRow, string>>;
}

/** `pandora/watchlist/list`, `…/add`, `…/remove`: the user's whole list after the change. */
export interface WatchlistResult {
  watchlist: WatchlistEntry[];
}

/** `pandora/featured/set`. */
export interface FeaturedSetResult {
  featured: Featured;
}

/** `pandora/featured/clear`: the default again (null when there is none). */
export interface FeaturedClearResult {
  featured: Featured | null;
}

/** What `pandora/play` plays: a title by TMDB id (a series: its next episode), or a Jellyfin item. */
export type PlayTarget =
  | { tmdb_id: number; media_type: MediaType }
  | { item_id: string; instance: string };

export type PlayRequest = PlayTarget & { entity_id: string };

/** `pandora/play`. */
export interface PlayResult {
  entity_id: string;
  /** What plays (an episode's name, say). */
  title: string;
}

// --- Releases (downloads/search.py) -----------------------------------------------------------

/** `ranked_as_dict()`: one ranked release. */
export interface RankedRelease {
  result_id: string;
  title: string;
  indexer: string | null;
  size: number | null;
  seeders: number | null;
  leechers: number | null;
  infohash: string | null;
  magnet: string | null;
  has_torrent_file: boolean;
  published: string | null;
  categories: number[];
  imdb_id: string | null;
  tmdb_id: number | null;
  freeleech: boolean;
  quality: string;
  resolution: string;
  source: string;
  codec: string;
  hdr: string[];
  score: number;
  accepted: boolean;
  reasons: string[];
}

export interface IndexerStatus {
  indexer: string;
  state: string;
  error: string | null;
}

export interface SearchInstanceStatus {
  instance: string;
  state: "ok" | "partial" | "error";
  error?: string;
  indexers?: IndexerStatus[];
  elapsed_ms: number;
  results: number;
}

export interface TorrentSearchResult {
  query: string;
  total: number;
  accepted: number;
  results: RankedRelease[];
  instances: SearchInstanceStatus[];
}

/** `pandora/torrents/search`: by TMDB title (the backend builds the query), or by words. */
export type TorrentSearchRequest = {
  season?: number;
  include_rejected?: true;
} & (
  | { tmdb_id: number; media_type: MediaType }
  | { query: string; category: "movies" | "tv"; year?: number }
);

export interface AddRequest {
  result_id: string;
  tmdb_id: number;
  media_type: MediaType;
}

export interface AddResult {
  instance: string;
  added_ids: string[];
  infohash: string | null;
  release: string | null;
}

// --- Torrents (downloads/actions.py, panel/feeds.py) ------------------------------------------

export type TorrentStatus =
  | "downloading"
  | "seeding"
  | "paused"
  | "errored"
  | "checking"
  | "queued"
  | "other";

/**
 * One torrent as a row shows it (`pandora/torrents/subscribe`, docs/websocket.md), plus its
 * qBittorrent's title (from the event's `instances`).
 */
export interface Torrent {
  instance: string;
  instance_title: string;
  hash: string;
  name: string;
  state: string;
  status: TorrentStatus;
  progress: number;
  size: number;
  download_speed: number;
  upload_speed: number;
  /** Seconds; null: no estimate. */
  eta: number | null;
  /** Unix seconds; null when unknown. */
  added: number | null;
  /** Why a Pandora guard holds it (the VPN guard, the disk guard, a met seeding goal); null: none. */
  held: TorrentHold | null;
}

export type TorrentHold = "vpn" | "disk" | "goal";

/**
 * Why a guard holds a qBittorrent's torrents, for the Downloads banner (`notices` of the torrent
 * feed: subentry id → reason → notice). The VPN guard sends `cause` ("vpn_down", "vpn_leak"),
 * `since` (ISO time), `by` (the gluetun's title) and `torrents` (how many it holds).
 */
export interface HoldNotice {
  cause?: string;
  since?: string | null;
  by?: string;
  torrents?: number;
  /** The disk guard's: free space and the minimum kept, in bytes. */
  free?: number;
  minimum?: number;
}

export type HoldNotices = Record<string, Partial<Record<TorrentHold, HoldNotice>>>;

/** What a feed event says of one torrent: all of a new one, the changed fields of a known one. */
export type TorrentChange = Pick<Torrent, "instance" | "hash"> & Partial<Omit<Torrent, "instance_title">>;

export interface RemovedTorrent {
  instance: string;
  hash: string;
}

/**
 * One event of `pandora/torrents/subscribe`: every torrent (`full`, as columns: `fields` names
 * them, each of `rows` is one torrent's values), or what changed since the previous event.
 */
export type TorrentEvent =
  | {
      full: true;
      /** Subentry id → title. */
      instances: Record<string, string>;
      fields: string[];
      rows: unknown[][];
      unavailable: string[];
      notices?: HoldNotices;
    }
  | {
      full: false;
      torrents: TorrentChange[];
      removed: RemovedTorrent[];
      unavailable: string[];
      /** Sent only when a notice changed: every qBittorrent's, whole. */
      notices?: HoldNotices;
    };

export type TorrentAction = "pause" | "resume" | "remove";

export interface TorrentActionRequest {
  action: TorrentAction;
  hashes: string[] | "all";
  instance?: string;
  delete_files?: boolean;
}

// --- History ----------------------------------------------------------------------------------

export interface HistoryEvent {
  time: string;
  event: string;
  hash: string;
  name: string;
  size: number;
  category: string;
  save_path: string;
  /** The qBittorrent's title (null when it was removed since). */
  instance: string | null;
  subentry_id?: string;
}

export interface FileEvent {
  time: string;
  action: string;
  name?: string;
  destination?: string;
  error?: string;
  [key: string]: unknown;
}

export interface HistoryResponse {
  events: HistoryEvent[];
  files: FileEvent[];
}

// --- Files (files/actions.py, Cloud Commander) ------------------------------------------------

/** `entry_as_dict()`: one file or folder; `path` is share-relative ("/Downloads/a.mkv"). */
export interface FileEntry {
  name: string;
  type: "file" | "directory";
  /** Bytes; null for folders and links. */
  size: number | null;
  modified: string | null;
  path: string;
}

/** `pandora.list_files`. */
export interface FileListing {
  path: string;
  files: FileEntry[];
}

/** `movies` and `tv` are the share's configured library folders. */
export type MoveDestination = "movies" | "tv";

export interface MoveRequest {
  paths: string[];
  destination: MoveDestination;
  /** A single folder name created inside the destination ("Title (Year)"). */
  folder?: string;
  scan_after: boolean;
  instance?: string;
}

/** `pandora.move_files`. */
export interface MoveResult {
  moved: string[];
  destination: string;
  server: string;
  /** Names of the Jellyfin libraries scanned; null when none was (or no Jellyfin). */
  scanned: string[] | null;
}

// --- Library (panel/feeds.py, Jellyfin) -------------------------------------------------------

export interface JellyfinLibrary {
  id: string;
  name: string;
  /** movies, tvshows, music, …; null for mixed content. */
  collection_type: string | null;
  refreshing: boolean;
  /** 0-100 while Jellyfin scans it. */
  progress: number | null;
}

export interface JellyfinServer {
  id: string;
  title: string;
  available: boolean;
  scanning: boolean;
  /** 0-100 while scanning (null when Jellyfin gives none). */
  progress: number | null;
  last_scan: string | null;
  /** "completed", "failed", "cancelled" or "aborted". */
  last_result: string | null;
  counts: { movies: number; series: number; episodes: number } | null;
  libraries: JellyfinLibrary[];
  /** Who is watching now (library/sessions.py `stream_info`); null while unreadable. */
  streams: JellyfinStream[] | null;
}

export interface JellyfinStream {
  user: string | null;
  /** "Dragnet S01E03", "Nosferatu (1922)". */
  title: string;
  device: string;
  client: string;
  /** "direct_play", "direct_stream", "transcode"; null when the client did not say. */
  play_method: string | null;
  paused: boolean;
  /** To an address outside the home network. */
  remote: boolean;
}

/** One event of `pandora/library/subscribe` (the whole state each time). */
export interface LibrarySnapshot {
  jellyfin: JellyfinServer[];
}

/** `pandora.scan_library`. */
export interface ScanResult {
  scanned: { server: string; library: string }[];
}

// --- Containers and VPN (panel/feeds.py, Portainer and gluetun) -------------------------------

export type ContainerState =
  | "created"
  | "running"
  | "paused"
  | "restarting"
  | "removing"
  | "exited"
  | "dead";

export type ContainerHealth = "healthy" | "unhealthy" | "starting" | "none";

export interface ContainerInfo {
  key: string;
  name: string;
  image: string;
  state: ContainerState;
  health: ContainerHealth;
  /** Docker's text: "Up 5 minutes (healthy)", "Exited (0) 3 minutes ago". */
  status: string;
  /** The Compose project (stack) it belongs to. */
  stack: string | null;
  endpoint: string | null;
  reachable: boolean;
  cpu_percent: number | null;
  memory_bytes: number | null;
}

export interface StackInfo {
  id: number | string;
  name: string;
  active: boolean;
  endpoint_id: number | string;
}

export interface PortainerState {
  id: string;
  title: string;
  available: boolean;
  containers: ContainerInfo[];
  stacks: StackInfo[];
}

export interface GluetunState {
  id: string;
  title: string;
  available: boolean;
  /** starting, running, stopping, stopped, crashed or completed. */
  status: string | null;
  public_ip: string | null;
  country: string | null;
  city: string | null;
  /** The country the VPN should use. */
  selected: string | null;
  options: string[];
  /** The public IP is outside the selected country while the VPN says it runs. */
  leaking: boolean;
  switching: boolean;
}

/** One event of `pandora/containers/subscribe` (the whole state each time). */
export interface ContainersSnapshot {
  portainer: PortainerState[];
  gluetun: GluetunState[];
}

export interface LogLine {
  time: string | null;
  stream: "stdout" | "stderr";
  text: string;
}

/** `pandora.get_container_logs`. */
export interface ContainerLogs {
  container: string;
  state: string;
  lines: LogLine[];
}

/** `pandora.set_vpn_country`. */
export interface VpnCountryResult {
  country: string | null;
  public_ip: string | null;
  public_ip_country: string | null;
}

// --- Household requests (requests/queue.py, requests/actions.py) ------------------------------

export { OPEN_REQUEST_STATUSES, REQUEST_STATUSES, type RequestStatus } from "./names";
import type { RequestStatus } from "./names";

/** One status change: when, by whom (a Home Assistant user id; null: Pandora itself), why. */
export interface RequestTransition {
  status: RequestStatus;
  at: string;
  by: string | null;
  reason: string | null;
}

/**
 * `MediaRequest.as_dict()` plus the names of who asked. `poster_url` is already a signed path
 * through Home Assistant's image proxy.
 */
export interface MediaRequest {
  id: string;
  tmdb_id: number;
  media_type: MediaType;
  title: string;
  /** The Home Assistant user id of who asked first. */
  requested_by: string;
  created: string;
  status: RequestStatus;
  year: number | null;
  /** TV only: the season asked for; null for a movie or the whole series. */
  season: number | null;
  poster_url: string | null;
  /** Other users who asked for it too. */
  watchers: string[];
  transitions: RequestTransition[];
  /** Why it was denied or failed (a failure's technical reason: for administrators). */
  reason: string | null;
  /** Why it was denied or failed, in words for the people who asked (older backends: absent). */
  public_reason?: string | null;
  torrent_hash: string | null;
  instance: string | null;
  /** The release being downloaded for it. */
  release: string | null;
  tried: string[];
  jellyfin_id: string | null;
  updated: string;
  requested_by_name: string | null;
  /** Names of everyone who asked (the requester first). */
  users_names: string[];
  /** Display names by user id: everyone who asked and whoever changed its status. */
  names?: Record<string, string>;
}

/** One event of `pandora/requests/subscribe`, and `pandora/requests/list`'s answer. */
export interface RequestsSnapshot {
  requests: MediaRequest[];
}

export interface CreateRequest {
  tmdb_id: number;
  media_type: MediaType;
  /** TV only; left out: the whole series. */
  seasons?: number[];
}

/** `pandora.request_media`: one request per season (one for a movie or the whole series). */
export interface CreateRequestResult {
  requests: MediaRequest[];
  /** False where the title was already requested (the user joined that request). */
  created: boolean[];
}

/** `pandora.approve_request`, `deny_request`, `retry_request`, `withdraw_request`. */
export interface RequestResult {
  request: MediaRequest;
}

export interface ListRequests {
  status?: RequestStatus[];
  limit?: number;
}

/**
 * Discover's personal rows (`pandora/home`): the banner, My List and the Jellyfin rows, kept for
 * the tab (pandora-panel-discover). My List changes show at once (here, or from the details
 * sheet or the banner), then the rows are asked again; what is shown stays while they come.
 */
import type { ReactiveControllerHost } from "lit";
import { errorCode, errorMessage, type PandoraApi } from "../../data/api";
import type { ListToggle } from "../../components/media-card";
import { toast } from "../../components/states";
import type { Featured, HomeRows, MediaItem, WatchlistEntry } from "../../data/types";
import { titleKey, type Load } from "./discover-rows";

/** The rows' state, drawn by its host (each change asks the host to update). */
export class DiscoverHome {
  #state: Load<HomeRows> | null = null;
  #listBusy: ReadonlySet<string> = new Set();
  #clearing = false;
  private loadId = 0;
  private listKeys: { from: WatchlistEntry[]; keys: ReadonlySet<string> } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly api: () => PandoraApi,
  ) {}

  /** `pandora/home`; null when the backend has none (or before it is asked). */
  get state(): Load<HomeRows> | null {
    return this.#state;
  }

  private set state(value: Load<HomeRows> | null) {
    this.#state = value;
    this.host.requestUpdate();
  }

  /** Titles ("movie:693134") whose My List change is on its way. */
  get listBusy(): ReadonlySet<string> {
    return this.#listBusy;
  }

  private set listBusy(value: ReadonlySet<string>) {
    this.#listBusy = value;
    this.host.requestUpdate();
  }

  /** The banner is being put back to the default. */
  get clearing(): boolean {
    return this.#clearing;
  }

  private set clearing(value: boolean) {
    this.#clearing = value;
    this.host.requestUpdate();
  }

  /** The rows, once they came. */
  get rows(): HomeRows | null {
    return this.#state?.status === "ready" ? this.#state.value : null;
  }

  /** Ask for the personal rows; what is shown stays while a refresh is on its way. */
  async load(): Promise<void> {
    const id = ++this.loadId;
    if (this.#state?.status !== "ready") this.state = { status: "loading" };
    try {
      const value = await this.api().home();
      if (id === this.loadId) this.state = { status: "ready", value };
    } catch (error) {
      if (id !== this.loadId) return;
      if (errorCode(error) === "unknown_command") this.state = null;
      else if (this.#state?.status !== "ready") this.state = { status: "error", error };
    }
  }

  /** The titles in My List. */
  get watchlistKeys(): ReadonlySet<string> {
    const list = this.rows?.watchlist ?? [];
    if (this.listKeys?.from !== list) this.listKeys = { from: list, keys: new Set(list.map(titleKey)) };
    return this.listKeys.keys;
  }

  /** A card's My List toggle, once the list is known. */
  listToggle(item: MediaItem): ListToggle | undefined {
    if (!this.rows) return undefined;
    const key = titleKey(item);
    return { inList: this.watchlistKeys.has(key), busy: this.#listBusy.has(key), toggle: this.toggleList };
  }

  /** Show a new My List at once (the banner's toggle too); the refresh follows. */
  applyWatchlist(watchlist: WatchlistEntry[]): void {
    const home = this.rows;
    if (!home) return;
    const keys = new Set(watchlist.map(titleKey));
    const featured = home.featured ? { ...home.featured, in_watchlist: keys.has(titleKey(home.featured)) } : null;
    this.state = { status: "ready", value: { ...home, watchlist, featured } };
  }

  applyFeatured(featured: Featured | null): void {
    const home = this.rows;
    if (!home) return;
    const value = featured ? { ...featured, in_watchlist: this.watchlistKeys.has(titleKey(featured)) } : null;
    this.state = { status: "ready", value: { ...home, featured: value } };
  }

  readonly toggleList = async (item: MediaItem): Promise<void> => {
    const key = titleKey(item);
    if (this.#listBusy.has(key)) return;
    const add = !this.watchlistKeys.has(key);
    this.listBusy = new Set([...this.#listBusy, key]);
    try {
      const api = this.api();
      const result = add
        ? await api.addToWatchlist(item.tmdb_id, item.media_type)
        : await api.removeFromWatchlist(item.tmdb_id, item.media_type);
      this.applyWatchlist(result.watchlist);
      void this.load();
    } catch (error) {
      toast(this.host, {
        kind: "error",
        message: `Could not ${add ? "add" : "remove"} ${item.title} ${add ? "to" : "from"} My List: ${errorMessage(error)}`,
      });
    } finally {
      const busy = new Set(this.#listBusy);
      busy.delete(key);
      this.listBusy = busy;
    }
  };

  /** Put the banner back to the default title. */
  async clearFeatured(): Promise<void> {
    if (this.#clearing) return;
    this.clearing = true;
    try {
      const result = await this.api().clearFeatured();
      this.applyFeatured(result.featured);
      toast(this.host, { kind: "success", message: "The banner is back to the default" });
      void this.load();
    } catch (error) {
      toast(this.host, { kind: "error", message: `Could not change the banner: ${errorMessage(error)}` });
    } finally {
      this.clearing = false;
    }
  }
}

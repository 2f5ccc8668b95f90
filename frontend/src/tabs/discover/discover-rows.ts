/**
 * Discover's rows and search results, drawn from what the tab holds: a row's heading and its
 * horizontal scroller (with buttons for mice), skeletons and errors, the Jellyfin rows, and the
 * search results grid with "Show more".
 */
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage } from "../../data/api";
import { icon, mdiChevronLeft, mdiChevronRight, mdiMagnify } from "../../components/icons";
import { cardSkeleton, mediaCard, type ListToggle } from "../../components/media-card";
import { emptyState, errorState } from "../../components/states";
import { continueCard, libraryCard } from "../../components/watching-cards";
import { DISCOVER_LISTS, LIST_TITLES, type DiscoverList, type HomeRows, type JellyfinEntry, type MediaItem, type MediaPage, type MediaType } from "../../data/types";
import "./pandora-panel-featured";
import type { FeaturedActionDetail } from "./pandora-panel-featured";

/** "movie:693134": one title, for My List and the banner. */
export const titleKey = (item: { media_type: MediaType; tmdb_id: number }) => `${item.media_type}:${item.tmdb_id}`;

export type Load<T> =
  | { status: "loading" }
  | { status: "ready"; value: T }
  | { status: "error"; error: unknown };

/** What Discover's rows show, and what they can do. */
export interface RowsView {
  /** `pandora/info` arrived. */
  loaded: boolean;
  admin: boolean;
  requests: boolean;
  /** A Jellyfin is configured (its rows' skeletons show while home loads). */
  jellyfin: boolean;
  home: Load<HomeRows> | null;
  rows: Partial<Record<DiscoverList, Load<MediaPage>>>;
  clearing: boolean;
  listBusy: (item: MediaItem) => boolean;
  listToggle: (item: MediaItem) => ListToggle | undefined;
  open: (item: MediaItem) => void;
  openEntry: (entry: JellyfinEntry) => void;
  loadHome: () => void;
  loadRow: (list: DiscoverList) => void;
  onFeaturedAction: (event: CustomEvent<FeaturedActionDetail>) => void;
}

export interface SearchState {
  query: string;
  status: "loading" | "ready" | "error";
  items: MediaItem[];
  page: number;
  totalPages: number;
  total: number;
  error?: unknown;
  more?: boolean;
}

/** A row: its heading and its body (`key` names it: `data-list`, and its heading's id `row-<key>`). */
export function section(key: string, title: string, body: TemplateResult, kind = ""): TemplateResult {
  const id = `row-${key}`;
  return html`<section class="row ${kind}" data-list=${key} aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    ${body}
  </section>`;
}

/** A horizontal list of cards (`items`: the `<li>`s), with scroll buttons for mice. */
export function scroller(labelledBy: string, items: unknown): TemplateResult {
  return html`<div class="scroller-wrap">
    <button class="icon-btn scroll-btn prev" tabindex="-1" aria-hidden="true" @click=${(e: Event) => scrollRow(e, -1)}>
      ${icon(mdiChevronLeft)}
    </button>
    <ul class="scroller" aria-labelledby=${labelledBy}>
      ${items}
    </ul>
    <button class="icon-btn scroll-btn next" tabindex="-1" aria-hidden="true" @click=${(e: Event) => scrollRow(e, 1)}>
      ${icon(mdiChevronRight)}
    </button>
  </div>`;
}

export function rowSkeleton(landscape = false): TemplateResult {
  return html`<div class="scroller" aria-busy="true">
    ${[0, 1, 2, 3, 4, 5].map(() => (landscape ? wideSkeleton() : cardSkeleton()))}
  </div>`;
}

function wideSkeleton(): TemplateResult {
  return html`<div class="card" aria-hidden="true">
    <div class="poster thumb skeleton"></div>
    <span class="skeleton line"></span>
    <span class="skeleton line short"></span>
  </div>`;
}

/** A row that could not be loaded: why, in the row, and Try again. */
export function rowError(error: unknown, retry: () => void, what = "Could not load this row"): TemplateResult {
  return html`<div class="row-error" role="alert">
    <span>${what}: ${errorMessage(error)}</span>
    <button class="btn" @click=${retry}>Try again</button>
  </div>`;
}

function scrollRow(event: Event, direction: 1 | -1): void {
  const wrap = (event.currentTarget as HTMLElement).parentElement;
  const scroller = wrap?.querySelector<HTMLElement>(".scroller");
  scroller?.scrollBy({ left: direction * scroller.clientWidth * 0.8, behavior: "smooth" });
}

export function jellyfinRow(
  key: "continue_watching" | "recently_added",
  title: string,
  entries: JellyfinEntry[],
  error: string | undefined,
  empty: string,
  actions: { retry: () => void; open: (entry: JellyfinEntry) => void },
): TemplateResult {
  const landscape = key === "continue_watching";
  let body: TemplateResult;
  if (error) {
    body = rowError(error, actions.retry);
  } else if (!entries?.length) {
    body = html`<p class="muted row-empty">${empty}</p>`;
  } else {
    const card = landscape ? continueCard : libraryCard;
    body = scroller(
      `row-${key}`,
      repeat(
        entries,
        (entry) => `${entry.instance}:${entry.item_id}`,
        (entry) => html`<li>${card(entry, actions.open)}</li>`,
      ),
    );
  }
  return section(key, title, body, landscape ? "landscape" : "");
}

export function searchResults(
  search: SearchState | null,
  actions: {
    run: (page?: number) => void;
    open: (item: MediaItem) => void;
    listToggle: (item: MediaItem) => ListToggle | undefined;
  },
): TemplateResult {
  if (!search || search.status === "loading") {
    return html`<div class="grid" aria-busy="true" aria-label="Searching">
      ${[0, 1, 2, 3, 4, 5, 6, 7].map(cardSkeleton)}
    </div>`;
  }
  if (search.status === "error") {
    return errorState("The search failed", search.error, () => actions.run());
  }
  if (!search.items.length) {
    return html`<p class="visually-hidden" role="status">No results</p>
      ${emptyState(mdiMagnify, `Nothing found for “${search.query}”`, "Check the spelling, or try the original title.")}`;
  }
  return html`
    <p class="results-count" role="status">
      ${search.total} result${search.total === 1 ? "" : "s"} for “${search.query}”
    </p>
    <ul class="grid" aria-label="Search results">
      ${repeat(
        search.items,
        (item) => titleKey(item),
        (item) => html`<li>${mediaCard(item, actions.open, actions.listToggle(item))}</li>`,
      )}
    </ul>
    ${search.error
      ? html`<p class="row-error" role="alert">${errorMessage(search.error)}</p>`
      : nothing}
    ${search.page < search.totalPages
      ? html`<div class="more">
          <button
            class="btn"
            ?disabled=${search.more}
            @click=${() => actions.run(search.page + 1)}
          >
            ${search.more ? "Loading…" : "Show more"}
          </button>
        </div>`
      : nothing}
  `;
}

/** The banner, My List, the Jellyfin rows, then the TMDB lists (skeletons until info is known). */
export function discoverRows(view: RowsView): TemplateResult {
  if (!view.loaded) {
    return html`${[0, 1, 2].map(
      () => html`<section class="row" aria-hidden="true">
        <div class="skeleton heading-skeleton"></div>
        <div class="scroller">${[0, 1, 2, 3, 4, 5].map(cardSkeleton)}</div>
      </section>`,
    )}`;
  }
  return html`${homeRows(view)}${DISCOVER_LISTS.map((list) => listRow(view, list))}`;
}

function listRow(view: RowsView, list: DiscoverList): TemplateResult {
  const row = view.rows[list] ?? { status: "loading" };
  const id = `row-${list}`;
  let body: TemplateResult;
  if (row.status === "loading") {
    body = rowSkeleton();
  } else if (row.status === "error") {
    body = rowError(row.error, () => view.loadRow(list));
  } else if (!row.value.results.length) {
    body = html`<p class="muted row-empty">Nothing here right now.</p>`;
  } else {
    body = scroller(
      id,
      repeat(
        row.value.results,
        (item) => titleKey(item),
        (item) => html`<li>${mediaCard(item, view.open, view.listToggle(item))}</li>`,
      ),
    );
  }
  return section(list, LIST_TITLES[list], body);
}

/** The banner, My List and the Jellyfin rows, in that order. */
function homeRows(view: RowsView): TemplateResult | typeof nothing {
  const state = view.home;
  if (!state) return nothing;
  if (state.status === "loading") {
    const jellyfin = view.jellyfin;
    return html`<div class="featured-skeleton skeleton" aria-hidden="true"></div>
      ${jellyfin
        ? html`${section("continue_watching", "Continue watching", rowSkeleton(true), "landscape")}
          ${section("recently_added", "Recently added", rowSkeleton())}`
        : nothing}`;
  }
  if (state.status === "error") {
    return html`<div class="home-error">${rowError(state.error, () => view.loadHome(), "Could not load your rows")}</div>`;
  }
  const home = state.value;
  const errors = home.errors ?? {};
  const retry = () => view.loadHome();
  return html`
    ${home.featured
      ? html`<pandora-panel-featured
          .item=${home.featured}
          ?admin=${view.admin}
          ?requests=${view.requests}
          ?listBusy=${view.listBusy(home.featured)}
          ?clearing=${view.clearing}
          @featured-action=${view.onFeaturedAction}
        ></pandora-panel-featured>`
      : errors.featured
        ? html`<div class="home-error">${rowError(errors.featured, retry, "Could not load the banner")}</div>`
        : nothing}
    ${home.watchlist.length
      ? section(
          "my_list",
          "My List",
          scroller(
            "row-my_list",
            repeat(
              home.watchlist,
              (item) => titleKey(item),
              (item) => html`<li>${mediaCard(item, view.open, view.listToggle(item))}</li>`,
            ),
          ),
        )
      : nothing}
    ${home.jellyfin
      ? html`${jellyfinRow(
          "continue_watching",
          "Continue watching",
          home.continue_watching,
          errors.continue_watching,
          "Nothing in progress. What you start watching in Jellyfin shows up here.",
          { retry: view.loadHome, open: view.openEntry },
        )}
        ${jellyfinRow(
          "recently_added",
          "Recently added",
          home.recently_added,
          errors.recently_added,
          "Nothing new in your library yet.",
          { retry: view.loadHome, open: view.openEntry },
        )}`
      : nothing}
  `;
}

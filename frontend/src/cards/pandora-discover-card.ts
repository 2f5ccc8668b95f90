/**
 * `pandora-discover-card`: one row of posters from a TMDB list (`pandora/discover`). A poster
 * opens that title in Pandora's Discover tab (`/pandora/discover/<movie|tv>/<id>`).
 *
 *   type: custom:pandora-discover-card
 *   title: Trending           # optional, the list's name by default
 *   list: trending_week       # trending_day, trending_week (default), popular_movies, …
 *   max_items: 10             # 1-20, default 10
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import {
  PandoraCardBase,
  cardStyles,
  configObject,
  optionalChoice,
  optionalCount,
  optionalString,
  otherKeys,
  registerCard,
  type BaseCardConfig,
  type GridOptions,
} from "./card-base";
import { configForm, countSelector, selectSelector, textSelector, type ConfigForm } from "./card-form";
import { define } from "../components/define";
import { mdiMovieOpenOutline } from "../components/icons";
import { cardSkeleton, mediaCard, mediaCardStyles } from "../components/media-card";
import { navigateTo, titlePath } from "../app/navigation";
import { emptyState, errorState } from "../components/states";
import { shared } from "../styles/shared";
import { DISCOVER_LISTS, LIST_TITLES, type DiscoverList, type MediaItem, type MediaPage } from "../data/types";

export const DISCOVER_CARD = "pandora-discover-card";
const MAX_ITEMS = { min: 1, max: 20, fallback: 10 };

export interface DiscoverCardConfig extends BaseCardConfig {
  list: DiscoverList;
  max_items: number;
}

export function checkDiscoverConfig(config: unknown): DiscoverCardConfig {
  const raw = configObject(DISCOVER_CARD, config);
  const title = optionalString(DISCOVER_CARD, raw, "title");
  return {
    ...otherKeys(raw, "title"),
    type: String(raw.type ?? `custom:${DISCOVER_CARD}`),
    ...(title !== undefined ? { title } : {}),
    list: optionalChoice(DISCOVER_CARD, raw, "list", DISCOVER_LISTS, "trending_week"),
    max_items: optionalCount(DISCOVER_CARD, raw, "max_items", MAX_ITEMS),
  };
}

type Load = { status: "loading" } | { status: "ready"; page: MediaPage } | { status: "error"; error: unknown };

export class PandoraDiscoverCard extends PandoraCardBase<DiscoverCardConfig> {
  static override get properties() {
    return {
      _load: { state: true },
    };
  }

  declare _load: Load;
  private requestId = 0;

  constructor() {
    super();
    this._load = { status: "loading" };
  }

  static getStubConfig(): Record<string, unknown> {
    return { list: "trending_week", max_items: 10 };
  }

  static getConfigForm(): ConfigForm {
    return configForm([
      {
        name: "title",
        label: "Title",
        helper: "Shown at the top of the card. Empty: the list's name.",
        selector: textSelector(),
      },
      {
        name: "list",
        label: "List",
        helper: "Which list of movies and shows from TMDB the row shows. Default: Trending this week.",
        selector: selectSelector(DISCOVER_LISTS.map((list) => [list, LIST_TITLES[list]] as const)),
        default: "trending_week",
      },
      {
        name: "max_items",
        label: "Number of posters",
        helper: `${MAX_ITEMS.min} to ${MAX_ITEMS.max} (default ${MAX_ITEMS.fallback}); a poster opens its title in Pandora.`,
        selector: countSelector(MAX_ITEMS),
        default: MAX_ITEMS.fallback,
      },
    ]);
  }

  protected checkConfig(config: unknown): DiscoverCardConfig {
    return checkDiscoverConfig(config);
  }

  protected override connected(): void {
    void this.load();
  }

  protected override configured(previous: DiscoverCardConfig | undefined): void {
    if (previous?.list !== this._config?.list) void this.load();
  }

  getCardSize(): number {
    return 5;
  }

  getGridOptions(): GridOptions {
    return { columns: 12, rows: "auto", min_columns: 6, min_rows: 4 };
  }

  private async load(): Promise<void> {
    const list = this._config?.list;
    if (!list || !this.api.hass) return;
    const id = ++this.requestId;
    this._load = { status: "loading" };
    try {
      const page = await this.api.discover(list);
      if (id === this.requestId) this._load = { status: "ready", page };
    } catch (error) {
      if (id === this.requestId) this._load = { status: "error", error };
    }
  }

  private open = (item: MediaItem): void => {
    navigateTo(titlePath(item));
  };

  protected override render() {
    const config = this._config;
    if (!config) return nothing;
    return this.frame(config.title ?? LIST_TITLES[config.list], this.renderBody(config), {
      link: "discover",
      linkLabel: "Open Discover in Pandora",
    });
  }

  private renderBody(config: DiscoverCardConfig): TemplateResult {
    const load = this._load;
    if (load.status === "error") {
      return errorState("Could not load this list", load.error, () => {
        this.api.clearCache();
        void this.load();
      });
    }
    if (load.status === "loading") {
      return html`<div class="posters" aria-busy="true" aria-label="Loading">
        ${[0, 1, 2, 3, 4].map(cardSkeleton)}
      </div>`;
    }
    const items = load.page.results.slice(0, config.max_items);
    if (!items.length) {
      return emptyState(mdiMovieOpenOutline, "Nothing here right now", "This list is empty at the moment.");
    }
    return html`<ul class="posters" aria-label=${config.title ?? LIST_TITLES[config.list]}>
      ${repeat(
        items,
        (item) => `${item.media_type}:${item.tmdb_id}`,
        (item) => html`<li>${mediaCard(item, this.open)}</li>`,
      )}
    </ul>`;
  }

  static override styles = [
    ...shared,
    cardStyles,
    mediaCardStyles,
    css`
      .card-body {
        padding: 4px 0 12px;
      }
      .posters {
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: var(--pb-card-width, 110px);
        gap: 10px;
        overflow-x: auto;
        overscroll-behavior-x: contain;
        scroll-snap-type: x proximity;
        scroll-padding: 0 16px;
        list-style: none;
        margin: 0;
        padding: 4px 16px 6px;
        scrollbar-width: thin;
      }
      .posters > * {
        scroll-snap-align: start;
      }
      .state {
        padding: 16px;
      }
    `,
  ];
}

define(DISCOVER_CARD, PandoraDiscoverCard);
registerCard({
  type: DISCOVER_CARD,
  name: "Pandora discover",
  description: "A row of trending or popular movies and shows; a poster opens it in Pandora.",
});

declare global {
  interface HTMLElementTagNameMap {
    "pandora-discover-card": PandoraDiscoverCard;
  }
}

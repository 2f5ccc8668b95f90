/**
 * `pandora-downloads-card`: the live torrent list (`pandora/torrents/subscribe`) on a dashboard —
 * progress, speeds and ETA, filtered and capped.
 *
 *   type: custom:pandora-downloads-card
 *   title: Downloads          # optional
 *   filter: downloading       # all (default), downloading, seeding, paused, completed, errored
 *   max_items: 5              # 1-50, default 5
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { torrentKey, type TorrentState } from "../data/api";
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
import { formatSpeed } from "../data/format";
import { icon, mdiAlertCircleOutline, mdiArrowDown, mdiArrowUp, mdiTrayArrowDown } from "../components/icons";
import { LiveFeed } from "../components/live";
import { emptyState, errorState } from "../components/states";
import { shared } from "../styles/shared";
import { TorrentList } from "../data/torrent-list";
import { torrentRow, torrentRowStyles, torrentSkeleton } from "../components/torrent-row";
import { FILTERS, type Filter } from "../data/torrents";

export const DOWNLOADS_CARD = "pandora-downloads-card";
const FILTER_IDS = FILTERS.map(([id]) => id);
const MAX_ITEMS = { min: 1, max: 50, fallback: 5 };

function filterLabel(filter: Filter): string {
  return (FILTERS.find(([id]) => id === filter)?.[1] ?? filter).toLowerCase();
}

export interface DownloadsCardConfig extends BaseCardConfig {
  filter: Filter;
  max_items: number;
}

export function checkDownloadsConfig(config: unknown): DownloadsCardConfig {
  const raw = configObject(DOWNLOADS_CARD, config);
  const title = optionalString(DOWNLOADS_CARD, raw, "title");
  return {
    ...otherKeys(raw, "title"),
    type: String(raw.type ?? `custom:${DOWNLOADS_CARD}`),
    ...(title !== undefined ? { title } : {}),
    filter: optionalChoice(DOWNLOADS_CARD, raw, "filter", FILTER_IDS, "all"),
    max_items: optionalCount(DOWNLOADS_CARD, raw, "max_items", MAX_ITEMS),
  };
}

export class PandoraDownloadsCard extends PandoraCardBase<DownloadsCardConfig> {
  static getStubConfig(): Record<string, unknown> {
    return { title: "Downloads", filter: "all", max_items: 5 };
  }

  static getConfigForm(): ConfigForm {
    return configForm([
      {
        name: "title",
        label: "Title",
        helper: "Shown at the top of the card. Empty: “Downloads”, or “Downloads: seeding” when filtered.",
        selector: textSelector(),
      },
      {
        name: "filter",
        label: "Torrents to show",
        helper: "Only the torrents in this state, from every qBittorrent. Default: all of them.",
        selector: selectSelector(FILTERS),
        default: "all",
      },
      {
        name: "max_items",
        label: "Number of torrents",
        helper: `The newest first, ${MAX_ITEMS.min} to ${MAX_ITEMS.max} (default ${MAX_ITEMS.fallback}); the card says how many more there are.`,
        selector: countSelector(MAX_ITEMS),
        default: MAX_ITEMS.fallback,
      },
    ]);
  }

  /** The card's filter, newest first, kept up to date per event (not re-sorted per tick). */
  private readonly list = new TorrentList();

  readonly feed = new LiveFeed<TorrentState>(this, {
    api: () => this.api,
    enabled: () => Boolean(this._config),
    open: (api, onValue, onError) =>
      api.subscribeTorrents((state, diffs) => {
        if (diffs === null) this.list.reset(state.torrents.values());
        else this.list.apply(diffs);
        onValue(state);
      }, onError),
  });

  protected override configured(): void {
    if (this._config) this.list.choose({ filter: this._config.filter });
  }

  protected checkConfig(config: unknown): DownloadsCardConfig {
    return checkDownloadsConfig(config);
  }

  getCardSize(): number {
    return 1 + 2 * Math.min(this._config?.max_items ?? MAX_ITEMS.fallback, 10);
  }

  getGridOptions(): GridOptions {
    return { columns: 12, rows: "auto", min_columns: 6, min_rows: 2 };
  }

  protected override render() {
    const config = this._config;
    if (!config) return nothing;
    const title = config.title ?? (config.filter === "all" ? "Downloads" : `Downloads: ${filterLabel(config.filter)}`);
    return this.frame(title, this.renderBody(config), { link: "downloads", linkLabel: "Open Downloads in Pandora" });
  }

  private renderBody(config: DownloadsCardConfig): TemplateResult {
    if (this.feed.error) {
      return errorState("Could not load the torrents", this.feed.error, () => this.feed.retry());
    }
    const state = this.feed.value;
    if (!state) {
      return html`<ul class="torrents" aria-busy="true" aria-label="Loading torrents">
        ${[0, 1].map(torrentSkeleton)}
      </ul>`;
    }
    const list = this.list;
    const matching = list.shown;
    const shown = matching.slice(0, config.max_items);
    const language = this.api.language;
    const showInstance = list.instances > 1;
    return html`
      ${state.unavailable.length
        ? html`<p class="banner" role="status">
            ${icon(mdiAlertCircleOutline)}<span
              >${state.unavailable.length === 1 ? "A qBittorrent is" : "Some qBittorrents are"} not answering.</span
            >
          </p>`
        : nothing}
      <p class="summary">
        <span>${matching.length} torrent${matching.length === 1 ? "" : "s"}</span>
        <span class="speed"
          >${icon(mdiArrowDown)}<span class="visually-hidden">Total download speed</span>${formatSpeed(list.down, language)}</span
        >
        <span class="speed"
          >${icon(mdiArrowUp)}<span class="visually-hidden">Total upload speed</span>${formatSpeed(list.up, language)}</span
        >
      </p>
      ${shown.length
        ? html`<ul class="torrents" aria-label="Torrents">
            ${repeat(
              shown,
              (t) => torrentKey(t),
              (t) =>
                torrentRow(t, {
                  admin: false,
                  showInstance,
                  busy: false,
                  language,
                  onPause: () => undefined,
                  onResume: () => undefined,
                  onRemove: () => undefined,
                }),
            )}
          </ul>`
        : emptyState(
            mdiTrayArrowDown,
            list.total ? "Nothing matches" : "No torrents",
            list.total ? `No torrent is ${filterLabel(config.filter)} right now.` : "Nothing is downloading right now.",
          )}
      ${matching.length > shown.length
        ? html`<p class="more muted">and ${matching.length - shown.length} more</p>`
        : nothing}
    `;
  }

  static override styles = [
    ...shared,
    cardStyles,
    torrentRowStyles,
    css`
      .torrents {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .torrent {
        padding: 10px 12px;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 14px;
        margin-bottom: 8px;
        font-size: 0.85rem;
        color: var(--_text-2);
      }
      .summary .speed {
        color: var(--_text);
      }
      .summary .icon {
        width: 16px;
        height: 16px;
      }
      .banner {
        margin-bottom: 8px;
      }
      .muted {
        color: var(--_text-2);
        font-size: 0.85rem;
      }
    `,
  ];
}

define(DOWNLOADS_CARD, PandoraDownloadsCard);
registerCard({
  type: DOWNLOADS_CARD,
  name: "Pandora downloads",
  description: "Your torrents live: progress, speed and time left.",
});

declare global {
  interface HTMLElementTagNameMap {
    "pandora-downloads-card": PandoraDownloadsCard;
  }
}

/** One torrent in the Downloads list: state chip, name, progress bar, speeds, ETA, actions. */
import { css, html, nothing, type TemplateResult } from "lit";
import { formatDuration, formatSpeed } from "../data/format";
import { icon, mdiArrowDown, mdiArrowUp, mdiDeleteOutline, mdiPause, mdiPlay } from "./icons";
import { HOLD_LABELS, statusLabel, torrentFacts } from "../data/torrents";
import type { Torrent } from "../data/types";

export interface RowOptions {
  admin: boolean;
  showInstance: boolean;
  busy: boolean;
  language: string;
  onPause: (torrent: Torrent) => void;
  onResume: (torrent: Torrent) => void;
  onRemove: (torrent: Torrent) => void;
}

export function torrentRow(torrent: Torrent, options: RowOptions): TemplateResult {
  const { language } = options;
  const facts = torrentFacts(torrent, language);
  const paused = torrent.status === "paused";
  return html`<li class="torrent status-${torrent.status}" data-hash=${torrent.hash}>
    <div class="torrent-top">
      <span class="status-chip"><span class="dot"></span>${statusLabel(torrent)}</span>
      ${torrent.held
        ? html`<span class="held-chip held-${torrent.held}" title=${HOLD_LABELS[torrent.held].reason}
            >${HOLD_LABELS[torrent.held].label}</span
          >`
        : nothing}
      ${options.showInstance
        ? html`<span class="instance" title="qBittorrent">${torrent.instance_title}</span>`
        : nothing}
      ${options.admin
        ? html`<span class="actions">
            ${paused
              ? html`<button
                  class="icon-btn"
                  aria-label="Resume ${torrent.name}"
                  title="Resume"
                  ?disabled=${options.busy}
                  @click=${() => options.onResume(torrent)}
                >
                  ${icon(mdiPlay)}
                </button>`
              : html`<button
                  class="icon-btn"
                  aria-label="Pause ${torrent.name}"
                  title="Pause"
                  ?disabled=${options.busy}
                  @click=${() => options.onPause(torrent)}
                >
                  ${icon(mdiPause)}
                </button>`}
            <button
              class="icon-btn"
              aria-label="Remove ${torrent.name}"
              title="Remove"
              ?disabled=${options.busy}
              @click=${() => options.onRemove(torrent)}
            >
              ${icon(mdiDeleteOutline)}
            </button>
          </span>`
        : nothing}
    </div>
    <h3 class="name">${torrent.name}</h3>
    <div
      class="bar"
      role="progressbar"
      aria-label="Progress of ${torrent.name}"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${facts.valueNow}
      aria-valuetext=${facts.percentText}
    >
      <div class="fill" style="width: ${facts.percent}%"></div>
    </div>
    <p class="details">
      <span class="percent">${facts.percentText}</span>
      <span>${facts.sizeText}</span>
      ${facts.downloadSpeed
        ? html`<span class="speed"
            >${icon(mdiArrowDown)}<span class="visually-hidden">Download speed</span
            >${formatSpeed(torrent.download_speed, language)}</span
          >`
        : nothing}
      ${facts.uploadSpeed
        ? html`<span class="speed"
            >${icon(mdiArrowUp)}<span class="visually-hidden">Upload speed</span
            >${formatSpeed(torrent.upload_speed, language)}</span
          >`
        : nothing}
      ${facts.eta ? html`<span class="eta">ETA ${formatDuration(torrent.eta)}</span>` : nothing}
    </p>
  </li>`;
}

export function torrentSkeleton(): TemplateResult {
  return html`<li class="torrent" aria-hidden="true">
    <div class="skeleton" style="height: 22px; width: 96px"></div>
    <div class="skeleton" style="height: 18px; width: 80%"></div>
    <div class="skeleton" style="height: 8px"></div>
  </li>`;
}

export const torrentRowStyles = css`
  .torrent {
    --_state: var(--_text-2);
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px 14px;
    background: var(--_surface);
    border: 1px solid var(--_divider);
    border-radius: var(--_radius);
  }
  .status-downloading {
    --_state: var(--_primary);
  }
  .status-seeding {
    --_state: var(--_success);
  }
  .status-errored {
    --_state: var(--_error);
  }
  .status-checking,
  .status-queued {
    --_state: var(--_warning);
  }
  .torrent-top {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 28px;
  }
  .status-chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 12px;
    border: 1px solid var(--_state);
    background: color-mix(in srgb, var(--_state) 12%, var(--_surface));
    color: var(--_text);
    font-size: 0.78rem;
    font-weight: 500;
  }
  .status-chip .dot {
    background: var(--_state);
  }
  .held-chip {
    padding: 2px 10px;
    border-radius: 12px;
    border: 1px dashed var(--warning-color, #ff9800);
    color: var(--_text);
    font-size: 0.78rem;
  }
  .held-goal {
    border-color: var(--success-color, #4caf50);
  }
  .instance {
    font-size: 0.78rem;
    color: var(--_text-2);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .actions {
    margin-left: auto;
    display: flex;
    gap: 2px;
    margin-top: -8px;
    margin-bottom: -8px;
  }
  .name {
    font-size: 0.95rem;
    font-weight: 500;
    line-height: 1.35;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .bar {
    height: 8px;
    border-radius: 4px;
    background: var(--_surface-alt);
    overflow: hidden;
  }
  .fill {
    height: 100%;
    border-radius: 4px;
    background: var(--_state);
    transition: width 400ms ease;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 14px;
    font-size: 0.82rem;
    color: var(--_text-2);
  }
  .percent {
    color: var(--_text);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  /*
   * Speeds change with every poll: tabular digits and room for the widest one ("99.9 MB/s"),
   * so what follows them (the upload speed, the Sort control in the header) never moves.
   */
  .speed {
    display: inline-flex;
    align-items: center;
    font-variant-numeric: tabular-nums;
    min-width: calc(18px + 10ch);
  }
  .speed .icon {
    width: 16px;
    height: 16px;
  }
`;

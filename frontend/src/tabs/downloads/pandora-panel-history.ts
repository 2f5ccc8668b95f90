/** `pandora-panel-history`: recent torrent events and file activity from `pandora/history`. */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import type { PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { formatBytes, formatDateTime, formatRelative } from "../../data/format";
import {
  icon,
  mdiAlertCircleOutline,
  mdiCheckCircleOutline,
  mdiFolderMoveOutline,
  mdiHistory,
  mdiMinusCircleOutline,
  mdiPlusCircleOutline,
  mdiRefresh,
} from "../../components/icons";
import { errorState } from "../../components/states";
import { shared } from "../../styles/shared";
import type { FileEvent, HistoryEvent, HistoryResponse } from "../../data/types";

export const HISTORY_LIMIT = 50;

const EVENTS: Record<string, [string, string]> = {
  added: ["Added", mdiPlusCircleOutline],
  completed: ["Completed", mdiCheckCircleOutline],
  removed: ["Removed", mdiMinusCircleOutline],
  errored: ["Error", mdiAlertCircleOutline],
};

const FILE_ACTIONS: Record<string, string> = {
  moved: "Moved",
  filed: "Filed",
  deleted: "Deleted",
  failed: "Filing failed",
  scanned: "Library scanned",
};

function fileSubject(event: FileEvent): string {
  if (typeof event.name === "string" && event.name) return event.name;
  for (const key of ["moved", "paths"]) {
    const value = event[key];
    if (Array.isArray(value) && value.length) return value.map(String).join(", ");
  }
  return "";
}

export class PandoraHistory extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      showInstance: { type: Boolean },
      _data: { state: true },
      _error: { state: true },
      _loading: { state: true },
    };
  }

  declare api: PandoraApi;
  declare showInstance: boolean;
  declare _data: HistoryResponse | null;
  declare _error: unknown;
  declare _loading: boolean;
  private requestId = 0;

  constructor() {
    super();
    this.showInstance = false;
    this._data = null;
    this._error = null;
    this._loading = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("api") && this.api) void this.refresh();
  }

  /** Load the latest history (also after torrents complete or disappear). */
  async refresh(): Promise<void> {
    const id = ++this.requestId;
    this._loading = true;
    try {
      const data = await this.api.history(HISTORY_LIMIT);
      if (id !== this.requestId) return;
      this._data = data;
      this._error = null;
    } catch (error) {
      if (id === this.requestId) this._error = error;
    } finally {
      if (id === this.requestId) this._loading = false;
    }
  }

  protected override render() {
    return html`<section aria-labelledby="history-title">
      <div class="head">
        <h2 id="history-title">${icon(mdiHistory)} History</h2>
        <button
          class="icon-btn"
          aria-label="Refresh history"
          ?disabled=${this._loading}
          @click=${() => void this.refresh()}
        >
          ${icon(mdiRefresh)}
        </button>
      </div>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    if (this._error && !this._data) {
      return errorState("Could not load the history", this._error, () => void this.refresh());
    }
    const data = this._data;
    if (!data) {
      return html`<ul class="events" aria-busy="true" aria-label="Loading history">
        ${[0, 1, 2].map(() => html`<li class="skeleton event-skeleton"></li>`)}
      </ul>`;
    }
    if (!data.events.length && !data.files.length) {
      return html`<p class="muted empty">Nothing has happened yet.</p>`;
    }
    return html`
      ${data.events.length
        ? html`<ul class="events">
            ${data.events.map((event) => this.renderEvent(event))}
          </ul>`
        : nothing}
      ${data.files.length
        ? html`<details>
            <summary>File activity (${data.files.length})</summary>
            <ul class="events">
              ${data.files.map((event) => this.renderFile(event))}
            </ul>
          </details>`
        : nothing}
    `;
  }

  private renderEvent(event: HistoryEvent): TemplateResult {
    const [label, path] = EVENTS[event.event] ?? [event.event, mdiHistory];
    const language = this.api.language;
    return html`<li class="event event-${event.event}">
      <span class="event-icon">${icon(path)}</span>
      <div class="event-body">
        <p class="event-name">${event.name}</p>
        <p class="muted">
          <span class="label">${label}</span>
          · <time datetime=${event.time} title=${formatDateTime(event.time, language)}
            >${formatRelative(event.time, language)}</time
          >
          ${event.size ? html` · ${formatBytes(event.size, language)}` : nothing}
          ${this.showInstance && event.instance ? html` · ${event.instance}` : nothing}
        </p>
      </div>
    </li>`;
  }

  private renderFile(event: FileEvent): TemplateResult {
    const language = this.api.language;
    const subject = fileSubject(event);
    return html`<li class="event event-${event.action}">
      <span class="event-icon">${icon(event.action === "failed" ? mdiAlertCircleOutline : mdiFolderMoveOutline)}</span>
      <div class="event-body">
        <p class="event-name">${subject || (FILE_ACTIONS[event.action] ?? event.action)}</p>
        <p class="muted">
          <span class="label">${FILE_ACTIONS[event.action] ?? event.action}</span>
          · <time datetime=${event.time} title=${formatDateTime(event.time, language)}
            >${formatRelative(event.time, language)}</time
          >
          ${typeof event.destination === "string" ? html` · to ${event.destination}` : nothing}
          ${typeof event.error === "string" ? html` · ${event.error}` : nothing}
        </p>
      </div>
    </li>`;
  }

  static override styles = [
    ...shared,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        margin-bottom: 8px;
      }
      h2 {
        display: flex;
        align-items: center;
        gap: 8px;
        font-size: 1.1rem;
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .events {
        display: flex;
        flex-direction: column;
        border: 1px solid var(--_divider);
        border-radius: var(--_radius);
        background: var(--_surface);
        overflow: hidden;
      }
      .event {
        display: flex;
        gap: 12px;
        align-items: flex-start;
        padding: 10px 14px;
        border-top: 1px solid var(--_divider);
      }
      .event:first-child {
        border-top: none;
      }
      .event-icon {
        color: var(--_text-2);
        padding-top: 2px;
      }
      .event-completed .event-icon {
        color: var(--_success);
      }
      .event-errored .event-icon,
      .event-failed .event-icon {
        color: var(--_error);
      }
      .event-body {
        min-width: 0;
      }
      .event-name {
        font-size: 0.9rem;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--_text-2);
        font-size: 0.8rem;
        margin-top: 2px;
      }
      .label {
        color: var(--_text);
      }
      .empty {
        padding: 12px 0;
      }
      .event-skeleton {
        height: 56px;
        border-radius: 0;
        border-top: 1px solid var(--_divider);
      }
      details {
        margin-top: 12px;
      }
      summary {
        display: flex;
        align-items: center;
        min-height: 44px;
        cursor: pointer;
        font-weight: 500;
        color: var(--_accent-text);
      }
      summary::before {
        content: "▸";
        margin-right: 8px;
        transition: transform 120ms ease;
      }
      details[open] summary::before {
        transform: rotate(90deg);
      }
      summary::-webkit-details-marker {
        display: none;
      }
    `,
  ];
}

define("pandora-panel-history", PandoraHistory);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-history": PandoraHistory;
  }
}

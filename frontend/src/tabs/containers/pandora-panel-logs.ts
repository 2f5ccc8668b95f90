/**
 * `pandora-panel-logs`: the last lines of one container's log (`pandora/containers/logs`), in
 * monospace, stderr marked apart from stdout, with a tail selector and a refresh button.
 * Rendered inside a sheet; loads when it gets its container.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import type { PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { formatDateTime } from "../../data/format";
import { icon, mdiRefresh } from "../../components/icons";
import { errorState } from "../../components/states";
import { forms, shared } from "../../styles/shared";
import type { ContainerLogs, LogLine } from "../../data/types";

export const TAILS = [100, 500, 1000] as const;

function timeOf(line: LogLine, language: string): string {
  if (!line.time) return "";
  const time = Date.parse(line.time);
  if (Number.isNaN(time)) return "";
  try {
    return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(time);
  } catch {
    return line.time;
  }
}

export class PandoraLogs extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      container: { type: String },
      instance: { type: String },
      _tail: { state: true },
      _logs: { state: true },
      _error: { state: true },
      _loading: { state: true },
    };
  }

  declare api: PandoraApi;
  /** The container's name. */
  declare container: string;
  /** The Portainer (subentry id) it runs on. */
  declare instance: string | undefined;
  declare _tail: number;
  declare _logs: ContainerLogs | null;
  declare _error: unknown;
  declare _loading: boolean;
  private requestId = 0;

  constructor() {
    super();
    this.container = "";
    this._tail = TAILS[0];
    this._logs = null;
    this._error = null;
    this._loading = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("container") || changed.has("api")) && this.api && this.container) void this.refresh();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Show the newest lines: scroll to the end after each load.
    if (changed.has("_logs") && this._logs) {
      const box = this.renderRoot.querySelector<HTMLElement>(".log");
      if (box) box.scrollTop = box.scrollHeight;
    }
  }

  async refresh(): Promise<void> {
    const id = ++this.requestId;
    this._loading = true;
    try {
      const logs = await this.api.containerLogs(this.container, this._tail, this.instance);
      if (id !== this.requestId) return;
      this._logs = logs;
      this._error = null;
    } catch (error) {
      if (id === this.requestId) this._error = error;
    } finally {
      if (id === this.requestId) this._loading = false;
    }
  }

  private changeTail(event: Event): void {
    this._tail = Number((event.target as HTMLSelectElement).value);
    void this.refresh();
  }

  protected override render() {
    const stderr = this._logs?.lines.filter((l) => l.stream === "stderr").length ?? 0;
    return html`<div class="viewer">
      <h2>Logs of ${this.container}</h2>
      <div class="tools">
        <label class="field tail">
          <span>Lines</span>
          <select .value=${String(this._tail)} @change=${this.changeTail}>
            ${TAILS.map((n) => html`<option value=${n} ?selected=${n === this._tail}>Last ${n}</option>`)}
          </select>
        </label>
        <button class="btn" ?disabled=${this._loading} @click=${() => void this.refresh()}>
          ${icon(mdiRefresh)} ${this._loading ? "Loading…" : "Refresh"}
        </button>
        ${this._logs
          ? html`<p class="legend muted">
              ${this._logs.lines.length} lines${stderr ? html`, <span class="err-key">${stderr} on stderr</span>` : nothing}
            </p>`
          : nothing}
      </div>
      ${this.renderBody()}
    </div>`;
  }

  private renderBody(): TemplateResult {
    if (this._error) {
      return errorState("Could not load the logs", this._error, () => void this.refresh());
    }
    const logs = this._logs;
    if (!logs) {
      return html`<div class="log skeleton" aria-busy="true" aria-label="Loading the logs"></div>`;
    }
    if (!logs.lines.length) {
      return html`<p class="log empty muted">No log lines.</p>`;
    }
    const language = this.api.language;
    return html`<div
      class="log"
      role="log"
      tabindex="0"
      aria-label="Last ${logs.lines.length} lines of ${logs.container}"
      aria-busy=${this._loading ? "true" : "false"}
    >
      ${logs.lines.map((line) => {
        const time = timeOf(line, language);
        return html`<div class="line ${line.stream}">
          ${time ? html`<time datetime=${line.time ?? ""} title=${formatDateTime(line.time, language)}>${time}</time>` : nothing}
          ${line.stream === "stderr" ? html`<span class="stream">err</span>` : nothing}
          <span class="text">${line.text}</span>
        </div>`;
      })}
    </div>`;
  }

  static override styles = [
    ...shared,
    forms,
    css`
      :host {
        display: block;
      }
      .viewer {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 20px 16px 16px;
      }
      h2 {
        font-size: 1.15rem;
        font-weight: 600;
        padding-right: 48px;
        overflow-wrap: anywhere;
      }
      .tools {
        display: flex;
        align-items: flex-end;
        flex-wrap: wrap;
        gap: 8px 12px;
      }
      .legend {
        font-size: 0.85rem;
        align-self: center;
      }
      .err-key {
        color: var(--_text);
        border-bottom: 2px solid var(--_error);
      }
      .log {
        min-height: 200px;
        max-height: min(60vh, 560px);
        overflow: auto;
        padding: 8px 0;
        border-radius: 8px;
        border: 1px solid var(--_divider);
        background: var(--_surface-alt);
        font-family: var(--ha-font-family-code, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
        font-size: 0.8rem;
        line-height: 1.45;
      }
      .log.empty {
        min-height: 0;
        padding: 16px;
        font-family: inherit;
      }
      .line {
        display: flex;
        gap: 10px;
        padding: 1px 12px 1px 10px;
        border-left: 3px solid transparent;
      }
      .line.stderr {
        border-left-color: var(--_error);
        background: color-mix(in srgb, var(--_error) 9%, transparent);
      }
      .line time {
        flex: none;
        color: var(--_text-2);
      }
      .stream {
        flex: none;
        padding: 0 4px;
        border-radius: 3px;
        border: 1px solid var(--_error);
        color: var(--_text);
        font-size: 0.7rem;
        text-transform: uppercase;
        line-height: 1.5;
        height: fit-content;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        min-width: 0;
      }
    `,
  ];
}

define("pandora-panel-logs", PandoraLogs);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-logs": PandoraLogs;
  }
}

/**
 * `pandora-panel-vpn`: one gluetun — status, public IP, location, a leak warning, and for
 * administrators the country switch (`pandora/vpn/country`), which waits until the new public
 * IP is in that country (up to about a minute): progress meanwhile, the reason if it fails.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { errorMessage, type PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { icon, mdiClose, mdiShieldAlertOutline, mdiShieldLockOutline } from "../../components/icons";
import { progressBar, progressStyles } from "../../components/progress";
import { toast } from "../../components/states";
import { forms, shared, surfaces } from "../../styles/shared";
import type { GluetunState } from "../../data/types";

const STATUSES: Record<string, [string, "ok" | "warn" | "bad"]> = {
  running: ["Connected", "ok"],
  starting: ["Connecting", "warn"],
  stopping: ["Stopping", "warn"],
  stopped: ["Stopped", "bad"],
  crashed: ["Crashed", "bad"],
  completed: ["Stopped", "bad"],
};

export function vpnStatus(vpn: GluetunState, switching = vpn.switching): [string, "ok" | "warn" | "bad"] {
  if (!vpn.available) return ["Not answering", "bad"];
  if (switching) return ["Switching", "warn"];
  if (vpn.leaking) return ["Possible leak", "bad"];
  return STATUSES[vpn.status ?? ""] ?? [vpn.status ?? "Unknown", "warn"];
}

export class PandoraVpn extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      vpn: { attribute: false },
      admin: { type: Boolean },
      _choice: { state: true },
      _pending: { state: true },
      _error: { state: true },
    };
  }

  declare api: PandoraApi;
  declare vpn: GluetunState;
  declare admin: boolean;
  /** The country chosen in the select (not switched yet). */
  declare _choice: string;
  /** The country being switched to, while the request runs. */
  declare _pending: string | null;
  declare _error: { country: string; error: unknown } | null;

  constructor() {
    super();
    this.admin = false;
    this._choice = "";
    this._pending = null;
    this._error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Follow the selected country until the user picks another one.
    const previous = changed.get("vpn") as GluetunState | undefined;
    if (changed.has("vpn") && this.vpn && (!this._choice || this._choice === previous?.selected)) {
      this._choice = this.vpn.selected ?? this.vpn.options[0] ?? "";
    }
  }

  private get switching(): boolean {
    return this._pending !== null || Boolean(this.vpn?.switching);
  }

  async switchCountry(): Promise<void> {
    const country = this._choice;
    if (!country || this.switching) return;
    this._pending = country;
    this._error = null;
    try {
      const result = await this.api.setVpnCountry(country, this.vpn.id);
      const where = result.public_ip
        ? ` Public IP ${result.public_ip}${result.public_ip_country ? ` (${result.public_ip_country})` : ""}.`
        : "";
      toast(this, { kind: "success", message: `${this.vpn.title} now uses ${result.country ?? country}.${where}` });
    } catch (error) {
      this._error = { country, error };
      this._choice = this.vpn.selected ?? this._choice;
    } finally {
      this._pending = null;
    }
  }

  protected override render() {
    const vpn = this.vpn;
    if (!vpn) return nothing;
    const [label, tone] = vpnStatus(vpn, this.switching);
    const headingId = `vpn-${vpn.id}`;
    const location = [vpn.city, vpn.country].filter(Boolean).join(", ");
    const target = this._pending ?? (vpn.switching ? vpn.selected : null);
    return html`<section class="vpn surface tone-${tone}" aria-labelledby=${headingId}>
      <header class="head">
        ${icon(vpn.leaking ? mdiShieldAlertOutline : mdiShieldLockOutline)}
        <h2 id=${headingId}>${vpn.title}</h2>
        <span class="chip status"><span class="dot"></span>${label}</span>
      </header>
      ${vpn.leaking
        ? html`<p class="banner error leak" role="alert">
            ${icon(mdiShieldAlertOutline)}
            <span
              ><strong>Possible leak:</strong> the public IP${vpn.public_ip ? ` ${vpn.public_ip}` : ""} is in
              ${vpn.country ?? "another country"}, not in ${vpn.selected ?? "the selected country"}. Traffic may not be
              going through the VPN.</span
            >
          </p>`
        : nothing}
      <dl class="facts">
        <div>
          <dt>Public IP</dt>
          <dd class="ip">${vpn.public_ip ?? "—"}</dd>
        </div>
        <div>
          <dt>Location</dt>
          <dd>${location || "—"}</dd>
        </div>
        <div>
          <dt>Selected country</dt>
          <dd>${vpn.selected ?? "—"}</dd>
        </div>
      </dl>
      ${this.admin && vpn.options.length ? this.renderSwitch() : nothing}
      ${target
        ? html`<div class="switching" role="status">
            ${progressBar(null, `Switching ${vpn.title} to ${target}`)}
            <p>Switching to ${target}… This can take up to a minute while the VPN reconnects.</p>
          </div>`
        : nothing}
      ${this._error
        ? html`<div class="banner error" role="alert">
            <span class="message"
              >Could not switch to ${this._error.country}: ${errorMessage(this._error.error)}</span
            >
            <button class="icon-btn" aria-label="Dismiss" @click=${() => (this._error = null)}>
              ${icon(mdiClose)}
            </button>
          </div>`
        : nothing}
    </section>`;
  }

  private renderSwitch() {
    const vpn = this.vpn;
    const busy = this.switching;
    return html`<div class="switch-row">
      <label class="field">
        <span>VPN country</span>
        <select
          .value=${this._choice}
          ?disabled=${busy || !vpn.available}
          @change=${(e: Event) => (this._choice = (e.target as HTMLSelectElement).value)}
        >
          ${vpn.options.map((c) => html`<option value=${c} ?selected=${c === this._choice}>${c}</option>`)}
        </select>
      </label>
      <button
        class="btn primary"
        ?disabled=${busy || !vpn.available || !this._choice || this._choice === vpn.selected}
        @click=${() => void this.switchCountry()}
      >
        ${busy ? "Switching…" : "Switch"}
      </button>
    </div>`;
  }

  static override styles = [
    ...shared,
    forms,
    surfaces,
    progressStyles,
    css`
      :host {
        display: block;
      }
      .vpn {
        --_tone: var(--_text-2);
        display: flex;
        flex-direction: column;
        gap: 14px;
        padding: 16px;
      }
      .tone-ok {
        --_tone: var(--_success);
      }
      .tone-warn {
        --_tone: var(--_warning);
      }
      .tone-bad {
        --_tone: var(--_error);
      }
      .head {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .head > .icon {
        color: var(--_accent-text);
      }
      h2 {
        flex: 1;
        min-width: 0;
        font-size: 1.15rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .status .dot {
        color: var(--_tone);
      }
      .facts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: 8px 16px;
        margin: 0;
      }
      dt {
        font-size: 0.8rem;
        color: var(--_text-2);
      }
      dd {
        margin: 2px 0 0;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .ip {
        font-family: var(--ha-font-family-code, ui-monospace, monospace);
      }
      .switch-row {
        display: flex;
        align-items: flex-end;
        flex-wrap: wrap;
        gap: 10px;
      }
      .switch-row select {
        min-width: 200px;
      }
      .switching {
        display: flex;
        flex-direction: column;
        gap: 8px;
        font-size: 0.9rem;
      }
      .banner .message {
        flex: 1;
        align-self: center;
      }
      .banner .icon-btn {
        margin: -8px -8px -8px 0;
      }
    `,
  ];
}

define("pandora-panel-vpn", PandoraVpn);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-vpn": PandoraVpn;
  }
}

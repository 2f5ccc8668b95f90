/**
 * `<pandora-switch label="Show rejected">`: an on/off switch (a checkbox with the switch role)
 * at 44 px, in the theme's colours. Fires `change` (not bubbling) with `checked` updated.
 */
import { LitElement, css, html } from "lit";
import { define } from "./define";
import { shared } from "../styles/shared";

export const SWITCH_TAG = "pandora-switch";

export class PandoraSwitch extends LitElement {
  static override get properties() {
    return {
      label: { type: String },
      name: { type: String },
      checked: { type: Boolean },
      disabled: { type: Boolean },
    };
  }

  declare label: string;
  /** The input's name (for tests and forms reading it). */
  declare name: string;
  declare checked: boolean;
  declare disabled: boolean;

  constructor() {
    super();
    this.label = "";
    this.name = "";
    this.checked = false;
    this.disabled = false;
  }

  private onChange(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new Event("change"));
  }

  protected override render() {
    return html`<label class="switch">
      <input
        type="checkbox"
        role="switch"
        name=${this.name}
        .checked=${this.checked}
        ?disabled=${this.disabled}
        @change=${this.onChange}
      />
      <span>${this.label}</span>
    </label>`;
  }

  static override styles = [
    ...shared,
    css`
      :host {
        display: inline-flex;
      }
      .switch {
        display: inline-flex;
        align-items: center;
        gap: 10px;
        min-height: 44px;
        cursor: pointer;
        font-size: 0.95rem;
      }
      input {
        appearance: none;
        position: relative;
        flex: none;
        width: 40px;
        height: 24px;
        margin: 0;
        border-radius: 12px;
        background: var(--_surface-alt);
        border: 1px solid var(--_text-2);
        cursor: pointer;
        transition: background-color 120ms ease;
      }
      input::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        background: var(--_text-2);
        transition: transform 120ms ease;
      }
      input:checked {
        background: var(--_primary);
        border-color: var(--_primary);
      }
      input:checked::after {
        transform: translateX(16px);
        background: #fff;
      }
    `,
  ];
}

define(SWITCH_TAG, PandoraSwitch);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-switch": PandoraSwitch;
  }
}

/**
 * `<pandora-confirm>`: a confirmation sheet ("Restart this container?"): a title, what is
 * concerned, one sentence on what happens, Cancel and the action. Extra content (a reason field,
 * an error) goes in its default slot, a richer subject (a list) in its `subject` slot.
 *
 * Events (not bubbling): `confirm` for the action, `cancel` for Cancel, Escape or the scrim. The
 * owner decides: it removes the element to close it, and may refuse while `busy`.
 */
import { LitElement, css, html, nothing } from "lit";
import { define } from "./define";
import "./pandora-panel-sheet";
import { shared } from "../styles/shared";

export const CONFIRM_TAG = "pandora-confirm";

export class PandoraConfirm extends LitElement {
  static override get properties() {
    return {
      narrow: { type: Boolean },
      label: { type: String },
      heading: { type: String },
      subject: { type: String },
      body: { type: String },
      confirmLabel: { type: String, attribute: "confirm-label" },
      busyLabel: { type: String, attribute: "busy-label" },
      danger: { type: Boolean },
      busy: { type: Boolean },
      disabled: { type: Boolean },
    };
  }

  declare narrow: boolean;
  /** The dialog's accessible name. */
  declare label: string;
  declare heading: string;
  /** What is concerned (a name), under the title; or content in the `subject` slot (a list). */
  declare subject: string;
  /** One sentence on what happens. */
  declare body: string;
  declare confirmLabel: string;
  /** The action's text while `busy` ("Deleting…"). */
  declare busyLabel: string;
  /** A destructive action (its button in the error colour), else the primary one. */
  declare danger: boolean;
  /** The action runs: both buttons are disabled. */
  declare busy: boolean;
  /** The action cannot run yet (an invalid field). */
  declare disabled: boolean;

  constructor() {
    super();
    this.narrow = false;
    this.label = "";
    this.heading = "";
    this.subject = "";
    this.body = "";
    this.confirmLabel = "";
    this.busyLabel = "";
    this.danger = false;
    this.busy = false;
    this.disabled = false;
  }

  private fire(type: "confirm" | "cancel"): void {
    this.dispatchEvent(new CustomEvent(type));
  }

  protected override render() {
    return html`<pandora-panel-sheet .narrow=${this.narrow} label=${this.label} @close=${() => this.fire("cancel")}>
      <div class="confirm">
        <h2>${this.heading}</h2>
        ${this.subject ? html`<p class="confirm-name">${this.subject}</p>` : nothing}
        <slot name="subject"></slot>
        ${this.body ? html`<p class="confirm-body">${this.body}</p>` : nothing}
        <slot></slot>
        <div class="confirm-actions">
          <button class="btn" ?disabled=${this.busy} @click=${() => this.fire("cancel")}>Cancel</button>
          <button
            class="btn confirm ${this.danger ? "danger" : "primary"}"
            ?disabled=${this.busy || this.disabled}
            @click=${() => this.fire("confirm")}
          >
            ${this.busy && this.busyLabel ? this.busyLabel : this.confirmLabel}
          </button>
        </div>
      </div>
    </pandora-panel-sheet>`;
  }

  static override styles = [
    ...shared,
    css`
      .confirm {
        padding: 24px 20px 20px;
        display: flex;
        flex-direction: column;
        gap: 14px;
      }
      h2 {
        font-size: 1.2rem;
        font-weight: 600;
        padding-right: 44px;
      }
      .confirm-name,
      ::slotted(.confirm-name) {
        overflow-wrap: anywhere;
        font-weight: 500;
      }
      .confirm-body {
        color: var(--_text-2);
        line-height: 1.45;
      }
      .confirm-actions {
        display: flex;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 10px;
      }
    `,
  ];
}

define(CONFIRM_TAG, PandoraConfirm);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-confirm": PandoraConfirm;
  }
}

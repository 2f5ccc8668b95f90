/** A confirmation sheet ("Restart this container?") and its styles. */
import { css, html, nothing, type TemplateResult } from "lit";
import "./pandora-panel-sheet";

export interface ConfirmOptions {
  narrow: boolean;
  /** The dialog's accessible name. */
  label: string;
  title: string;
  /** What is concerned (a name), shown under the title. */
  subject: string;
  /** One sentence on what happens. */
  body?: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function confirmSheet(options: ConfirmOptions): TemplateResult {
  return html`<pandora-panel-sheet .narrow=${options.narrow} label=${options.label} @close=${options.onCancel}>
    <div class="confirm">
      <h2>${options.title}</h2>
      <p class="confirm-name">${options.subject}</p>
      ${options.body ? html`<p class="confirm-body">${options.body}</p>` : nothing}
      <div class="confirm-actions">
        <button class="btn" @click=${options.onCancel}>Cancel</button>
        <button class="btn ${options.danger ? "danger" : "primary"}" @click=${options.onConfirm}>
          ${options.confirmLabel}
        </button>
      </div>
    </div>
  </pandora-panel-sheet>`;
}

export const confirmStyles = css`
  .confirm {
    padding: 24px 20px 20px;
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .confirm h2 {
    font-size: 1.2rem;
    font-weight: 600;
    padding-right: 44px;
  }
  .confirm-name {
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
`;

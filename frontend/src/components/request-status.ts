/** A household request's status chip and its colours (the Requests tab and the details sheet). */
import { css, html, type TemplateResult } from "lit";
import { statusLabel, statusTone } from "../data/requests";
import type { RequestStatus } from "../data/types";

/** The status chip (its text is the status; the dot and border carry the colour). */
export function statusChip(status: RequestStatus): TemplateResult {
  return html`<span class="chip status ${statusTone(status)}" data-status=${status}
    ><span class="dot" aria-hidden="true"></span>${statusLabel(status)}</span
  >`;
}

/** Status chips, in the theme's colours; the text stays in the text colour (contrast). */
export const requestStyles = css`
  /* A .chip (styles/shared.ts) with a tone. */
  .status {
    font-weight: 600;
  }
  .status .dot {
    color: var(--_text-2);
  }
  .status.pending {
    border-color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 16%, var(--_surface));
  }
  .status.pending .dot {
    color: var(--_warning);
  }
  .status.progress {
    border-color: var(--_primary);
    background: var(--_tint);
  }
  .status.progress .dot {
    color: var(--_primary);
  }
  .status.available {
    border-color: var(--_success);
    background: color-mix(in srgb, var(--_success) 14%, var(--_surface));
  }
  .status.available .dot {
    color: var(--_success);
  }
  .status.failed {
    border-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 12%, var(--_surface));
  }
  .status.failed .dot {
    color: var(--_error);
  }
`;

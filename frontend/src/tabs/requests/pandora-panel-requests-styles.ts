/** The Requests tab's styles (pandora-panel-requests): filters, cards, History, deny sheet. */
import { css } from "lit";
import { requestStyles } from "../../components/request-status";
import { filterChips, forms, shared, surfaces } from "../../styles/shared";

export const requestsStyles = [
  ...shared,
  surfaces,
  forms,
  requestStyles,
  filterChips,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 16px 12px 32px;
      max-width: 960px;
      margin: 0 auto;
    }
    .request-skeleton {
      height: 132px;
      margin-bottom: 12px;
    }
    .filters {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      scrollbar-width: none;
      padding: 2px;
    }
    .requests {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .request {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px;
      scroll-margin: 16px;
    }
    /* The request the URL opens (a link, a notification). */
    .request[aria-current="true"] {
      border-color: var(--_primary);
      box-shadow: 0 0 0 1px var(--_primary);
    }
    .poster {
      position: relative;
      flex: none;
      width: 64px;
      aspect-ratio: 2 / 3;
      border-radius: 6px;
      overflow: hidden;
      background: var(--_surface-alt);
      color: var(--_text-2);
      display: grid;
      place-items: center;
    }
    .poster img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .main {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    /* Narrow: the status under the title; wider: beside it. */
    .top {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 4px 8px;
    }
    .title {
      min-width: 0;
      font-size: 1rem;
      font-weight: 600;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .year {
      font-weight: 400;
      color: var(--_text-2);
    }
    .sub,
    .who {
      font-size: 0.85rem;
      line-height: 1.35;
    }
    .release {
      font-size: 0.8rem;
      font-family: var(--ha-font-family-code, ui-monospace, monospace);
      overflow-wrap: anywhere;
    }
    .reason,
    .action-error {
      display: flex;
      align-items: flex-start;
      gap: 6px;
      margin-top: 2px;
      padding: 6px 10px;
      border-radius: 6px;
      border-left: 3px solid var(--_text-2);
      background: var(--_surface-alt);
      font-size: 0.85rem;
      line-height: 1.4;
      overflow-wrap: anywhere;
    }
    .reason-detail {
      display: block;
      margin-top: 2px;
      color: var(--_text-2);
      font-family: var(--ha-font-family-code, ui-monospace, monospace);
      font-size: 0.8rem;
    }
    .reason .icon {
      width: 18px;
      height: 18px;
      color: var(--_text-2);
    }
    .reason.failed,
    .action-error {
      border-left-color: var(--_error);
    }
    .reason.failed .icon {
      color: var(--_error);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 6px;
    }
    .steps-toggle {
      align-self: flex-start;
      margin-left: -12px;
      padding: 0 12px;
      gap: 4px;
      font-size: 0.85rem;
    }
    .steps {
      list-style: none;
      margin: 0;
      padding: 0 0 0 4px;
    }
    .step {
      position: relative;
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 4px 0 8px;
      font-size: 0.85rem;
      line-height: 1.35;
    }
    /* The line between the dots. */
    .step:not(:last-child)::before {
      content: "";
      position: absolute;
      left: 3px;
      top: 14px;
      bottom: -4px;
      width: 2px;
      background: var(--_divider);
    }
    .step .dot {
      margin-top: 5px;
      color: var(--_text-2);
    }
    .step.pending .dot {
      color: var(--_warning);
    }
    .step.progress .dot {
      color: var(--_primary);
    }
    .step.available .dot {
      color: var(--_success);
    }
    .step.failed .dot {
      color: var(--_error);
    }
    .step-main {
      display: flex;
      flex-wrap: wrap;
      gap: 0 6px;
      min-width: 0;
    }
    .step-status {
      font-weight: 600;
    }
    .step-reason {
      flex-basis: 100%;
      color: var(--_text-2);
      overflow-wrap: anywhere;
    }
    .no-match {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      padding: 32px 16px;
      text-align: center;
    }
    textarea {
      min-height: 88px;
      padding: 10px 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      resize: vertical;
    }
    textarea:focus {
      border-color: var(--_primary);
    }
    .field .hint {
      align-self: flex-end;
      font-variant-numeric: tabular-nums;
    }
    @media (min-width: 600px) {
      :host {
        padding: 24px 24px 40px;
      }
      .request {
        padding: 16px;
        gap: 16px;
      }
      .poster {
        width: 80px;
      }
      .top {
        flex-direction: row;
        justify-content: space-between;
      }
    }
  `,
];

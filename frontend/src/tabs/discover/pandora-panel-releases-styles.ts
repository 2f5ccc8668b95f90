/** The torrent search's styles (pandora-panel-releases). */
import { css } from "lit";
import { shared } from "../../styles/shared";

export const releasesStyles = [
  ...shared,
  css`
    :host {
      display: block;
      padding: 20px 16px 24px;
    }
    header {
      padding-right: 48px;
    }
    h2 {
      font-size: 1.3rem;
      font-weight: 600;
    }
    .subtitle {
      color: var(--_text-2);
      margin-top: 2px;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 20px;
      margin: 16px 0 12px;
    }
    .field {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-size: 0.9rem;
    }
    select {
      min-height: 44px;
      padding: 0 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .status {
      color: var(--_text-2);
      font-size: 0.9rem;
      margin: 4px 0 12px;
    }
    .query {
      overflow-wrap: anywhere;
    }
    .results > .banner {
      margin-bottom: 10px;
    }
    .banner {
      margin: 0 0 12px;
    }
    ol,
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .releases {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .release {
      border: 1px solid var(--_divider);
      border-radius: var(--_radius);
      padding: 12px 14px;
      display: flex;
      flex-direction: column;
      gap: 10px;
      background: var(--_surface);
    }
    .release.rejected {
      border-style: dashed;
      background: var(--_background);
    }
    .release-head {
      display: flex;
      gap: 10px;
      align-items: flex-start;
    }
    .rank {
      flex: none;
      display: grid;
      place-items: center;
      width: 28px;
      height: 28px;
      border-radius: 50%;
      background: var(--_tint-strong);
      font-weight: 600;
      font-size: 0.85rem;
    }
    .release-title {
      min-width: 0;
    }
    h3 {
      font-size: 0.95rem;
      font-weight: 500;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--_text-2);
      font-size: 0.8rem;
      margin-top: 2px;
    }
    .rejected-chip {
      border-color: var(--_error);
      background: color-mix(in srgb, var(--_error) 14%, var(--_surface));
      font-weight: 600;
    }
    .stats {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 18px;
      margin: 0;
      font-size: 0.85rem;
    }
    .stats div {
      display: flex;
      gap: 6px;
      align-items: center;
    }
    dt {
      color: var(--_text-2);
    }
    dd {
      margin: 0;
      display: inline-flex;
      align-items: center;
      font-weight: 500;
    }
    dd .icon {
      width: 16px;
      height: 16px;
    }
    .reasons {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      font-size: 0.8rem;
      color: var(--_text-2);
    }
    .reasons li::before {
      content: "•";
      margin-right: 6px;
    }
    .rejected .reasons {
      color: var(--_text);
    }
    .release-actions {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 8px 12px;
    }
    .add-error {
      flex: 1 1 200px;
      font-size: 0.85rem;
      color: var(--_text);
      border-left: 3px solid var(--_error);
      padding-left: 8px;
    }
    .added {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-height: 44px;
      font-weight: 500;
    }
    .added .icon {
      color: var(--_success);
    }
    .none-found .state {
      padding: 24px 8px 16px;
    }
    .problems {
      display: flex;
      flex-direction: column;
      gap: 8px;
      width: 100%;
    }
    .retry,
    .ask {
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 520px;
      margin: 0 auto 16px;
      font-size: 0.9rem;
    }
    .retry label {
      color: var(--_text-2);
      font-weight: 500;
    }
    .retry-row {
      display: flex;
      gap: 8px;
    }
    .retry-row input {
      flex: 1;
      min-width: 0;
      min-height: 44px;
      padding: 0 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .retry-row input:focus {
      border-color: var(--_primary);
    }
    .suggestions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .suggestion {
      font-weight: 400;
    }
    .ask {
      border-top: 1px solid var(--_divider);
      padding-top: 16px;
      color: var(--_text-2);
    }
    .ask .btn {
      align-self: flex-start;
    }
    .release-skeleton {
      height: 132px;
      border-radius: var(--_radius);
      margin-bottom: 12px;
    }
    @media (min-width: 600px) {
      :host {
        padding: 24px 28px 28px;
      }
    }
  `,
];

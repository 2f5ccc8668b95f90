/** The details sheet's styles (pandora-panel-details). */
import { css } from "lit";
import { requestStyles } from "../../components/request-status";
import { forms, shared, titleMeta } from "../../styles/shared";

export const detailsStyles = [
  ...shared,
  titleMeta,
  forms,
  requestStyles,
  css`
    :host {
      display: block;
      padding-bottom: 24px;
    }
    .request-status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 12px;
      padding: 8px 4px 8px 14px;
      border-radius: var(--_radius);
      border: 1px solid var(--_divider);
      background: var(--_surface-alt);
    }
    .request-status:focus {
      outline: none;
    }
    .request-status:focus-visible {
      outline: 2px solid var(--_focus);
    }
    .requested {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 4px 0;
    }
    .requested li {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 6px;
      font-size: 0.9rem;
      font-weight: 500;
    }
    .picker {
      display: flex;
      flex-direction: column;
      margin: 0;
      padding: 8px 14px 12px;
      border-radius: var(--_radius);
      border: 1px solid var(--_divider);
    }
    .picker legend {
      padding: 0 6px;
      font-weight: 600;
    }
    .picker-actions {
      display: flex;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
    .request-error {
      padding: 8px 12px;
      border-radius: 6px;
      border-left: 3px solid var(--_error);
      background: var(--_surface-alt);
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    .hero {
      position: relative;
      aspect-ratio: 16 / 9;
      max-height: 42vh;
      width: 100%;
      background: var(--_surface-alt);
      overflow: hidden;
    }
    .hero.no-backdrop {
      aspect-ratio: auto;
      height: 72px;
    }
    .hero::after {
      content: "";
      position: absolute;
      inset: 0;
      background: linear-gradient(to bottom, transparent 45%, var(--_surface));
    }
    .backdrop {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .head {
      position: relative;
      display: flex;
      align-items: flex-start;
      gap: 16px;
      padding: 0 20px;
    }
    .head .poster {
      margin-top: -56px;
    }
    .poster {
      width: 96px;
      aspect-ratio: 2 / 3;
      object-fit: cover;
      border-radius: 8px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.35);
      flex: none;
      background: var(--_surface-alt);
    }
    .titles {
      min-width: 0;
      padding-top: 12px;
    }
    h2 {
      font-size: 1.4rem;
      line-height: 1.2;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .meta {
      margin-top: 6px;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      color: var(--_text-2);
      font-size: 0.9rem;
    }
    .my-list[aria-pressed="true"] {
      border-color: var(--_primary);
    }
    .tagline {
      margin-top: 6px;
      font-style: italic;
      color: var(--_text-2);
    }
    .content {
      padding: 16px 20px 0;
      display: flex;
      flex-direction: column;
      gap: 18px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .overview {
      line-height: 1.55;
    }
    h3 {
      font-size: 1.05rem;
      font-weight: 600;
      margin-bottom: 10px;
    }
    h4 {
      margin: 10px 0 6px;
      font-size: 0.85rem;
      font-weight: 500;
      color: var(--_text-2);
    }
    .muted {
      color: var(--_text-2);
    }
    .note {
      margin-top: 8px;
      font-size: 0.85rem;
    }
    .provider {
      min-height: 44px;
      padding: 2px 14px;
      font-size: 0.875rem;
      text-decoration: none;
      color: var(--_text);
    }
    a.provider:hover {
      border-color: var(--_primary);
    }
    .provider .icon {
      width: 14px;
      height: 14px;
      color: var(--_text-2);
    }
    .format {
      color: var(--_text-2);
      font-size: 0.75rem;
    }
    .people {
      display: flex;
      gap: 14px;
      overflow-x: auto;
      padding-bottom: 6px;
      scroll-snap-type: x proximity;
    }
    .person {
      flex: none;
      width: 84px;
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: 4px;
      scroll-snap-align: start;
    }
    .photo {
      position: relative;
      width: 72px;
      height: 72px;
      border-radius: 50%;
      overflow: hidden;
      background: var(--_surface-alt);
      display: grid;
      place-items: center;
      color: var(--_text-2);
      font-weight: 600;
    }
    .photo img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .name {
      font-size: 0.8rem;
      font-weight: 500;
      line-height: 1.2;
    }
    .role {
      font-size: 0.75rem;
      color: var(--_text-2);
      line-height: 1.2;
    }
    .seasons li {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 8px 0;
      border-bottom: 1px solid var(--_divider);
      font-size: 0.9rem;
    }
    .loading {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    @media (min-width: 600px) {
      .poster {
        width: 132px;
      }
      .head {
        padding: 0 28px;
      }
      .head .poster {
        margin-top: -96px;
      }
      .content {
        padding: 20px 28px 0;
      }
      h2 {
        font-size: 1.75rem;
      }
    }
  `,
];

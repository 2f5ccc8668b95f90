/**
 * Shared CSS. Colours come from Home Assistant's theme variables (light and dark themes work
 * as they are); each can be overridden with a `--pb-*` variable set on `pandora-panel` or any
 * ancestor (for example in a theme): --pb-primary, --pb-rgb-primary, --pb-text,
 * --pb-text-secondary, --pb-surface, --pb-background, --pb-surface-alt, --pb-divider,
 * --pb-error, --pb-success, --pb-warning, --pb-info, --pb-radius, --pb-focus-ring,
 * --pb-accent-text, --pb-card-width, --pb-app-bar-background, --pb-app-bar-text.
 *
 * Contrast: text is only ever set in the theme's text colours on surfaces or on light tints of
 * the primary colour; "accent" text mixes the primary colour with the text colour, which stays
 * readable (AA) on both light and dark backgrounds.
 */
import { css } from "lit";

export const tokens = css`
  :host {
    --_primary: var(--pb-primary, var(--primary-color, #03a9f4));
    --_rgb-primary: var(--pb-rgb-primary, var(--rgb-primary-color, 3, 169, 244));
    --_text: var(--pb-text, var(--primary-text-color, #212121));
    --_text-2: var(--pb-text-secondary, var(--secondary-text-color, #5e5e5e));
    --_surface: var(--pb-surface, var(--card-background-color, var(--ha-card-background, #fff)));
    --_background: var(--pb-background, var(--primary-background-color, #fafafa));
    --_surface-alt: var(--pb-surface-alt, var(--secondary-background-color, #ececec));
    --_divider: var(--pb-divider, var(--divider-color, rgba(0, 0, 0, 0.12)));
    --_error: var(--pb-error, var(--error-color, #db4437));
    --_success: var(--pb-success, var(--success-color, #43a047));
    --_warning: var(--pb-warning, var(--warning-color, #ffa600));
    --_info: var(--pb-info, var(--info-color, #039be5));
    --_radius: var(--pb-radius, var(--ha-card-border-radius, 12px));
    --_accent-text: var(
      --pb-accent-text,
      color-mix(in srgb, var(--_primary) 60%, var(--_text))
    );
    --_focus: var(--pb-focus-ring, var(--_accent-text));
    --_tint: rgba(var(--_rgb-primary), 0.14);
    --_tint-strong: rgba(var(--_rgb-primary), 0.24);
    --_space: var(--ha-space-4, 16px);
    color: var(--_text);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, Roboto, system-ui, sans-serif));
    -webkit-tap-highlight-color: transparent;
  }
`;

export const base = css`
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .icon {
    width: 24px;
    height: 24px;
    fill: currentColor;
    flex: none;
  }
  .small-icon {
    width: 18px;
    height: 18px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h1,
  h2,
  h3,
  p {
    margin: 0;
  }
  a {
    color: var(--_accent-text);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Buttons: 44 px touch targets; text never sits on the raw primary colour. */
  button {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 44px;
    min-width: 44px;
    padding: 0 16px;
    border-radius: 22px;
    border: 1px solid var(--_divider);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.95rem;
    font-weight: 500;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
    transition: background-color 120ms ease, border-color 120ms ease;
  }
  .btn:hover {
    background: var(--_tint);
  }
  .btn.primary {
    background: var(--_tint-strong);
    border-color: var(--_primary);
  }
  .btn.primary:hover {
    background: rgba(var(--_rgb-primary), 0.32);
  }
  .btn.danger {
    border-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 14%, var(--_surface));
  }
  .btn.danger:hover {
    background: color-mix(in srgb, var(--_error) 24%, var(--_surface));
  }
  .btn.text {
    border-color: transparent;
    background: transparent;
    color: var(--_accent-text);
  }
  .btn[disabled] {
    cursor: default;
    opacity: 0.6;
  }
  .icon-btn {
    display: inline-grid;
    place-items: center;
    width: 44px;
    height: 44px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
    flex: none;
  }
  .icon-btn:hover {
    background: var(--_tint);
  }
  .icon-btn[disabled] {
    opacity: 0.45;
    cursor: default;
  }

  /* Chips */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 26px;
    padding: 2px 10px;
    border-radius: 13px;
    border: 1px solid var(--_divider);
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.8rem;
    line-height: 1.2;
    white-space: nowrap;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
    flex: none;
  }

  /* Loading placeholders */
  .skeleton {
    background: var(--_surface-alt);
    border-radius: 8px;
    position: relative;
    overflow: hidden;
  }
  .skeleton::after {
    content: "";
    position: absolute;
    inset: 0;
    transform: translateX(-100%);
    background: linear-gradient(90deg, transparent, rgba(255, 255, 255, 0.22), transparent);
    animation: shimmer 1.4s infinite;
  }
  @keyframes shimmer {
    to {
      transform: translateX(100%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton::after {
      animation: none;
    }
    * {
      transition: none !important;
      animation-duration: 1ms !important;
    }
  }

  /* Empty and error states */
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    gap: 12px;
    padding: 40px 24px;
    max-width: 520px;
    margin: 0 auto;
  }
  .state > .icon {
    width: 56px;
    height: 56px;
    color: var(--_text-2);
  }
  .state.error > .icon {
    color: var(--_error);
  }
  .state h2,
  .state h3 {
    font-size: 1.15rem;
    font-weight: 500;
  }
  .state p {
    color: var(--_text-2);
    line-height: 1.5;
  }
  .state .message {
    color: var(--_text);
    font-family: var(--ha-font-family-code, ui-monospace, monospace);
    font-size: 0.9rem;
    background: var(--_surface-alt);
    border-left: 3px solid var(--_error);
    padding: 8px 12px;
    border-radius: 4px;
    text-align: left;
    overflow-wrap: anywhere;
  }
  .path {
    color: var(--_text);
    font-weight: 500;
  }
  .banner {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 10px 14px;
    border-radius: var(--_radius);
    border: 1px solid var(--_warning);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
    color: var(--_text);
    font-size: 0.9rem;
    line-height: 1.4;
  }
  .banner.error {
    border-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 12%, var(--_surface));
  }
  .banner .icon {
    color: var(--_text);
  }
`;

/** Tokens and the shared base, for every element. */
export const shared = [tokens, base];

/**
 * Form controls: native selects, text inputs and checkboxes at 44 px, in the theme's colours.
 * `.field` stacks a label over its control; `.check` puts it beside (switches: pandora-switch).
 */
export const forms = css`
  select,
  input[type="text"],
  input[type="number"],
  input[type="search"] {
    min-height: 44px;
    padding: 0 12px;
    border-radius: 8px;
    border: 1px solid var(--_divider);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    max-width: 100%;
  }
  input[type="text"]:focus,
  input[type="number"]:focus,
  select:focus {
    border-color: var(--_primary);
  }
  input[aria-invalid="true"] {
    border-color: var(--_error);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 6px;
    font-size: 0.9rem;
  }
  .field > span {
    color: var(--_text-2);
    font-weight: 500;
  }
  .field .hint,
  .field .invalid {
    font-size: 0.8rem;
    color: var(--_text-2);
  }
  .field .invalid {
    color: var(--_text);
    border-left: 3px solid var(--_error);
    padding-left: 8px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 44px;
    cursor: pointer;
  }
  .check input {
    width: 22px;
    height: 22px;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
    cursor: pointer;
  }
`;

/** A bordered surface for one server, one VPN or one group of rows. */
export const surfaces = css`
  .surface {
    background: var(--_surface);
    border: 1px solid var(--_divider);
    border-radius: var(--_radius);
  }
  .muted {
    color: var(--_text-2);
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
`;

/** Filter chips with counts (`.filters` row of `button.filter[aria-pressed]` + `.count`). */
export const filterChips = css`
  .filter {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 44px;
    padding: 0 14px;
    border-radius: 22px;
    border: 1px solid var(--_divider);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875rem;
    cursor: pointer;
    white-space: nowrap;
    flex: none;
  }
  .filter:hover {
    background: var(--_tint);
  }
  .filter[aria-pressed="true"] {
    background: var(--_tint-strong);
    border-color: var(--_primary);
    font-weight: 600;
  }
  .count {
    min-width: 20px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.75rem;
    font-weight: 600;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
`;

/** A title's rating chip and "In your library" mark (the banner and the details sheet). */
export const titleMeta = css`
  .rating {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 1px 8px 1px 4px;
    border-radius: 10px;
    background: rgba(0, 0, 0, 0.78);
    color: #fff;
    font-weight: 600;
    font-size: 0.8rem;
  }
  .rating .icon {
    width: 16px;
    height: 16px;
    color: #ffd54f;
  }
  .in-library .icon {
    width: 16px;
    height: 16px;
    color: var(--_success);
  }
`;

/** The panel's styles (pandora-panel): header, tabs, toasts, the page around the tabs. */
import { css } from "lit";
import { shared } from "../styles/shared";

export const panelStyles = [
  ...shared,
  css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--_background);
      --_bar-bg: var(--pb-app-bar-background, var(--app-header-background-color, var(--_surface)));
      --_bar-text: var(--pb-app-bar-text, var(--app-header-text-color, var(--_text)));
    }
    .app-bar {
      flex: none;
      position: sticky;
      top: 0;
      z-index: 4;
      background: var(--_bar-bg);
      color: var(--_bar-text);
      border-bottom: 1px solid var(--_divider);
      padding-top: var(--safe-area-inset-top, env(safe-area-inset-top, 0px));
    }
    .bar-row {
      display: flex;
      align-items: center;
      gap: 4px;
      min-height: 56px;
      padding: 0 12px 0 4px;
    }
    :host(:not([narrow])) .bar-row {
      padding-left: 16px;
    }
    h1 {
      font-size: 1.25rem;
      font-weight: 400;
      margin-left: 8px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .tabs {
      display: flex;
      padding: 0 8px;
      overflow-x: auto;
      scrollbar-width: none;
    }
    .tab {
      position: relative;
      flex: 1 0 auto;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      min-height: 48px;
      padding: 0 16px;
      border: none;
      background: transparent;
      color: inherit;
      font-size: 0.95rem;
      font-weight: 500;
      cursor: pointer;
    }
    .tab[aria-selected="true"] {
      font-weight: 700;
    }
    .tab[aria-selected="true"]::after {
      content: "";
      position: absolute;
      left: 12px;
      right: 12px;
      bottom: 0;
      height: 3px;
      border-radius: 3px 3px 0 0;
      background: currentColor;
    }
    .tab:hover {
      background: rgba(127, 127, 127, 0.12);
    }
    .tab:focus-visible {
      outline-offset: -4px;
      outline-color: currentColor;
    }
    .app-bar {
      container-type: inline-size;
    }
    @container (max-width: 639px) {
      /* Six tabs in a narrow panel: icon over a short label, like a navigation bar (fits 390 px). */
      .tabs {
        padding: 0 4px;
      }
      .tab {
        flex: 1 0 56px;
        flex-direction: column;
        gap: 2px;
        min-height: 56px;
        padding: 6px 2px;
        font-size: 0.75rem;
      }
      .tab[aria-selected="true"]::after {
        left: 8px;
        right: 8px;
      }
    }
    main {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      overflow-x: hidden;
    }
    .hint {
      text-align: center;
      color: var(--_text-2);
      padding: 0 24px;
    }
    /* Below open sheets (z-index 30, pandora-panel-sheet.ts); hidden anyway while one is open. */
    .toast-region {
      position: fixed;
      left: 0;
      right: 0;
      bottom: calc(16px + env(safe-area-inset-bottom, 0px));
      display: flex;
      justify-content: center;
      pointer-events: none;
      z-index: 20;
      padding: 0 12px;
    }
    .toast {
      pointer-events: auto;
      display: flex;
      align-items: center;
      gap: 4px;
      max-width: 560px;
      width: 100%;
      padding: 4px 4px 4px 16px;
      border-radius: 12px;
      background: #323232;
      color: #f1f1f1;
      box-shadow: 0 6px 20px rgba(0, 0, 0, 0.35);
      border-left: 4px solid var(--_info);
      animation: toast-in 180ms ease-out;
    }
    .toast.success {
      border-left-color: var(--_success);
    }
    .toast.error {
      border-left-color: var(--_error);
    }
    .toast-message {
      flex: 1;
      min-width: 0;
      padding: 8px 0;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .toast .btn.text {
      color: #9cdcff;
    }
    .toast .btn.text:hover,
    .toast .icon-btn:hover {
      background: rgba(255, 255, 255, 0.12);
    }
    .toast :focus-visible {
      outline-color: #fff;
    }
    @keyframes toast-in {
      from {
        transform: translateY(12px);
        opacity: 0;
      }
    }
    @media (min-width: 720px) {
      :host(:not([narrow])) .app-bar {
        display: flex;
        align-items: stretch;
      }
      :host(:not([narrow])) .tabs {
        margin-left: 24px;
      }
      :host(:not([narrow])) .tab {
        flex: none;
        min-height: 56px;
      }
    }
  `,
];

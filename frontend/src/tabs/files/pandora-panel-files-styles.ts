/** The Files tab's styles (pandora-panel-files): path, listing, selection bar, move sheet. */
import { css } from "lit";
import { fileRowStyles } from "../../components/file-row";
import { forms, shared, surfaces } from "../../styles/shared";

export const filesStyles = [
  ...shared,
  forms,
  surfaces,
  fileRowStyles,
  css`
    :host {
      display: block;
      padding: 12px 12px 96px;
      max-width: 960px;
      margin: 0 auto;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 10px 16px;
      margin-bottom: 8px;
    }
    .share select {
      min-width: 200px;
    }
    .pins {
      flex-wrap: nowrap;
      overflow-x: auto;
      padding: 2px;
    }
    .pin-btn {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      min-height: 44px;
      padding: 0 16px 0 12px;
      border-radius: 22px;
      border: 1px solid var(--_primary);
      background: var(--_tint);
      color: var(--_text);
      font-size: 0.9rem;
      font-weight: 500;
      cursor: pointer;
      white-space: nowrap;
    }
    .pin-btn:hover,
    .pin-btn[aria-current="true"] {
      background: var(--_tint-strong);
    }
    .pin-btn[aria-current="true"] {
      font-weight: 700;
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 0;
      /* The crumbs follow the bar's width (the panel can be narrow beside the sidebar). */
      container: crumbs / inline-size;
    }
    .crumbs {
      flex: 1;
      min-width: 0;
      overflow-x: auto;
      scrollbar-width: none;
    }
    .crumbs ol {
      display: flex;
      align-items: center;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    /*
     * Who gives way when the path is too long: long names only, each in proportion to its
     * length (flex shrinking is weighted by size), so the longest is cut most, down to one
     * touch target each. The share's root and short names stay whole; a path still too long
     * scrolls, its end in view.
     */
    .crumbs li {
      display: flex;
      align-items: center;
      flex: none;
    }
    .crumbs li.long {
      flex: 0 1 auto;
      min-width: 62px; /* separator (18 px) and a 44 px button */
    }
    .sep {
      display: inline-flex;
      flex: none;
    }
    .sep .icon {
      width: 18px;
      height: 18px;
      color: var(--_text-2);
    }
    .crumb {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
      flex: 0 1 auto;
      min-width: 44px;
      max-width: 100%;
      min-height: 44px;
      padding: 0 8px;
      border: none;
      border-radius: 8px;
      background: none;
      color: var(--_accent-text);
      font-size: 0.95rem;
      cursor: pointer;
      white-space: nowrap;
    }
    .crumb-name {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    button.crumb:hover {
      background: var(--_tint);
    }
    .crumb.current {
      justify-content: flex-start;
      color: var(--_text);
      font-weight: 600;
      cursor: default;
    }
    .crumb .icon {
      width: 20px;
      height: 20px;
    }
    /* Narrow: the share's root is its home icon; its title stays its name and tooltip. */
    li.root:not(.current) .crumb {
      padding: 0;
    }
    li.root:not(.current) .crumb-name {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @container crumbs (min-width: 560px) {
      li.root:not(.current) .crumb {
        padding: 0 8px;
      }
      li.root:not(.current) .crumb-name {
        position: static;
        width: auto;
        height: auto;
        clip-path: none;
      }
    }
    .select-bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 0 12px;
      font-size: 0.9rem;
    }
    .count {
      font-size: 0.85rem;
      margin: 4px 0 8px;
    }
    .select-bar .count {
      margin: 0;
    }
    .files.surface {
      overflow: hidden;
    }
    li.more {
      display: flex;
      justify-content: center;
      padding: 8px;
      list-style: none;
    }
    .actions {
      position: sticky;
      bottom: calc(12px + env(safe-area-inset-bottom, 0px));
      z-index: 2;
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 12px;
      padding: 4px 8px 8px;
      border-radius: var(--_radius);
      border: 1px solid var(--_primary);
      background: var(--_surface);
      box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);
      container: actions / inline-size;
    }
    .actions-head {
      display: flex;
      align-items: center;
      gap: 8px;
      padding-left: 8px;
    }
    .selected-count {
      flex: 1;
      min-width: 0;
      font-weight: 600;
    }
    /* Narrow: equal columns, icon over a label that may wrap. */
    .actions-buttons {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(5rem, 1fr));
      gap: 8px;
    }
    .actions-buttons .btn {
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      min-height: 56px;
      padding: 6px 8px;
      border-radius: var(--_radius);
      font-size: 0.85rem;
      line-height: 1.2;
      white-space: normal;
      text-align: center;
      overflow-wrap: anywhere;
    }
    @container actions (min-width: 560px) {
      .actions-buttons {
        display: flex;
        flex-wrap: wrap;
      }
      .actions-buttons .btn {
        flex-direction: row;
        gap: 8px;
        min-height: 44px;
        padding: 0 16px;
        border-radius: 22px;
        font-size: 0.95rem;
        white-space: nowrap;
      }
    }
    .move {
      display: flex;
      flex-direction: column;
      gap: 16px;
      padding: 24px 20px 20px;
    }
    .move h2 {
      font-size: 1.2rem;
      font-weight: 600;
      padding-right: 44px;
    }
    .move-list {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-height: 160px;
      overflow-y: auto;
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    .move input[type="text"] {
      width: 100%;
    }
    .move-actions {
      display: flex;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 10px;
    }
    @media (min-width: 600px) {
      :host {
        padding: 20px 24px 96px;
      }
    }
  `,
];

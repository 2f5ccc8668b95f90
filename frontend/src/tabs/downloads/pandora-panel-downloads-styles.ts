/** The Downloads tab's styles (pandora-panel-downloads). */
import { css } from "lit";
import { filterChips, forms, shared } from "../../styles/shared";
import { torrentRowStyles } from "../../components/torrent-row";

export const downloadsStyles = [
  ...shared,
  forms,
  torrentRowStyles,
  filterChips,
  css`
    :host {
      display: block;
      padding: 16px 16px 32px;
      max-width: 960px;
      margin: 0 auto;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .banner {
      margin-bottom: 12px;
    }
    .toolbar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin-bottom: 8px;
    }
    .summary {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 4px 14px;
      color: var(--_text-2);
      font-size: 0.9rem;
      font-variant-numeric: tabular-nums;
    }
    .summary .speed {
      color: var(--_text);
    }
    .summary .icon {
      width: 18px;
      height: 18px;
    }
    .sort {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-size: 0.9rem;
      color: var(--_text-2);
    }
    select {
      min-height: 44px;
      padding: 0 10px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .filters {
      flex-wrap: nowrap;
      overflow-x: auto;
      padding: 4px 2px 10px;
      margin: 0 -2px 4px;
      scrollbar-width: none;
    }
    .torrents {
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    /* The virtualizer places each row itself (absolutely): full width, spaced by a margin. */
    .torrents.virtual {
      display: block;
    }
    .torrents.virtual > li {
      width: 100%;
      box-sizing: border-box;
      margin-bottom: 10px;
    }
    .search {
      display: block;
      margin-bottom: 12px;
    }
    .search input {
      width: 100%;
      box-sizing: border-box;
      min-height: 44px;
      padding: 0 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .muted {
      color: var(--_text-2);
    }
    .none {
      padding: 24px 0;
      text-align: center;
    }
    .history {
      margin-top: 28px;
    }
    @media (min-width: 600px) {
      :host {
        padding: 24px 24px 40px;
      }
    }
  `,
];

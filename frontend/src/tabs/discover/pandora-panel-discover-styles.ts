/** Discover's styles (pandora-panel-discover): rows, scrollers, the search field and grid. */
import { css } from "lit";
import { mediaCardStyles } from "../../components/media-card";
import { progressStyles } from "../../components/progress";
import { watchingCardStyles } from "../../components/watching-cards";
import { shared } from "../../styles/shared";

export const discoverStyles = [
  ...shared,
  mediaCardStyles,
  progressStyles,
  watchingCardStyles,
  css`
    :host {
      display: block;
      padding: 12px 0 32px;
      --_card: var(--pb-card-width, 124px);
      --_wide: 240px;
    }
    .landscape {
      --_col: var(--_wide);
    }
    .featured-skeleton {
      margin: 4px 16px 8px;
      aspect-ratio: 4 / 5;
      max-height: 520px;
      border-radius: var(--_radius);
    }
    @media (min-width: 720px) {
      .featured-skeleton {
        aspect-ratio: auto;
        height: clamp(340px, 36vw, 480px);
      }
    }
    .home-error {
      margin: 4px 0 8px;
    }
    .search {
      position: relative;
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 16px 12px;
      padding: 0 4px 0 14px;
      min-height: 48px;
      border-radius: 24px;
      background: var(--_surface);
      border: 1px solid var(--_divider);
      color: var(--_text-2);
    }
    .search:focus-within {
      border-color: var(--_primary);
      box-shadow: 0 0 0 1px var(--_primary);
    }
    input {
      flex: 1;
      min-width: 0;
      min-height: 46px;
      border: none;
      outline: none;
      background: transparent;
      color: var(--_text);
      font: inherit;
      font-size: 1rem;
      padding: 0 6px;
    }
    input::placeholder {
      color: var(--_text-2);
      opacity: 1;
    }
    input::-webkit-search-cancel-button {
      display: none;
    }
    .row {
      margin-top: 8px;
      content-visibility: auto;
      contain-intrinsic-size: auto 300px;
    }
    h2 {
      font-size: 1.1rem;
      font-weight: 600;
      margin: 8px 16px 10px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .scroller-wrap {
      position: relative;
    }
    .scroller {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: var(--_col, var(--_card));
      gap: 12px;
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scroll-snap-type: x proximity;
      scroll-padding: 0 16px;
      padding: 4px 16px 8px;
      scrollbar-width: thin;
    }
    .scroller > * {
      scroll-snap-align: start;
    }
    .scroll-btn {
      display: none;
      position: absolute;
      top: calc(var(--_card) * 0.75 - 22px);
      z-index: 1;
      background: var(--_surface);
      box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
    }
    .landscape .scroll-btn {
      top: calc(var(--_wide) * 0.28 - 22px);
    }
    .scroll-btn:hover {
      background: var(--_surface-alt);
    }
    .prev {
      left: 4px;
    }
    .next {
      right: 4px;
    }
    @media (hover: hover) and (pointer: fine) {
      .scroller-wrap:hover .scroll-btn {
        display: grid;
      }
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--_card), 1fr));
      gap: 16px 12px;
      padding: 4px 16px;
    }
    .results-count {
      margin: 4px 16px 10px;
      color: var(--_text-2);
      font-size: 0.9rem;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 20px;
    }
    .row-error {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin: 0 16px;
      padding: 12px 14px;
      border-radius: var(--_radius);
      border: 1px solid var(--_divider);
      border-left: 4px solid var(--_error);
      background: var(--_surface);
      font-size: 0.9rem;
    }
    .muted {
      color: var(--_text-2);
    }
    .row-empty {
      margin: 0 16px;
    }
    .heading-skeleton {
      height: 20px;
      width: 160px;
      margin: 10px 16px 12px;
    }
    @media (min-width: 600px) {
      :host {
        --_card: var(--pb-card-width, 150px);
        --_wide: 280px;
        padding-top: 16px;
      }
      .featured-skeleton {
        margin: 8px 24px 12px;
      }
      .search {
        max-width: 640px;
        margin: 4px 24px 16px;
      }
      h2 {
        margin: 12px 24px 10px;
      }
      .scroller,
      .grid {
        padding-left: 24px;
        padding-right: 24px;
      }
      .scroller {
        scroll-padding: 0 24px;
      }
      .row-error,
      .row-empty {
        margin: 0 24px;
      }
    }
  `,
];

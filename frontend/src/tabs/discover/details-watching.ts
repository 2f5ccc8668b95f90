/** The details sheet's watching actions (pandora-panel-details holds their state and runs them). */
import { html, nothing, type TemplateResult } from "lit";
import { icon, mdiCastVariant, mdiCheck, mdiPlus, mdiStarShootingOutline } from "../../components/icons";
import { jellyfinLink } from "../../components/watching-cards";

export interface WatchingView {
  /** In the Jellyfin library. */
  inLibrary: boolean;
  /** "Play in Jellyfin" (null unless http(s)). */
  webUrl: string | null;
  /** The "Play on…" list is open. */
  playOpen: boolean;
  /** The backend knows My List. */
  hasWatchlist: boolean;
  inList: boolean;
  listBusy: boolean;
  admin: boolean;
  featuring: boolean;
  /** The banner shows it already. */
  featured: boolean;
  togglePlay: () => void;
  toggleList: () => void;
  feature: () => void;
}

/** Play in Jellyfin, Play on…, My List and (administrators) Feature on Discover. */
export function watchingActions(view: WatchingView): TemplateResult {
  const url = view.webUrl;
  const featured = view.featured;
  return html`${view.inLibrary && url ? jellyfinLink(url) : nothing}
  ${view.inLibrary
    ? html`<button
        class="btn ${url ? "" : "primary"} play-on"
        aria-expanded=${view.playOpen ? "true" : "false"}
        @click=${view.togglePlay}
      >
        ${icon(mdiCastVariant)} Play on…
      </button>`
    : nothing}
  ${view.hasWatchlist
    ? html`<button
        class="btn my-list"
        aria-pressed=${view.inList ? "true" : "false"}
        ?disabled=${view.listBusy}
        @click=${view.toggleList}
      >
        ${icon(view.inList ? mdiCheck : mdiPlus)} My List
      </button>`
    : nothing}
  ${view.admin && view.hasWatchlist
    ? html`<button
        class="btn text feature"
        ?disabled=${view.featuring || featured}
        @click=${view.feature}
      >
        ${icon(featured ? mdiCheck : mdiStarShootingOutline)}
        ${featured ? "Featured on Discover" : view.featuring ? "Featuring…" : "Feature on Discover"}
      </button>`
    : nothing}
`;
}

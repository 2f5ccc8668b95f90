/**
 * The details sheet's household request area: the Request button, the title's open requests
 * with their status, and the season picker of a series. The sheet (pandora-panel-details) holds
 * the state and runs the requests; these templates draw them.
 */
import { html, nothing, type TemplateResult } from "lit";
import { errorMessage } from "../../data/api";
import { icon, mdiPlaylistPlus } from "../../components/icons";
import { seasonLabel } from "../../data/requests";
import { statusChip } from "../../components/request-status";
import { navigate } from "../../components/states";
import type { MediaDetails, MediaItem, MediaRequest } from "../../data/types";

export interface RequestArea {
  /** The element navigation events come from. */
  host: HTMLElement;
  item: MediaItem;
  details: MediaDetails | null;
  admin: boolean;
  /** TV: the season picker is open. */
  picking: boolean;
  whole: boolean;
  seasons: ReadonlySet<number>;
  requesting: boolean;
  error: unknown;
  start(): void;
  setWhole(whole: boolean): void;
  toggleSeason(season: number, checked: boolean): void;
  cancel(): void;
  submit(): void;
}

export function requestButton(area: RequestArea, open: MediaRequest[]): TemplateResult | typeof nothing {
  const tv = area.item.media_type === "tv";
  // A movie, or a whole series, asked for already: its status shows instead.
  if (area.picking || open.some((r) => r.season === null)) return nothing;
  return html`<button
    class="btn ${area.admin ? "" : "primary"} request"
    ?disabled=${area.requesting}
    @click=${() => area.start()}
  >
    ${icon(mdiPlaylistPlus)} ${area.requesting ? "Requesting…" : tv && open.length ? "Request more" : "Request"}
  </button>`;
}

export function requestStatus(area: RequestArea, open: MediaRequest[]): TemplateResult {
  return html`${open.length
      ? html`<div class="request-status" tabindex="-1">
          <ul class="requested">
            ${open.map((request) => {
              const season = seasonLabel(request);
              return html`<li data-request=${request.id}>
                <span>${season ? `${season} · ` : ""}Requested ·</span>
                ${statusChip(request.status)}
              </li>`;
            })}
          </ul>
          <button
            class="btn text view-requests"
            @click=${() =>
              navigate(area.host, { view: { tab: "requests", request: open.length === 1 ? open[0]!.id : undefined } })}
          >
            View in Requests
          </button>
        </div>`
      : nothing}
    ${area.picking ? seasonPicker(area, open) : nothing}
    ${area.error
      ? html`<p class="request-error" role="alert">Could not request it: ${errorMessage(area.error)}</p>`
      : nothing}`;
}

function seasonPicker(area: RequestArea, open: MediaRequest[]): TemplateResult {
  const seasons = (area.details?.seasons ?? []).filter((s) => s.number > 0);
  const requested = new Map(open.map((r) => [r.season, r]));
  const count = area.seasons.size;
  const ready = area.whole || count > 0;
  return html`<fieldset class="picker" ?disabled=${area.requesting}>
    <legend>Which seasons?</legend>
    <label class="check whole">
      <input
        type="checkbox"
        .checked=${area.whole}
        @change=${(e: Event) => area.setWhole((e.target as HTMLInputElement).checked)}
      />
      <span>Whole series <span class="muted">(all seasons, as one request)</span></span>
    </label>
    ${seasons.map((season) => {
      const existing = requested.get(season.number);
      return html`<label class="check">
        <input
          type="checkbox"
          data-season=${season.number}
          ?disabled=${area.whole || Boolean(existing)}
          .checked=${area.whole || Boolean(existing) || area.seasons.has(season.number)}
          @change=${(e: Event) => area.toggleSeason(season.number, (e.target as HTMLInputElement).checked)}
        />
        <span
          >${season.name ?? `Season ${season.number}`}${existing
            ? html` <span class="muted">(requested)</span>`
            : season.episode_count
              ? html` <span class="muted">(${season.episode_count} episodes)</span>`
              : nothing}</span
        >
      </label>`;
    })}
    ${!area.details ? html`<p class="muted">Loading the seasons…</p>` : nothing}
    <div class="picker-actions">
      <button class="btn" type="button" @click=${() => area.cancel()}>Cancel</button>
      <button
        class="btn primary submit-request"
        type="button"
        ?disabled=${!ready || area.requesting}
        @click=${() => area.submit()}
      >
        ${area.requesting
          ? "Requesting…"
          : area.whole
            ? "Request whole series"
            : count > 1
              ? `Request ${count} seasons`
              : "Request"}
      </button>
    </div>
  </fieldset>`;
}

/**
 * The details sheet's read-only sections, from `pandora/media`: where it streams (Watchmode's
 * sources, else TMDB's JustWatch providers), the cast, the seasons, and the loading skeleton.
 */
import { html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { icon, mdiOpenInNew } from "../../components/icons";
import { safeHref } from "../../data/links";
import type { MediaDetails, StreamingSource, WatchProviders } from "../../data/types";

const SOURCE_TYPES: [string, string][] = [
  ["sub", "Stream"],
  ["free", "Free"],
  ["tve", "With a TV provider"],
  ["rent", "Rent"],
  ["buy", "Buy"],
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

export function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

function hasProviders(p: WatchProviders): boolean {
  return Boolean(p.flatrate.length || p.free.length || p.rent.length || p.buy.length);
}

export function loadingSections(): TemplateResult {
  return html`<div class="loading" aria-busy="true" aria-label="Loading details">
    <div class="skeleton" style="height: 20px; width: 40%"></div>
    <div class="skeleton" style="height: 36px; width: 80%"></div>
    <div class="people">
      ${[0, 1, 2, 3, 4].map(
        () => html`<div class="person"><div class="photo skeleton"></div></div>`,
      )}
    </div>
  </div>`;
}

export function streamingSection(details: MediaDetails): TemplateResult {
  const sources = details.availability;
  let body: TemplateResult;
  if (sources?.length) {
    body = sourceGroups(sources);
  } else if (details.watch_providers && hasProviders(details.watch_providers)) {
    body = providerGroups(details.watch_providers);
  } else {
    body = html`<p class="muted">No streaming services are known for your region.</p>`;
  }
  return html`<section class="streaming" aria-labelledby="streams">
    <h3 id="streams">Where it streams</h3>
    ${body}
    ${details.availability_error
      ? html`<p class="muted note">
          Watchmode could not be asked: ${details.availability_error}
        </p>`
      : nothing}
  </section>`;
}

function sourceGroups(sources: StreamingSource[]): TemplateResult {
  const groups = SOURCE_TYPES.map(([type, label]) => {
    const seen = new Map<string, StreamingSource[]>();
    for (const source of sources.filter((s) => s.type === type)) {
      seen.set(source.name, [...(seen.get(source.name) ?? []), source]);
    }
    return { label, services: [...seen.entries()] };
  }).filter((group) => group.services.length);
  return html`${groups.map(
    (group) => html`<div class="group">
      <h4>${group.label}</h4>
      <ul class="chips">
        ${group.services.map(([name, offers]) => {
          const link = offers.find((o) => safeHref(o.web_url))?.web_url;
          const formats = [...new Set(offers.map((o) => o.format).filter(Boolean))].join(", ");
          const label = html`${name}${formats
            ? html`<span class="format">${formats}</span>`
            : nothing}`;
          return html`<li>
            ${link
              ? html`<a class="chip provider" href=${ifDefined(safeHref(link))} target="_blank" rel="noreferrer"
                  >${label}${icon(mdiOpenInNew)}<span class="visually-hidden">
                    (opens in a new tab)</span
                  ></a
                >`
              : html`<span class="chip provider">${label}</span>`}
          </li>`;
        })}
      </ul>
    </div>`,
  )}`;
}

function providerGroups(providers: WatchProviders): TemplateResult {
  const groups: [string, string[]][] = [
    ["Stream", providers.flatrate],
    ["Free", providers.free],
    ["Rent", providers.rent],
    ["Buy", providers.buy],
  ];
  return html`${groups
    .filter(([, names]) => names.length)
    .map(
      ([label, names]) => html`<div class="group">
        <h4>${label}</h4>
        <ul class="chips">
          ${names.map((name) => html`<li class="chip provider">${name}</li>`)}
        </ul>
      </div>`,
    )}
  ${safeHref(providers.link)
    ? html`<p class="muted note">
        In ${providers.region}, from JustWatch via TMDB.
        <a href=${ifDefined(safeHref(providers.link))} target="_blank" rel="noreferrer">All offers</a>
      </p>`
    : nothing}`;
}

export function castSection(details: MediaDetails): TemplateResult | typeof nothing {
  if (!details.cast.length) return nothing;
  return html`<section aria-labelledby="cast">
    <h3 id="cast">Cast</h3>
    <ul class="people">
      ${details.cast.map(
        (person) => html`<li class="person">
          <div class="photo" aria-hidden="true">
            <span>${initials(person.name)}</span>
            ${person.profile_url
              ? html`<img src=${person.profile_url} alt="" loading="lazy" @error=${hideBroken} />`
              : nothing}
          </div>
          <span class="name">${person.name}</span>
          ${person.character ? html`<span class="role">${person.character}</span>` : nothing}
        </li>`,
      )}
    </ul>
  </section>`;
}

export function seasonsSection(details: MediaDetails): TemplateResult | typeof nothing {
  const seasons = details.seasons.filter((s) => s.number > 0);
  if (details.media_type !== "tv" || !seasons.length) return nothing;
  return html`<section aria-labelledby="seasons">
    <h3 id="seasons">Seasons</h3>
    <ul class="seasons">
      ${seasons.map(
        (season) => html`<li>
          <span>${season.name ?? `Season ${season.number}`}</span>
          <span class="muted"
            >${[
              season.year,
              season.episode_count ? `${season.episode_count} episodes` : null,
            ]
              .filter(Boolean)
              .join(" · ")}</span
          >
        </li>`,
      )}
    </ul>
  </section>`;
}

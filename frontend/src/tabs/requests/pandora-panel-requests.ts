/**
 * `pandora-panel-requests`: household requests, live (`pandora/requests/subscribe`). Each request
 * is a card: poster, title, season, status, who asked and when, why it was denied or failed (in
 * words for the requester; administrators also see a failure's technical reason), the release
 * being downloaded and its time line. Administrators filter (Pending, All, Mine) and approve, deny
 * (with an optional reason) or retry; everyone else sees their own requests (the backend only
 * sends those). Whoever asked, and administrators, may withdraw a pending request.
 *
 * In the panel the URL names the open request (`openRequest`, `/requests/<id>`) and the filter
 * (`filter`, `?filter=`; view-url.ts). A request is opened with its History (a history entry, so the
 * browser's back closes it); a link opens it, highlighted and scrolled to, under a filter that shows it.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage, type PandoraApi } from "../../data/api";
import "../../components/pandora-confirm";
import { define } from "../../components/define";
import { formatDateTime, formatRelative } from "../../data/format";
import {
  icon,
  mdiAlertCircleOutline,
  mdiCheck,
  mdiChevronDown,
  mdiChevronUp,
  mdiClose,
  mdiCompassOutline,
  mdiMovieOutline,
  mdiPlaylistPlus,
  mdiRefresh,
  mdiTelevisionClassic,
  mdiUndoVariant,
} from "../../components/icons";
import { LiveFeed } from "../../components/live";
import { actorName, askedBy, mergeRequests, requesterNames, requestSubject, seasonLabel, statusLabel, statusTone } from "../../data/requests";
import { requestStyles, statusChip } from "../../components/request-status";
import "../../components/pandora-panel-sheet";
import { emptyState, errorState, navigate, toast } from "../../components/states";
import { filterChips, forms, shared, surfaces } from "../../styles/shared";
import type { Info, MediaRequest, RequestsSnapshot } from "../../data/types";

export type RequestFilter = "pending" | "all" | "mine";

const FILTERS: [RequestFilter, string][] = [
  ["pending", "Pending"],
  ["all", "All"],
  ["mine", "Mine"],
];

function isFilter(value: unknown): value is RequestFilter {
  return FILTERS.some(([id]) => id === value);
}

function matchesFilter(request: MediaRequest, filter: RequestFilter, me: string | undefined): boolean {
  return filter === "all" || (filter === "pending" ? request.status === "pending" : askedBy(request, me));
}

type Action = "approve" | "deny" | "retry" | "withdraw";

const BUSY_LABELS: Record<Action, string> = {
  approve: "Approving…",
  deny: "Denying…",
  retry: "Retrying…",
  withdraw: "Withdrawing…",
};

/** The longest reason a denial may carry (the backend refuses more). */
export const MAX_REASON = 500;

export class PandoraRequests extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      info: { attribute: false },
      admin: { type: Boolean },
      narrow: { type: Boolean },
      openRequest: { attribute: false },
      filter: { attribute: false },
      _filter: { state: true },
      _busy: { state: true },
      _errors: { state: true },
      _expanded: { state: true },
      _deny: { state: true },
      _reason: { state: true },
      _denyError: { state: true },
    };
  }

  declare api: PandoraApi;
  declare info: Info | null;
  declare admin: boolean;
  declare narrow: boolean;
  /** The request the URL opens. */
  declare openRequest: string | null;
  /** The filter the URL names. */
  declare filter: string | null;
  /** Administrators' filter; null until the first snapshot picks one (Pending when any). */
  declare _filter: RequestFilter | null;
  /** Requests with a command on its way, and which. */
  declare _busy: ReadonlyMap<string, Action>;
  /** The last failed command's message, per request. */
  declare _errors: ReadonlyMap<string, string>;
  /** Requests whose time line is open. */
  declare _expanded: ReadonlySet<string>;
  /** The request the deny sheet is for. */
  declare _deny: MediaRequest | null;
  declare _reason: string;
  declare _denyError: unknown;
  /** The request in the URL whose History is open here. */
  private linked: string | null = null;
  /** `openRequest` changed: follow it once the list is there. */
  private linkChanged = false;
  /** A linked request to scroll to once rendered. */
  private scrollPending: string | null = null;

  readonly feed = new LiveFeed<RequestsSnapshot>(this, {
    api: () => this.api,
    enabled: () => Boolean(this.info?.requests),
    open: (api, onValue, onError) => api.subscribe<RequestsSnapshot>("pandora/requests/subscribe", onValue, onError),
  });

  constructor() {
    super();
    this.info = null;
    this.admin = false;
    this.narrow = false;
    this.openRequest = null;
    this.filter = null;
    this._filter = null;
    this._busy = new Map();
    this._errors = new Map();
    this._expanded = new Set();
    this._deny = null;
    this._reason = "";
    this._denyError = null;
  }

  private get me(): string | undefined {
    return this.api?.hass?.user?.id ?? undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const requests = this.feed.value?.requests;
    if (changed.has("filter") && isFilter(this.filter)) this._filter = this.filter;
    if (this._filter === null && this.admin && requests) {
      this._filter = requests.some((r) => r.status === "pending") ? "pending" : "all";
    }
    if (changed.has("openRequest")) this.linkChanged = true;
    if (requests && this.linkChanged) {
      this.linkChanged = false;
      this.followLink(requests);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const id = this.scrollPending;
    const item = id ? this.renderRoot.querySelector<HTMLElement>(`li.request[data-request="${id}"]`) : null;
    if (!item) return;
    this.scrollPending = null;
    item.scrollIntoView?.({ block: "center" });
  }

  /**
   * Open the request the URL names: its History, under a filter that shows it; close the one it
   * named before. One the list does not have (not yours, or forgotten) is said so and left.
   */
  private followLink(requests: readonly MediaRequest[]): void {
    const wanted = this.openRequest;
    if (wanted === this.linked) return;
    const expanded = new Set(this._expanded);
    if (this.linked) expanded.delete(this.linked);
    this.linked = null;
    const request = wanted ? requests.find((r) => r.id === wanted) : undefined;
    if (wanted && !request) {
      toast(this, { kind: "error", message: "That request is not in your list." });
      navigate(this, { view: { request: undefined }, replace: true });
    } else if (request) {
      this.linked = request.id;
      expanded.add(request.id);
      this.scrollPending = request.id;
      if (this.admin && this._filter && !matchesFilter(request, this._filter, this.me)) {
        this._filter = "all";
        navigate(this, { view: { filter: "all" }, replace: true });
      }
    }
    this._expanded = expanded;
  }

  private chooseFilter(filter: RequestFilter): void {
    this._filter = filter;
    navigate(this, { view: { filter }, replace: true });
  }

  // --- commands -------------------------------------------------------------------------------

  private setBusy(id: string, action: Action | null): void {
    const busy = new Map(this._busy);
    if (action) busy.set(id, action);
    else busy.delete(id);
    this._busy = busy;
  }

  private setError(id: string, message: string | null): void {
    const errors = new Map(this._errors);
    if (message) errors.set(id, message);
    else errors.delete(id);
    this._errors = errors;
  }

  /** Show a command's answer at once (the next snapshot says the same). */
  private applied(request: MediaRequest | undefined): void {
    if (!request || !this.feed.value) return;
    this.feed.value = mergeRequests(this.feed.value, [request]);
    this.requestUpdate();
  }

  private async run(request: MediaRequest, action: "approve" | "retry"): Promise<void> {
    if (this._busy.has(request.id)) return;
    this.setBusy(request.id, action);
    this.setError(request.id, null);
    const subject = requestSubject(request);
    try {
      const result =
        action === "approve" ? await this.api.approveRequest(request.id) : await this.api.retryRequest(request.id);
      this.applied(result?.request);
      toast(this, { kind: "success", message: action === "approve" ? `Approved ${subject}` : `Retrying ${subject}` });
    } catch (error) {
      this.setError(request.id, `Could not ${action === "approve" ? "approve" : "retry"} it: ${errorMessage(error)}`);
    } finally {
      this.setBusy(request.id, null);
    }
  }

  /**
   * Withdraw a pending request. When others asked for it too, the answer is still pending: the
   * user left it, and a household member no longer sees it (the next snapshot says the same).
   */
  private async withdraw(request: MediaRequest): Promise<void> {
    if (this._busy.has(request.id)) return;
    this.setBusy(request.id, "withdraw");
    this.setError(request.id, null);
    try {
      const result = await this.api.withdrawRequest(request.id);
      const left = result?.request && result.request.status !== "withdrawn";
      if (left && !this.admin && this.feed.value) {
        this.feed.value = { requests: this.feed.value.requests.filter((r) => r.id !== request.id) };
        this.requestUpdate();
      } else {
        this.applied(result?.request);
      }
      toast(this, { kind: "success", message: `Withdrew ${requestSubject(request)}` });
    } catch (error) {
      this.setError(request.id, `Could not withdraw it: ${errorMessage(error)}`);
    } finally {
      this.setBusy(request.id, null);
    }
  }

  private openDeny(request: MediaRequest): void {
    this._deny = request;
    this._reason = "";
    this._denyError = null;
  }

  private closeDeny(): void {
    if (this._deny && this._busy.get(this._deny.id) === "deny") return;
    this._deny = null;
    this._denyError = null;
  }

  private async submitDeny(): Promise<void> {
    const request = this._deny;
    if (!request || this._busy.has(request.id) || this._reason.length > MAX_REASON) return;
    this.setBusy(request.id, "deny");
    this.setError(request.id, null);
    this._denyError = null;
    try {
      const result = await this.api.denyRequest(request.id, this._reason);
      this.setBusy(request.id, null);
      this._deny = null;
      this.applied(result?.request);
      toast(this, { kind: "success", message: `Denied ${requestSubject(request)}` });
    } catch (error) {
      this.setBusy(request.id, null);
      this._denyError = error;
    }
  }

  /** Open or close a request's History; opening is a place to go back from (the URL names it). */
  private toggleSteps(id: string): void {
    const expanded = new Set(this._expanded);
    if (expanded.delete(id)) {
      if (id === this.linked) {
        this.linked = null;
        navigate(this, { view: { request: undefined }, back: true });
      }
    } else {
      expanded.add(id);
      this.linked = id;
      navigate(this, { view: { request: id } });
    }
    this._expanded = expanded;
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    if (this.info && !this.info.requests) {
      return emptyState(
        mdiPlaylistPlus,
        "Requests need a newer Pandora",
        html`This Pandora does not take household requests yet. Update the Pandora integration
          (in HACS), then restart Home Assistant.`,
      );
    }
    if (this.feed.error) {
      return errorState("Could not load the requests", this.feed.error, () => this.feed.retry());
    }
    const snapshot = this.feed.value;
    if (!snapshot) {
      return html`<div aria-busy="true" aria-label="Loading the requests">
        ${[0, 1, 2].map(() => html`<div class="surface skeleton request-skeleton"></div>`)}
      </div>`;
    }
    const all = snapshot.requests;
    if (!all.length) {
      return this.admin
        ? emptyState(
            mdiPlaylistPlus,
            "No requests yet",
            "When someone in your household asks for a movie or show, it shows here for you to approve.",
          )
        : emptyState(
            mdiPlaylistPlus,
            "No requests yet",
            "Ask for a movie or show from Discover: open it and tap Request.",
            html`<button class="btn primary" @click=${() => navigate(this, { tab: "discover" })}>
              ${icon(mdiCompassOutline)} Open Discover
            </button>`,
          );
    }
    const filter = this.admin ? (this._filter ?? "all") : "all";
    const me = this.me;
    const matches = (r: MediaRequest, f: RequestFilter) => matchesFilter(r, f, me);
    const shown = all.filter((r) => matches(r, filter));
    return html`
      ${this.admin
        ? html`<div class="filters" role="group" aria-label="Filter requests">
            ${FILTERS.map(
              ([id, label]) => html`<button
                class="filter"
                data-filter=${id}
                aria-pressed=${filter === id ? "true" : "false"}
                @click=${() => this.chooseFilter(id)}
              >
                ${label} <span class="count">${all.filter((r) => matches(r, id)).length}</span>
              </button>`,
            )}
          </div>`
        : nothing}
      ${shown.length
        ? html`<ul class="requests plain" aria-label="Requests">
            ${repeat(
              shown,
              (r) => r.id,
              (r) => this.renderRequest(r),
            )}
          </ul>`
        : this.renderNoMatch(filter)}
      ${this._deny ? this.renderDenySheet(this._deny) : nothing}
    `;
  }

  private renderNoMatch(filter: RequestFilter): TemplateResult {
    const text = filter === "pending" ? "No requests are waiting for approval." : "You have not requested anything.";
    return html`<div class="no-match">
      <p class="muted">${text}</p>
      <button class="btn" @click=${() => this.chooseFilter("all")}>Show all</button>
    </div>`;
  }

  private renderRequest(request: MediaRequest): TemplateResult {
    const language = this.api.language;
    const season = seasonLabel(request);
    const names = requesterNames(request);
    const headingId = `request-${request.id}`;
    const stepsId = `steps-${request.id}`;
    const expanded = this._expanded.has(request.id);
    const error = this._errors.get(request.id);
    const showRelease = request.release && (request.status === "downloading" || request.status === "importing");
    return html`<li
      class="request surface"
      data-request=${request.id}
      data-status=${request.status}
      aria-current=${ifDefined(request.id === this.openRequest ? "true" : undefined)}
    >
      <div class="poster" aria-hidden="true">
        ${icon(request.media_type === "tv" ? mdiTelevisionClassic : mdiMovieOutline)}
        ${request.poster_url
          ? html`<img
              src=${request.poster_url}
              alt=""
              loading="lazy"
              @error=${(e: Event) => ((e.target as HTMLElement).hidden = true)}
            />`
          : nothing}
      </div>
      <div class="main">
        <div class="top">
          <h3 id=${headingId} class="title">
            ${request.title}${request.year ? html` <span class="year">(${request.year})</span>` : nothing}
          </h3>
          ${statusChip(request.status)}
        </div>
        <p class="sub muted">${request.media_type === "tv" ? html`TV · ${season}` : "Movie"}</p>
        <p class="who muted">
          ${names.length ? html`Requested by ${names.join(", ")} · ` : "Requested "}<time
            datetime=${request.created}
            title=${formatDateTime(request.created, language)}
            >${formatRelative(request.created, language)}</time
          >
        </p>
        ${showRelease ? html`<p class="release"><span class="muted">Release</span> ${request.release}</p>` : nothing}
        ${this.renderReason(request)}
        ${this.renderActions(request, headingId)}
        ${error ? html`<p class="action-error" role="alert">${error}</p>` : nothing}
        ${request.transitions.length
          ? html`<button
                class="btn text steps-toggle"
                aria-expanded=${expanded ? "true" : "false"}
                aria-controls=${stepsId}
                @click=${() => this.toggleSteps(request.id)}
              >
                ${icon(expanded ? mdiChevronUp : mdiChevronDown)} History
                <span class="visually-hidden">of ${requestSubject(request)}</span>
                <span class="count">${request.transitions.length}</span>
              </button>
              <ol id=${stepsId} class="steps" ?hidden=${!expanded}>
                ${expanded
                  ? request.transitions.map(
                      (step) => html`<li class="step ${statusTone(step.status)}">
                        <span class="dot" aria-hidden="true"></span>
                        <span class="step-main">
                          <span class="step-status">${statusLabel(step.status)}</span>
                          <span class="muted">
                            by ${actorName(request, step.by, this.me)} ·
                            <time datetime=${step.at} title=${formatDateTime(step.at, language)}
                              >${formatRelative(step.at, language)}</time
                            ></span
                          >
                          ${step.reason ? html`<span class="step-reason">${step.reason}</span>` : nothing}
                        </span>
                      </li>`,
                    )
                  : nothing}
              </ol>`
          : nothing}
      </div>
    </li>`;
  }

  /** Why it was denied or failed: for the requester; administrators also read a failure's cause. */
  private renderReason(request: MediaRequest): TemplateResult | typeof nothing {
    if (request.status !== "denied" && request.status !== "failed") return nothing;
    const text = request.public_reason ?? request.reason;
    if (!text) return nothing;
    const detail = this.admin && request.status === "failed" && request.reason !== text ? request.reason : null;
    return html`<p class="reason ${request.status}">
      ${icon(mdiAlertCircleOutline)}<span
        >${request.status === "denied" ? "Denied" : "Failed"}: ${text}${detail
          ? html`<span class="reason-detail">${detail}</span>`
          : nothing}</span
      >
    </p>`;
  }

  private renderActions(request: MediaRequest, headingId: string): TemplateResult | typeof nothing {
    const busy = this._busy.get(request.id);
    const label = (action: Action, text: string) => (busy === action ? BUSY_LABELS[action] : text);
    const withdraw =
      request.status === "pending" && (this.admin || askedBy(request, this.me))
        ? html`<button class="btn withdraw" ?disabled=${Boolean(busy)} @click=${() => void this.withdraw(request)}>
            ${icon(mdiUndoVariant)} ${label("withdraw", "Withdraw")}
          </button>`
        : nothing;
    if (!this.admin) {
      return withdraw === nothing
        ? nothing
        : html`<div class="actions" role="group" aria-labelledby=${headingId}>${withdraw}</div>`;
    }
    if (request.status === "pending") {
      return html`<div class="actions" role="group" aria-labelledby=${headingId}>
        <button class="btn primary approve" ?disabled=${Boolean(busy)} @click=${() => void this.run(request, "approve")}>
          ${icon(mdiCheck)} ${label("approve", "Approve")}
        </button>
        <button class="btn deny" ?disabled=${Boolean(busy)} @click=${() => this.openDeny(request)}>
          ${icon(mdiClose)} ${label("deny", "Deny")}
        </button>
        ${withdraw}
      </div>`;
    }
    if (request.status === "failed" || request.status === "denied") {
      return html`<div class="actions" role="group" aria-labelledby=${headingId}>
        <button class="btn retry" ?disabled=${Boolean(busy)} @click=${() => void this.run(request, "retry")}>
          ${icon(mdiRefresh)} ${label("retry", "Retry")}
        </button>
      </div>`;
    }
    return nothing;
  }

  private renderDenySheet(request: MediaRequest): TemplateResult {
    const busy = this._busy.get(request.id) === "deny";
    const names = requesterNames(request);
    const tooLong = this._reason.length > MAX_REASON;
    return html`<pandora-confirm
      .narrow=${this.narrow}
      label="Deny the request"
      heading="Deny this request?"
      subject=${requestSubject(request)}
      body="${names.length ? `${names.join(", ")} will` : "The requester will"} see it as denied, with your reason."
      confirm-label="Deny"
      busy-label="Denying…"
      danger
      ?busy=${busy}
      ?disabled=${tooLong}
      @confirm=${() => void this.submitDeny()}
      @cancel=${this.closeDeny}
    >
      <label class="field">
        <span>Reason (optional)</span>
        <textarea
          id="deny-reason"
          rows="3"
          maxlength=${MAX_REASON}
          aria-describedby="deny-count"
          .value=${this._reason}
          ?disabled=${busy}
          @input=${(e: Event) => (this._reason = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <span id="deny-count" class="hint" aria-live="polite">${this._reason.length} / ${MAX_REASON}</span>
      </label>
      ${this._denyError
        ? html`<p class="action-error" role="alert">Could not deny it: ${errorMessage(this._denyError)}</p>`
        : nothing}
    </pandora-confirm>`;
  }

  static override styles = [
    ...shared,
    surfaces,
    forms,
    requestStyles,
    filterChips,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 16px 12px 32px;
        max-width: 960px;
        margin: 0 auto;
      }
      .request-skeleton {
        height: 132px;
        margin-bottom: 12px;
      }
      .filters {
        display: flex;
        gap: 8px;
        overflow-x: auto;
        scrollbar-width: none;
        padding: 2px;
      }
      .requests {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .request {
        display: flex;
        align-items: flex-start;
        gap: 12px;
        padding: 12px;
        scroll-margin: 16px;
      }
      /* The request the URL opens (a link, a notification). */
      .request[aria-current="true"] {
        border-color: var(--_primary);
        box-shadow: 0 0 0 1px var(--_primary);
      }
      .poster {
        position: relative;
        flex: none;
        width: 64px;
        aspect-ratio: 2 / 3;
        border-radius: 6px;
        overflow: hidden;
        background: var(--_surface-alt);
        color: var(--_text-2);
        display: grid;
        place-items: center;
      }
      .poster img {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      /* Narrow: the status under the title; wider: beside it. */
      .top {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 4px 8px;
      }
      .title {
        min-width: 0;
        font-size: 1rem;
        font-weight: 600;
        line-height: 1.3;
        overflow-wrap: anywhere;
      }
      .year {
        font-weight: 400;
        color: var(--_text-2);
      }
      .sub,
      .who {
        font-size: 0.85rem;
        line-height: 1.35;
      }
      .release {
        font-size: 0.8rem;
        font-family: var(--ha-font-family-code, ui-monospace, monospace);
        overflow-wrap: anywhere;
      }
      .reason,
      .action-error {
        display: flex;
        align-items: flex-start;
        gap: 6px;
        margin-top: 2px;
        padding: 6px 10px;
        border-radius: 6px;
        border-left: 3px solid var(--_text-2);
        background: var(--_surface-alt);
        font-size: 0.85rem;
        line-height: 1.4;
        overflow-wrap: anywhere;
      }
      .reason-detail {
        display: block;
        margin-top: 2px;
        color: var(--_text-2);
        font-family: var(--ha-font-family-code, ui-monospace, monospace);
        font-size: 0.8rem;
      }
      .reason .icon {
        width: 18px;
        height: 18px;
        color: var(--_text-2);
      }
      .reason.failed,
      .action-error {
        border-left-color: var(--_error);
      }
      .reason.failed .icon {
        color: var(--_error);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 6px;
      }
      .steps-toggle {
        align-self: flex-start;
        margin-left: -12px;
        padding: 0 12px;
        gap: 4px;
        font-size: 0.85rem;
      }
      .steps {
        list-style: none;
        margin: 0;
        padding: 0 0 0 4px;
      }
      .step {
        position: relative;
        display: flex;
        align-items: flex-start;
        gap: 10px;
        padding: 4px 0 8px;
        font-size: 0.85rem;
        line-height: 1.35;
      }
      /* The line between the dots. */
      .step:not(:last-child)::before {
        content: "";
        position: absolute;
        left: 3px;
        top: 14px;
        bottom: -4px;
        width: 2px;
        background: var(--_divider);
      }
      .step .dot {
        margin-top: 5px;
        color: var(--_text-2);
      }
      .step.pending .dot {
        color: var(--_warning);
      }
      .step.progress .dot {
        color: var(--_primary);
      }
      .step.available .dot {
        color: var(--_success);
      }
      .step.failed .dot {
        color: var(--_error);
      }
      .step-main {
        display: flex;
        flex-wrap: wrap;
        gap: 0 6px;
        min-width: 0;
      }
      .step-status {
        font-weight: 600;
      }
      .step-reason {
        flex-basis: 100%;
        color: var(--_text-2);
        overflow-wrap: anywhere;
      }
      .no-match {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 12px;
        padding: 32px 16px;
        text-align: center;
      }
      textarea {
        min-height: 88px;
        padding: 10px 12px;
        border-radius: 8px;
        border: 1px solid var(--_divider);
        background: var(--_surface);
        color: var(--_text);
        font: inherit;
        resize: vertical;
      }
      textarea:focus {
        border-color: var(--_primary);
      }
      .field .hint {
        align-self: flex-end;
        font-variant-numeric: tabular-nums;
      }
      @media (min-width: 600px) {
        :host {
          padding: 24px 24px 40px;
        }
        .request {
          padding: 16px;
          gap: 16px;
        }
        .poster {
          width: 80px;
        }
        .top {
          flex-direction: row;
          justify-content: space-between;
        }
      }
    `,
  ];
}

define("pandora-panel-requests", PandoraRequests);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-requests": PandoraRequests;
  }
}

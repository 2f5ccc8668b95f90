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
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage } from "../../data/api";
import "../../components/pandora-confirm";
import { define } from "../../components/define";
import {
  icon,
  mdiCompassOutline,
  mdiPlaylistPlus,
} from "../../components/icons";
import { LiveFeed } from "../../components/live";
import { REQUEST_FILTERS, isRequestFilter, matchesRequestFilter, type RequestFilter, mergeRequests, requesterNames, requestSubject } from "../../data/requests";
import "../../components/pandora-panel-sheet";
import { requestCard, type Action, type RequestCardView } from "./request-card";
import { requestsStyles } from "./pandora-panel-requests-styles";
import { emptyState, errorState, navigate, toast } from "../../components/states";
import type { MediaRequest, RequestsSnapshot } from "../../data/types";
import { PandoraTab } from "../pandora-tab";

/** The longest reason a denial may carry (the backend refuses more). */
export const MAX_REASON = 500;

export class PandoraRequests extends PandoraTab {
  static override get properties() {
    return {
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
    if (changed.has("filter") && isRequestFilter(this.filter)) this._filter = this.filter;
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
      if (this.admin && this._filter && !matchesRequestFilter(request, this._filter, this.me)) {
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
    const matches = (r: MediaRequest, f: RequestFilter) => matchesRequestFilter(r, f, me);
    const shown = all.filter((r) => matches(r, filter));
    const view = this.cardView;
    return html`
      ${this.admin
        ? html`<div class="filters" role="group" aria-label="Filter requests">
            ${REQUEST_FILTERS.map(
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
              (r) => requestCard(r, view),
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

  private get cardView(): RequestCardView {
    return {
      language: this.api.language,
      admin: this.admin,
      me: this.me,
      openRequest: this.openRequest,
      busy: this._busy,
      errors: this._errors,
      expanded: this._expanded,
      toggleSteps: (id) => this.toggleSteps(id),
      run: (request, action) => void this.run(request, action),
      withdraw: (request) => void this.withdraw(request),
      openDeny: (request) => this.openDeny(request),
    };
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

  static override styles = requestsStyles;
}

define("pandora-panel-requests", PandoraRequests);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-requests": PandoraRequests;
  }
}

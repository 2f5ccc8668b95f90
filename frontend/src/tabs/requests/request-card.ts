/** One household request in the Requests tab (pandora-panel-requests): its card. */
import { html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { formatDateTime, formatRelative } from "../../data/format";
import {
  icon,
  mdiAlertCircleOutline,
  mdiCheck,
  mdiChevronDown,
  mdiChevronUp,
  mdiClose,
  mdiMovieOutline,
  mdiRefresh,
  mdiTelevisionClassic,
  mdiUndoVariant,
} from "../../components/icons";
import { actorName, askedBy, requesterNames, requestSubject, seasonLabel, statusLabel, statusTone } from "../../data/requests";
import { statusChip } from "../../components/request-status";
import type { MediaRequest } from "../../data/types";

export type Action = "approve" | "deny" | "retry" | "withdraw";

const BUSY_LABELS: Record<Action, string> = {
  approve: "Approving…",
  deny: "Denying…",
  retry: "Retrying…",
  withdraw: "Withdrawing…",
};

/** What a request's card shows and can do (the Requests tab holds the state). */
export interface RequestCardView {
  language: string;
  admin: boolean;
  /** The user's id (their own requests). */
  me: string | undefined;
  openRequest: string | null;
  busy: ReadonlyMap<string, Action>;
  errors: ReadonlyMap<string, string>;
  expanded: ReadonlySet<string>;
  toggleSteps: (id: string) => void;
  run: (request: MediaRequest, action: "approve" | "retry") => void;
  withdraw: (request: MediaRequest) => void;
  openDeny: (request: MediaRequest) => void;
}

/** One request's card: poster, title, status, who asked, why, actions and its History. */
export function requestCard(request: MediaRequest, view: RequestCardView): TemplateResult {
  const language = view.language;
  const season = seasonLabel(request);
  const names = requesterNames(request);
  const headingId = `request-${request.id}`;
  const stepsId = `steps-${request.id}`;
  const expanded = view.expanded.has(request.id);
  const error = view.errors.get(request.id);
  const showRelease = request.release && (request.status === "downloading" || request.status === "importing");
  return html`<li
    class="request surface"
    data-request=${request.id}
    data-status=${request.status}
    aria-current=${ifDefined(request.id === view.openRequest ? "true" : undefined)}
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
      ${reason(request, view.admin)}
      ${actions(request, headingId, view)}
      ${error ? html`<p class="action-error" role="alert">${error}</p>` : nothing}
      ${request.transitions.length
        ? html`<button
              class="btn text steps-toggle"
              aria-expanded=${expanded ? "true" : "false"}
              aria-controls=${stepsId}
              @click=${() => view.toggleSteps(request.id)}
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
                          by ${actorName(request, step.by, view.me)} ·
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

const REASON_LABELS: Partial<Record<MediaRequest["status"], string>> = {
  denied: "Denied",
  failed: "Failed",
  waiting_for_space: "Waiting for disk space",
};

/**
 * Why it was denied, failed or waits: for the requester; administrators also read a failure's
 * cause.
 */
function reason(request: MediaRequest, admin: boolean): TemplateResult | typeof nothing {
  const label = REASON_LABELS[request.status];
  if (!label) return nothing;
  const text = request.public_reason ?? request.reason;
  if (!text) return nothing;
  const detail = admin && request.status === "failed" && request.reason !== text ? request.reason : null;
  return html`<p class="reason ${request.status}">
    ${icon(mdiAlertCircleOutline)}<span
      >${label}: ${text}${detail
        ? html`<span class="reason-detail">${detail}</span>`
        : nothing}</span
    >
  </p>`;
}

function actions(request: MediaRequest, headingId: string, view: RequestCardView): TemplateResult | typeof nothing {
  const busy = view.busy.get(request.id);
  const label = (action: Action, text: string) => (busy === action ? BUSY_LABELS[action] : text);
  const withdraw =
    request.status === "pending" && (view.admin || askedBy(request, view.me))
      ? html`<button class="btn withdraw" ?disabled=${Boolean(busy)} @click=${() => view.withdraw(request)}>
          ${icon(mdiUndoVariant)} ${label("withdraw", "Withdraw")}
        </button>`
      : nothing;
  if (!view.admin) {
    return withdraw === nothing
      ? nothing
      : html`<div class="actions" role="group" aria-labelledby=${headingId}>${withdraw}</div>`;
  }
  if (request.status === "pending") {
    return html`<div class="actions" role="group" aria-labelledby=${headingId}>
      <button class="btn primary approve" ?disabled=${Boolean(busy)} @click=${() => view.run(request, "approve")}>
        ${icon(mdiCheck)} ${label("approve", "Approve")}
      </button>
      <button class="btn deny" ?disabled=${Boolean(busy)} @click=${() => view.openDeny(request)}>
        ${icon(mdiClose)} ${label("deny", "Deny")}
      </button>
      ${withdraw}
    </div>`;
  }
  if (request.status === "failed" || request.status === "denied") {
    return html`<div class="actions" role="group" aria-labelledby=${headingId}>
      <button class="btn retry" ?disabled=${Boolean(busy)} @click=${() => view.run(request, "retry")}>
        ${icon(mdiRefresh)} ${label("retry", "Retry")}
      </button>
    </div>`;
  }
  return nothing;
}

/**
 * `pandora-panel-containers`: the VPN on top, then every Portainer's containers grouped by stack,
 * live (`pandora/containers/subscribe`). Administrators restart containers, redeploy stacks
 * (both after a confirmation) and read logs.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage } from "../../data/api";
import "../../components/pandora-confirm";
import { containerHealth, containerRow, containerRowStyles, groupByStack, type StackGroup } from "./container-row";
import { define } from "../../components/define";
import { icon, mdiAlertCircleOutline, mdiDocker, mdiRocketLaunchOutline } from "../../components/icons";
import { LiveFeed } from "../../components/live";
import "./pandora-panel-logs";
import "../../components/pandora-panel-sheet";
import { emptyState, errorState, missingServiceState, toast } from "../../components/states";
import { shared, surfaces } from "../../styles/shared";
import type { ContainerInfo, ContainersSnapshot, PortainerState, StackInfo } from "../../data/types";
import "./pandora-panel-vpn";
import { PandoraTab } from "../pandora-tab";

type Confirm =
  | { kind: "restart"; portainer: PortainerState; container: ContainerInfo }
  | { kind: "redeploy"; portainer: PortainerState; stack: StackInfo };

const busyKey = (portainer: string, what: string) => `${portainer}\u0000${what}`;

export class PandoraContainers extends PandoraTab {
  static override get properties() {
    return {
      _busy: { state: true },
      _confirm: { state: true },
      _logs: { state: true },
    };
  }

  declare _busy: ReadonlySet<string>;
  declare _confirm: Confirm | null;
  declare _logs: { portainer: PortainerState; container: ContainerInfo } | null;

  readonly feed = new LiveFeed<ContainersSnapshot>(this, {
    api: () => this.api,
    enabled: () => this.configured,
    open: (api, onValue, onError) =>
      api.subscribe<ContainersSnapshot>("pandora/containers/subscribe", onValue, onError),
  });

  constructor() {
    super();
    this.info = null;
    this.admin = false;
    this.narrow = false;
    this._busy = new Set();
    this._confirm = null;
    this._logs = null;
  }

  private get configured(): boolean {
    const services = this.info?.services;
    return Boolean(services?.portainer?.length || services?.gluetun?.length);
  }

  private async run(key: string, action: () => Promise<unknown>, done: string, failed: string): Promise<void> {
    this._busy = new Set([...this._busy, key]);
    try {
      await action();
      toast(this, { kind: "success", message: done });
    } catch (error) {
      toast(this, { kind: "error", message: `${failed}: ${errorMessage(error)}` });
    } finally {
      const busy = new Set(this._busy);
      busy.delete(key);
      this._busy = busy;
    }
  }

  private cancelConfirm(): void {
    this._confirm = null;
  }

  private confirmed(): void {
    const confirm = this._confirm;
    this._confirm = null;
    if (!confirm) return;
    const instance = confirm.portainer.id;
    if (confirm.kind === "restart") {
      const name = confirm.container.name;
      void this.run(
        busyKey(instance, `container:${name}`),
        () => this.api.restartContainer(name, instance),
        `Restarted ${name}.`,
        `Could not restart ${name}`,
      );
    } else {
      const { stack } = confirm;
      void this.run(
        busyKey(instance, `stack:${stack.id}`),
        () => this.api.redeployStack(String(stack.id), instance),
        `Redeployed the ${stack.name} stack.`,
        `Could not redeploy ${stack.name}`,
      );
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    if (this.info && !this.configured) {
      return missingServiceState({
        iconPath: mdiDocker,
        title: "Add Portainer to watch your containers",
        why: "Containers shows the health of your Docker containers by stack through Portainer, with their logs, and the VPN's status and country through gluetun. Administrators can restart containers, redeploy stacks and switch the VPN's country.",
        service: "Portainer (and gluetun for the VPN)",
        admin: this.admin,
      });
    }
    if (this.feed.error) {
      return errorState("Could not load the containers", this.feed.error, () => this.feed.retry());
    }
    const snapshot = this.feed.value;
    if (!snapshot) {
      return html`<div aria-busy="true" aria-label="Loading the containers">
        ${[0, 1].map(() => html`<div class="surface skeleton block-skeleton"></div>`)}
      </div>`;
    }
    const confirm = this._confirm;
    return html`
      ${snapshot.gluetun.length
        ? html`<div class="vpns">
            ${repeat(
              snapshot.gluetun,
              (vpn) => vpn.id,
              (vpn) => html`<pandora-panel-vpn .api=${this.api} .vpn=${vpn} ?admin=${this.admin}></pandora-panel-vpn>`,
            )}
          </div>`
        : nothing}
      ${snapshot.portainer.length
        ? repeat(
            snapshot.portainer,
            (p) => p.id,
            (p) => this.renderPortainer(p, snapshot.portainer.length > 1),
          )
        : snapshot.gluetun.length
          ? nothing
          : emptyState(mdiDocker, "Nothing to show", "No Portainer or gluetun is running right now.")}
      ${confirm?.kind === "restart"
        ? html`<pandora-confirm
            .narrow=${this.narrow}
            label="Restart container"
            heading="Restart this container?"
            subject=${confirm.container.name}
            body="It stops and starts again; what runs in it is unavailable for a moment."
            confirm-label="Restart"
            danger
            @confirm=${this.confirmed}
            @cancel=${this.cancelConfirm}
          ></pandora-confirm>`
        : nothing}
      ${confirm?.kind === "redeploy"
        ? html`<pandora-confirm
            .narrow=${this.narrow}
            label="Redeploy stack"
            heading="Redeploy this stack?"
            subject=${confirm.stack.name}
            body="Portainer pulls its images and recreates its containers with the same file and settings; they are unavailable meanwhile."
            confirm-label="Redeploy"
            danger
            @confirm=${this.confirmed}
            @cancel=${this.cancelConfirm}
          ></pandora-confirm>`
        : nothing}
      ${this._logs
        ? html`<pandora-panel-sheet
            .narrow=${this.narrow}
            label="Logs of ${this._logs.container.name}"
            @close=${() => (this._logs = null)}
          >
            <pandora-panel-logs
              .api=${this.api}
              container=${this._logs.container.name}
              instance=${this._logs.portainer.id}
            ></pandora-panel-logs>
          </pandora-panel-sheet>`
        : nothing}
    `;
  }

  private renderPortainer(portainer: PortainerState, showTitle: boolean): TemplateResult {
    const groups = groupByStack(portainer);
    const endpoints = new Set(portainer.containers.map((c) => c.endpoint));
    const unhealthy = portainer.containers.filter((c) => containerHealth(c).tone === "bad").length;
    return html`<section class="portainer" data-portainer=${portainer.id} aria-label=${portainer.title}>
      <header class="portainer-head">
        ${showTitle ? html`<h2>${portainer.title}</h2>` : html`<h2>Containers</h2>`}
        <span class="muted summary"
          >${portainer.containers.length} containers${unhealthy ? html`, <strong>${unhealthy} need attention</strong>` : nothing}</span
        >
      </header>
      ${portainer.available
        ? nothing
        : html`<p class="banner" role="status">
            ${icon(mdiAlertCircleOutline)}<span>${portainer.title} is not answering; this may be out of date.</span>
          </p>`}
      ${groups.length
        ? groups.map((group) => this.renderGroup(portainer, group, endpoints.size > 1))
        : html`<p class="muted">No containers.</p>`}
    </section>`;
  }

  private renderGroup(portainer: PortainerState, group: StackGroup, showEndpoint: boolean): TemplateResult {
    const stack = group.stack;
    const running = group.containers.filter((c) => c.state === "running").length;
    const redeploying = stack ? this._busy.has(busyKey(portainer.id, `stack:${stack.id}`)) : false;
    const language = this.api.language;
    return html`<section class="stack surface" data-stack=${group.name ?? ""}>
      <header class="stack-head">
        <div class="stack-title">
          <h3>${group.name ?? "Other containers"}</h3>
          <span class="muted stack-meta"
            >${running} of ${group.containers.length} running${stack && !stack.active ? " · stack stopped" : ""}${group.name &&
            !stack
              ? " · not managed by Portainer"
              : ""}</span
          >
        </div>
        ${this.admin && stack
          ? html`<button
              class="btn"
              aria-label="Redeploy ${stack.name}"
              ?disabled=${redeploying}
              @click=${() => (this._confirm = { kind: "redeploy", portainer, stack })}
            >
              ${icon(mdiRocketLaunchOutline)}<span class="label">${redeploying ? "Redeploying…" : "Redeploy"}</span>
            </button>`
          : nothing}
      </header>
      ${group.containers.length
        ? html`<ul class="plain">
            ${repeat(
              group.containers,
              (c) => c.key,
              (c) =>
                containerRow(c, {
                  admin: this.admin,
                  busy: this._busy.has(busyKey(portainer.id, `container:${c.name}`)),
                  showEndpoint,
                  language,
                  onLogs: (container) => (this._logs = { portainer, container }),
                  onRestart: (container) => (this._confirm = { kind: "restart", portainer, container }),
                }),
            )}
          </ul>`
        : html`<p class="muted none">No containers of this stack are there.</p>`}
    </section>`;
  }

  static override styles = [
    ...shared,
    surfaces,
    containerRowStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 20px;
        padding: 16px 12px 32px;
        max-width: 960px;
        margin: 0 auto;
      }
      .vpns,
      .portainer {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .block-skeleton {
        height: 180px;
        margin-bottom: 16px;
      }
      .portainer-head {
        display: flex;
        align-items: baseline;
        flex-wrap: wrap;
        gap: 4px 12px;
      }
      h2 {
        font-size: 1.15rem;
        font-weight: 600;
      }
      .summary {
        font-size: 0.9rem;
      }
      .summary strong {
        color: var(--_text);
      }
      .stack {
        overflow: hidden;
      }
      .stack-head {
        display: flex;
        align-items: center;
        gap: 8px 12px;
        padding: 10px 12px 10px 16px;
      }
      .stack-title {
        flex: 1;
        min-width: 0;
      }
      h3 {
        font-size: 1rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .stack-meta {
        font-size: 0.82rem;
      }
      .none {
        padding: 0 16px 14px;
        font-size: 0.9rem;
      }
      @media (max-width: 420px) {
        .stack-head .label {
          display: none;
        }
        .stack-head .btn {
          padding: 0;
        }
      }
      @media (min-width: 600px) {
        :host {
          padding: 24px 24px 40px;
        }
      }
    `,
  ];
}

define("pandora-panel-containers", PandoraContainers);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-containers": PandoraContainers;
  }
}

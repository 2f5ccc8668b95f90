/** One Docker container: its health as a colour and words, grouping by stack, and its row. */
import { css, html, nothing, type TemplateResult } from "lit";
import { formatBytes } from "../../data/format";
import { icon, mdiRestart, mdiTextBoxOutline } from "../../components/icons";
import type { ContainerInfo, PortainerState, StackInfo } from "../../data/types";

export type Tone = "ok" | "warn" | "bad" | "idle";

/**
 * Green when healthy; amber while starting, running without a health check, paused or
 * restarting; red when unhealthy, exited or dead; grey when only created.
 */
export function containerHealth(container: ContainerInfo): { tone: Tone; label: string } {
  if (container.health === "unhealthy") return { tone: "bad", label: "Unhealthy" };
  switch (container.state) {
    case "running":
      if (container.health === "healthy") return { tone: "ok", label: "Healthy" };
      if (container.health === "starting") return { tone: "warn", label: "Starting" };
      return { tone: "warn", label: "Running, no health check" };
    case "exited":
      return { tone: "bad", label: "Exited" };
    case "dead":
      return { tone: "bad", label: "Dead" };
    case "paused":
      return { tone: "warn", label: "Paused" };
    case "restarting":
      return { tone: "warn", label: "Restarting" };
    case "removing":
      return { tone: "warn", label: "Removing" };
    default:
      return { tone: "idle", label: "Created" };
  }
}

export interface StackGroup {
  /** The stack's name, or null for containers outside any stack. */
  name: string | null;
  /** Portainer's stack, when Portainer manages it (only those can be redeployed). */
  stack: StackInfo | null;
  containers: ContainerInfo[];
}

/** Containers by stack: Portainer's stacks and Compose projects by name, then the others. */
export function groupByStack(portainer: PortainerState): StackGroup[] {
  const groups = new Map<string, StackGroup>();
  for (const stack of portainer.stacks) {
    groups.set(stack.name, { name: stack.name, stack, containers: [] });
  }
  const loose: ContainerInfo[] = [];
  for (const container of portainer.containers) {
    if (!container.stack) {
      loose.push(container);
      continue;
    }
    const group = groups.get(container.stack) ?? { name: container.stack, stack: null, containers: [] };
    group.containers.push(container);
    groups.set(container.stack, group);
  }
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.localeCompare(b.name, undefined, { numeric: true });
  const sorted = [...groups.values()]
    .map((g) => ({ ...g, containers: [...g.containers].sort(byName) }))
    .sort((a, b) => byName({ name: a.name! }, { name: b.name! }));
  if (loose.length) sorted.push({ name: null, stack: null, containers: loose.sort(byName) });
  return sorted;
}

export interface ContainerRowOptions {
  admin: boolean;
  busy: boolean;
  showEndpoint: boolean;
  language: string;
  onLogs: (container: ContainerInfo) => void;
  onRestart: (container: ContainerInfo) => void;
}

export function containerRow(container: ContainerInfo, options: ContainerRowOptions): TemplateResult {
  const health = containerHealth(container);
  const stats: string[] = [];
  if (container.cpu_percent != null) stats.push(`CPU ${container.cpu_percent.toFixed(1)}%`);
  if (container.memory_bytes != null) stats.push(`RAM ${formatBytes(container.memory_bytes, options.language)}`);
  return html`<li class="container tone-${health.tone}" data-name=${container.name}>
    <span class="health" title=${health.label}><span class="dot"></span></span>
    <div class="container-main">
      <span class="container-name">${container.name}</span>
      <span class="container-state"
        ><span class="health-label">${health.label}</span>${container.status
          ? html` · <span>${container.status}</span>`
          : nothing}</span
      >
      <span class="container-image">${container.image}</span>
      ${stats.length || options.showEndpoint || !container.reachable
        ? html`<span class="container-stats">
            ${stats.map((s) => html`<span>${s}</span>`)}
            ${options.showEndpoint && container.endpoint ? html`<span>${container.endpoint}</span>` : nothing}
            ${container.reachable ? nothing : html`<span class="unreachable">Environment not reachable</span>`}
          </span>`
        : nothing}
    </div>
    ${options.admin
      ? html`<span class="container-actions">
          <button class="btn text" aria-label="Logs of ${container.name}" @click=${() => options.onLogs(container)}>
            ${icon(mdiTextBoxOutline)}<span class="label">Logs</span>
          </button>
          <button
            class="icon-btn"
            aria-label="Restart ${container.name}"
            title="Restart"
            ?disabled=${options.busy}
            @click=${() => options.onRestart(container)}
          >
            ${icon(mdiRestart)}
          </button>
        </span>`
      : nothing}
  </li>`;
}

export const containerRowStyles = css`
  .container {
    --_tone: var(--_text-2);
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 64px;
    padding: 8px 8px 8px 16px;
    border-top: 1px solid var(--_divider);
  }
  .tone-ok {
    --_tone: var(--_success);
  }
  .tone-warn {
    --_tone: var(--_warning);
  }
  .tone-bad {
    --_tone: var(--_error);
  }
  .health {
    display: inline-grid;
    place-items: center;
    width: 16px;
    height: 16px;
    flex: none;
  }
  .health .dot {
    width: 12px;
    height: 12px;
    background: var(--_tone);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_tone) 22%, transparent);
  }
  .container-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .container-name {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .container-state,
  .container-image,
  .container-stats {
    font-size: 0.8rem;
    color: var(--_text-2);
    overflow-wrap: anywhere;
  }
  .health-label {
    color: var(--_text);
    font-weight: 500;
  }
  .container-image {
    font-family: var(--ha-font-family-code, ui-monospace, monospace);
    font-size: 0.75rem;
  }
  .container-stats {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-variant-numeric: tabular-nums;
  }
  .unreachable {
    color: var(--_text);
    border-left: 3px solid var(--_error);
    padding-left: 6px;
  }
  .container-actions {
    display: flex;
    align-items: center;
    gap: 2px;
    flex: none;
  }
  .container-actions .btn {
    padding: 0 10px;
  }
  @media (max-width: 420px) {
    .container-actions .label {
      display: none;
    }
  }
`;

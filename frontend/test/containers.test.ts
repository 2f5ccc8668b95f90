import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import { containerHealth, groupByStack } from "../src/tabs/containers/container-row";
import "../src/tabs/containers/pandora-panel-containers";
import type { PandoraContainers } from "../src/tabs/containers/pandora-panel-containers";
import type { ContainerInfo, ContainersSnapshot, Info, PortainerState, WsMessage } from "../src/data/types";
import { container_logs as logs, containers, info_empty as empty, info_full as full, vpn_country as vpnCountry } from "./fixture-files";
import { FakeWsError, buttonWith, cleanup, deepQuery, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

const PORTAINER = "01JPTN0000000000000000001";
const GLUETUN = "01JGLU0000000000000000001";
const FEED = "pandora/containers/subscribe";
const REAL = containers as ContainersSnapshot;
const [gluetun, jackett, qbittorrent] = REAL.portainer[0]!.containers;
// The generated snapshot is one Portainer stack ("media") of three running containers without
// stats. The tab's grouping and tones need more, built from those: gluetun gets CPU and RAM, and
// two are added: one running without a health check in a stack Portainer does not manage
// ("tools"), and one exited outside any stack.
const SNAPSHOT: ContainersSnapshot = {
  ...REAL,
  portainer: [
    {
      ...REAL.portainer[0]!,
      containers: [
        { ...gluetun!, cpu_percent: 1.5, memory_bytes: 52428800 },
        jackett!,
        qbittorrent!,
        { ...qbittorrent!, key: "1_cloudcmd", name: "cloudcmd", health: "none", status: "Up 5 seconds", stack: "tools" },
        { ...qbittorrent!, key: "1_backup", name: "backup", state: "exited", health: "none", status: "Exited (0) 3 hours ago", stack: null },
      ],
    },
  ],
};
// The generated answer has no lines (its container wrote none): three are put in, one on stderr
// and one without a time, for jackett, whose logs the tests open.
const LOGS = {
  ...logs,
  container: "jackett",
  lines: [
    { time: "2026-11-24T09:59:58+00:00", stream: "stdout", text: "[INF] Loaded 12 indexers" },
    { time: "2026-11-24T09:59:59+00:00", stream: "stderr", text: "[ERR] Health check failed: indexer timed out" },
    { time: null, stream: "stdout", text: "[INF] Retrying in 5 s" },
  ],
};

async function containersTab(info: unknown, isAdmin = true, overrides: Record<string, Responder> = {}) {
  const fake = fakeHass(
    {
      "pandora/containers/restart": null,
      "pandora/stacks/redeploy": null,
      "pandora/containers/logs": LOGS,
      "pandora/vpn/country": vpnCountry,
      ...overrides,
    },
    { admin: isAdmin },
  );
  const element = document.createElement("pandora-panel-containers") as PandoraContainers;
  element.api = new PandoraApi(fake.hass);
  element.info = info as Info;
  element.admin = isAdmin;
  await mount(element);
  const toasts = vi.fn();
  element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
  fake.pushTo(FEED, SNAPSHOT);
  await settle();
  return { fake, element, root: element.shadowRoot!, toasts };
}

const container = (root: ShadowRoot, name: string) => root.querySelector<HTMLElement>(`li.container[data-name="${name}"]`)!;
const vpnOf = (root: ShadowRoot) => root.querySelector("pandora-panel-vpn")!.shadowRoot!;

afterEach(cleanup);

describe("Containers tab", () => {
  it("groups containers by stack with a colour and words for their health", async () => {
    const { fake, root } = await containersTab(full);
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: FEED });
    const stacks = [...root.querySelectorAll<HTMLElement>("section.stack")];
    expect(stacks.map((s) => s.querySelector("h3")!.textContent)).toEqual(["media", "tools", "Other containers"]);
    expect([...stacks[0]!.querySelectorAll("li.container")].map((li) => li.getAttribute("data-name"))).toEqual([
      "gluetun",
      "jackett",
      "qbittorrent",
    ]);
    expect(deepText(stacks[0]!.querySelector(".stack-meta")!)).toBe("3 of 3 running");
    expect(deepText(stacks[1]!.querySelector(".stack-meta")!)).toContain("not managed by Portainer");
    const tones = Object.fromEntries(
      ["gluetun", "qbittorrent", "jackett", "cloudcmd", "backup"].map((name) => [
        name,
        [...container(root, name).classList].find((c) => c.startsWith("tone-")),
      ]),
    );
    expect(tones).toEqual({
      gluetun: "tone-ok",
      qbittorrent: "tone-ok",
      jackett: "tone-bad",
      cloudcmd: "tone-warn",
      backup: "tone-bad",
    });
    expect(deepText(container(root, "jackett"))).toContain("Unhealthy · Up 2 hours (unhealthy)");
    expect(deepText(container(root, "qbittorrent"))).toContain("Up 2 hours (healthy)");
    expect(deepText(container(root, "cloudcmd"))).toContain("Running, no health check");
    expect(deepText(container(root, "backup"))).toContain("Exited · Exited (0) 3 hours ago");
    expect(deepText(container(root, "gluetun"))).toContain("CPU 1.5%");
    expect(deepText(container(root, "gluetun"))).toContain("RAM 52.4 MB");
    expect(deepText(root.querySelector(".portainer-head")!)).toContain("5 containers, 2 need attention");
  });

  it("restarts a container after a confirmation", async () => {
    const { fake, root, toasts } = await containersTab(full);
    buttonWith(container(root, "jackett"), "Restart jackett").click();
    await settle();
    const sheet = root.querySelector("pandora-confirm")!;
    expect(deepText(sheet)).toContain("Restart this container?");
    expect(fake.callWS.mock.calls.some(([m]) => m.type === "pandora/containers/restart")).toBe(false);
    buttonWith(sheet, "Restart").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/containers/restart",
      container: "jackett",
      instance: PORTAINER,
    });
    expect(toasts).toHaveBeenCalledWith({ kind: "success", message: "Restarted jackett." });
    expect(root.querySelector("pandora-confirm")).toBeNull();
  });

  it("cancelling the confirmation restarts nothing", async () => {
    const { fake, root } = await containersTab(full);
    buttonWith(container(root, "backup"), "Restart backup").click();
    await settle();
    buttonWith(root.querySelector("pandora-confirm")!, "Cancel").click();
    await settle();
    expect(root.querySelector("pandora-confirm")).toBeNull();
    expect(fake.callWS).not.toHaveBeenCalled();
  });

  it("redeploys a Portainer stack after a confirmation, and reports failures", async () => {
    const { fake, root, toasts } = await containersTab(full, true, {
      "pandora/stacks/redeploy": new FakeWsError("home_assistant_error", "Portainer answered 500"),
    });
    const media = root.querySelector<HTMLElement>('section.stack[data-stack="media"]')!;
    // Only Portainer's own stacks can be redeployed.
    expect(root.querySelector('section.stack[data-stack="tools"] .stack-head button')).toBeNull();
    buttonWith(media, "Redeploy media").click();
    await settle();
    const sheet = root.querySelector("pandora-confirm")!;
    expect(deepText(sheet)).toContain("Redeploy this stack?");
    buttonWith(sheet, "Redeploy").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/stacks/redeploy", stack: "1", instance: PORTAINER });
    expect(toasts).toHaveBeenCalledWith({ kind: "error", message: "Could not redeploy media: Portainer answered 500" });
  });

  it("opens a container's logs: monospace lines, stderr marked, tail and refresh", async () => {
    const { fake, root } = await containersTab(full);
    buttonWith(container(root, "jackett"), "Logs").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/containers/logs",
      container: "jackett",
      tail: 100,
      instance: PORTAINER,
    });
    const sheet = root.querySelector("pandora-panel-sheet")!;
    expect(sheet.getAttribute("label")).toBe("Logs of jackett");
    const viewer = sheet.querySelector("pandora-panel-logs")!.shadowRoot!;
    const log = viewer.querySelector('[role="log"]')!;
    const lines = [...log.querySelectorAll<HTMLElement>(".line")];
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.classList.contains("stderr"))).toEqual([false, true, false]);
    expect(deepText(lines[1]!)).toContain("err");
    expect(deepText(lines[1]!)).toContain("[ERR] Health check failed: indexer timed out");
    expect(lines[0]!.querySelector("time")).not.toBeNull();
    expect(lines[2]!.querySelector("time")).toBeNull();
    expect(deepText(viewer.querySelector(".legend")!)).toBe("3 lines, 1 on stderr");
    const tail = viewer.querySelector<HTMLSelectElement>("select")!;
    expect([...tail.options].map((o) => o.value)).toEqual(["100", "500", "1000"]);
    tail.value = "500";
    tail.dispatchEvent(new Event("change"));
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith(expect.objectContaining({ type: "pandora/containers/logs", tail: 500 }));
    buttonWith(viewer, "Refresh").click();
    await settle();
    const calls = fake.callWS.mock.calls.filter(([m]) => m.type === "pandora/containers/logs");
    expect(calls).toHaveLength(3);
    expect(calls[2]![0]).toMatchObject({ tail: 500 });
  });

  it("shows a logs error with a retry", async () => {
    let fail = true;
    const { root } = await containersTab(full, true, {
      "pandora/containers/logs": () => (fail ? new FakeWsError("unauthorized", "Administrators only") : LOGS),
    });
    buttonWith(container(root, "gluetun"), "Logs").click();
    await settle();
    const viewer = root.querySelector("pandora-panel-logs")!.shadowRoot!;
    expect(viewer.querySelector('[role="alert"]')!.textContent).toContain("Administrators only");
    fail = false;
    buttonWith(viewer, "Try again").click();
    await settle();
    expect(viewer.querySelectorAll(".line")).toHaveLength(3);
  });

  it("shows the VPN: status, public IP and location", async () => {
    const { root } = await containersTab(full);
    const vpn = vpnOf(root);
    expect(vpn.querySelector("h2")!.textContent).toBe("gluetun nas:8000");
    const text = deepText(vpn);
    expect(text).toContain("Connected");
    expect(text).toContain("203.0.113.21");
    expect(text).toContain("Stockholm, Sweden");
    expect(vpn.querySelector(".leak")).toBeNull();
    const select = vpn.querySelector<HTMLSelectElement>("select")!;
    expect(select.value).toBe("Sweden");
    // The current country: nothing to switch to yet.
    expect(buttonWith(vpn, "Switch").disabled).toBe(true);
  });

  it("switches the VPN country with progress meanwhile", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { fake, root, toasts } = await containersTab(full, true, {
      "pandora/vpn/country": () => new Promise((resolve) => (answer = resolve)),
    });
    const vpn = vpnOf(root);
    const select = vpn.querySelector<HTMLSelectElement>("select")!;
    select.value = "Netherlands";
    select.dispatchEvent(new Event("change"));
    await settle();
    buttonWith(vpn, "Switch").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/vpn/country", country: "Netherlands", instance: GLUETUN });
    const status = vpn.querySelector(".switching")!;
    expect(status.getAttribute("role")).toBe("status");
    expect(deepText(status)).toContain("Switching to Netherlands… This can take up to a minute");
    expect(status.querySelector('[role="progressbar"]')).not.toBeNull();
    expect(vpn.querySelector<HTMLSelectElement>("select")!.disabled).toBe(true);
    expect(buttonWith(vpn, "Switching…").disabled).toBe(true);
    expect(deepText(vpn.querySelector(".status")!)).toBe("Switching");
    answer(vpnCountry);
    await settle();
    expect(vpn.querySelector(".switching")).toBeNull();
    expect(toasts).toHaveBeenCalledWith({
      kind: "success",
      message: "gluetun nas:8000 now uses Netherlands. Public IP 203.0.113.17 (Netherlands).",
    });
  });

  it("shows why a VPN switch failed", async () => {
    const { root } = await containersTab(full, true, {
      "pandora/vpn/country": (m: WsMessage) =>
        new FakeWsError("home_assistant_error", `The public IP did not move to ${String(m.country)} within 60 s`),
    });
    const vpn = vpnOf(root);
    const select = vpn.querySelector<HTMLSelectElement>("select")!;
    select.value = "Germany";
    select.dispatchEvent(new Event("change"));
    await settle();
    buttonWith(vpn, "Switch").click();
    await settle();
    const alert = vpn.querySelector('[role="alert"]')!;
    expect(deepText(alert)).toContain("Could not switch to Germany: The public IP did not move to Germany within 60 s");
    expect(vpn.querySelector(".switching")).toBeNull();
    expect(select.value).toBe("Sweden");
    buttonWith(alert as HTMLElement, "Dismiss").click();
    await settle();
    expect(vpn.querySelector('[role="alert"]')).toBeNull();
  });

  it("follows a switch started elsewhere and warns about a leak", async () => {
    const { fake, root } = await containersTab(full);
    const vpnState = SNAPSHOT.gluetun[0]!;
    fake.pushTo(FEED, { ...SNAPSHOT, gluetun: [{ ...vpnState, switching: true, selected: "Switzerland" }] });
    await settle();
    expect(deepText(vpnOf(root).querySelector(".switching")!)).toContain("Switching to Switzerland");
    fake.pushTo(FEED, {
      ...SNAPSHOT,
      gluetun: [{ ...vpnState, selected: "Switzerland", country: "Germany", city: "Frankfurt", leaking: true }],
    });
    await settle();
    const leak = vpnOf(root).querySelector(".leak")!;
    expect(leak.getAttribute("role")).toBe("alert");
    expect(deepText(leak)).toContain("is in Germany, not in Switzerland");
    expect(deepText(vpnOf(root).querySelector(".status")!)).toBe("Possible leak");
  });

  it("shows no actions to non-administrators", async () => {
    const { root } = await containersTab({ ...full, admin: false }, false);
    expect(root.querySelectorAll("li.container")).toHaveLength(5);
    expect(root.querySelectorAll("li.container button, .stack-head button")).toHaveLength(0);
    const vpn = vpnOf(root);
    expect(vpn.querySelector("select")).toBeNull();
    expect(deepText(vpn)).toContain("203.0.113.21");
  });

  it("explains how to add Portainer when nothing is configured", async () => {
    const fake = fakeHass({});
    const element = document.createElement("pandora-panel-containers") as PandoraContainers;
    element.api = new PandoraApi(fake.hass);
    element.info = empty as Info;
    element.admin = true;
    await mount(element);
    expect(deepText(element.shadowRoot!)).toContain("Add Portainer");
    expect(fake.subscribeMessage).not.toHaveBeenCalled();
    expect(deepQuery(element, "pandora-panel-vpn")).toBeNull();
  });
});

describe("container helpers", () => {
  const base = SNAPSHOT.portainer[0]!.containers[0]! as ContainerInfo;
  it("maps state and health to a tone", () => {
    expect(containerHealth({ ...base, state: "running", health: "healthy" }).tone).toBe("ok");
    expect(containerHealth({ ...base, state: "running", health: "none" }).tone).toBe("warn");
    expect(containerHealth({ ...base, state: "running", health: "starting" }).tone).toBe("warn");
    expect(containerHealth({ ...base, state: "running", health: "unhealthy" }).tone).toBe("bad");
    expect(containerHealth({ ...base, state: "exited", health: "none" }).tone).toBe("bad");
    expect(containerHealth({ ...base, state: "dead", health: "none" }).tone).toBe("bad");
    expect(containerHealth({ ...base, state: "restarting", health: "none" }).tone).toBe("warn");
    expect(containerHealth({ ...base, state: "created", health: "none" }).tone).toBe("idle");
  });

  it("keeps Portainer stacks without containers", () => {
    const portainer = { ...SNAPSHOT.portainer[0]!, containers: [] } as PortainerState;
    const groups = groupByStack(portainer);
    expect(groups.map((g) => [g.name, g.stack?.id, g.containers.length])).toEqual([["media", 1, 0]]);
  });
});

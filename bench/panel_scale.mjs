// The Downloads tab in Chromium (playwright-core, as tests/e2e): what bench/panel_scale.py prints.
//
// Run by bench/panel_scale.py against its throw-away Home Assistant; environment:
//   BENCH_URL        Home Assistant, e.g. http://127.0.0.1:21000
//   BENCH_TOKENS     the frontend's `hassTokens` (JSON), so no login page is needed
//   BENCH_CHROMIUM   the browser (default /usr/bin/chromium)
//   BENCH_TICKS      update ticks to time (default 4)
//   BENCH_PLAYWRIGHT where playwright-core is (default tests/e2e/node_modules/playwright-core)
// It opens the panel on Library (a light tab), then clicks Downloads and measures:
// - first rows: click → a torrent row in the DOM and a frame painted after it;
// - DOM nodes below the Downloads tab (its shadow tree, nested ones included) and in the page;
// - update ticks: from a `pandora/torrents/subscribe` frame arriving to its handler, the Lit
//   update and a forced style and layout being done (a task queued behind it);
// - scrolling: a wheel-like pass (120 px per frame) and a fling through the whole list (the
//   scrollbar dragged in 2 s), frame gaps (requestAnimationFrame) and long tasks (> 50 ms,
//   PerformanceObserver 'longtask');
// - the page's JS heap after a garbage collection.
// stdout: one JSON object.
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PLAYWRIGHT =
  process.env.BENCH_PLAYWRIGHT ?? path.resolve("tests/e2e/node_modules/playwright-core");
const { chromium } = require(PLAYWRIGHT);

const BASE = process.env.BENCH_URL.replace(/\/$/, "");
const TOKENS = process.env.BENCH_TOKENS;
const CHROMIUM = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";
const TICKS = Number(process.env.BENCH_TICKS ?? 4);
const STEP_MS = 120_000; // the old panel took seconds per step at 10,000 torrents
const log = (message) => process.stderr.write(`[panel_scale] ${message}\n`);

// Runs in the page before Home Assistant's scripts.
function instrument(tokens) {
  localStorage.setItem("hassTokens", tokens);
  const bench = (window.__bench = { longtasks: [], ticks: [], first: null });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  // Time each torrent event: this listener is added before Home Assistant's (in the
  // constructor), so it sees the frame first; a task queued then runs after the handler and
  // the microtasks it started (Lit's update), and forces style and layout.
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const data = typeof event.data === "string" ? event.data : "";
        if (!data.includes('"unavailable"')) return;
        const start = performance.now();
        const full = data.includes('"full":true');
        setTimeout(() => {
          document.body.getBoundingClientRect();
          for (const el of bench.layoutRoots ?? []) el.getBoundingClientRect();
          const done = performance.now();
          if (full) bench.first = { start, done, bytes: data.length };
          else bench.ticks.push({ start, duration: done - start, bytes: data.length });
        }, 0);
      });
    }
  };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(instrument, TOKENS);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");

    await page.goto(`${BASE}/pandora/library`);
    const panel = page.locator("pandora-panel");
    await panel.getByRole("tab", { name: "Library", selected: true }).waitFor({ timeout: STEP_MS });
    await page.waitForTimeout(1000);
    log("panel open on Library; opening Downloads");

    // Click → first row painted, timed in the page.
    const firstRows = await page.evaluate(async (timeout) => {
      const deep = (root, selector) => {
        const found = root.querySelector(selector);
        if (found) return found;
        for (const el of root.querySelectorAll("*")) {
          if (el.shadowRoot) {
            const inner = deep(el.shadowRoot, selector);
            if (inner) return inner;
          }
        }
        return null;
      };
      const panelEl = deep(document, "pandora-panel");
      const tab = panelEl.shadowRoot.querySelector("#tab-downloads");
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const start = performance.now();
      tab.click();
      for (;;) {
        const downloads = panelEl.shadowRoot.querySelector("pandora-panel-downloads");
        const row = downloads?.shadowRoot?.querySelector("li.torrent[data-hash]");
        if (row) break;
        if (performance.now() - start > timeout) throw new Error("no torrent row");
        await frame();
      }
      await frame();
      const painted = performance.now();
      window.__bench.downloads = panelEl.shadowRoot.querySelector("pandora-panel-downloads");
      window.__bench.scroller = panelEl.shadowRoot.querySelector("main");
      window.__bench.layoutRoots = [window.__bench.downloads];
      return { ms: painted - start, clicked: start };
    }, STEP_MS);
    await page.waitForFunction(() => window.__bench.first !== null, null, { timeout: STEP_MS });
    await page.waitForTimeout(1500);
    const first = await page.evaluate(() => window.__bench.first);
    log(`first rows after ${firstRows.ms.toFixed(0)} ms`);

    const countNodes = () =>
      page.evaluate(() => {
        const count = (root) => {
          let n = 0;
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            n += 1;
            if (node.shadowRoot) n += count(node.shadowRoot);
          }
          return n;
        };
        return count(window.__bench.downloads.shadowRoot);
      });
    const downloadsNodes = await countNodes();
    const metrics = async () =>
      Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const pageNodes = (await metrics()).Nodes;

    // Ticks: the simulator changes 1% before every 5 s poll.
    const ticksFrom = await page.evaluate(() => window.__bench.ticks.length);
    const tickStart = await page.evaluate(() => performance.now());
    await page.waitForFunction((n) => window.__bench.ticks.length >= n, ticksFrom + TICKS, {
      timeout: TICKS * 5000 + STEP_MS,
      polling: 500,
    });
    const ticks = await page.evaluate(
      ({ from, since }) => ({
        ticks: window.__bench.ticks.slice(from),
        longtasks: window.__bench.longtasks.filter((t) => t.start >= since),
      }),
      { from: ticksFrom, since: tickStart },
    );
    log(`${ticks.ticks.length} ticks timed`);

    // Scrolling, in the page: frame gaps and long tasks.
    const scroll = await page.evaluate(async () => {
      const scroller = window.__bench.scroller;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const pass = async (frames, step) => {
        await frame();
        const since = performance.now();
        let last = since;
        const gaps = [];
        for (let i = 0; i < frames; i += 1) {
          scroller.scrollTop += step(scroller);
          const now = await frame();
          gaps.push(now - last);
          last = now;
        }
        return {
          gaps,
          longtasks: window.__bench.longtasks.filter((t) => t.start >= since).map((t) => t.duration),
          height: scroller.scrollHeight,
        };
      };
      scroller.scrollTop = 0;
      const wheel = await pass(120, () => 120);
      scroller.scrollTop = 0;
      const fling = await pass(120, (s) => Math.ceil((s.scrollHeight - s.clientHeight) / 120));
      return { wheel, fling };
    });
    const downloadsNodesScrolled = await countNodes();

    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    const after = await metrics();
    process.stdout.write(
      JSON.stringify({
        first_rows_ms: firstRows.ms,
        first_event: first ? { handled_ms: first.done - first.start, bytes: first.bytes, after_click_ms: first.start - firstRows.clicked } : null,
        downloads_nodes: downloadsNodes,
        downloads_nodes_scrolled: downloadsNodesScrolled,
        page_nodes: pageNodes,
        ticks: ticks.ticks,
        tick_longtasks: ticks.longtasks.map((t) => t.duration),
        scroll,
        js_heap_bytes: after.JSHeapUsedSize,
        errors,
      }) + "\n",
    );
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  log(String(error?.stack ?? error));
  process.exit(1);
});

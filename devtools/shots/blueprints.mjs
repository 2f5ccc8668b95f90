// Screenshots of the automation editor showing Pandora's blueprints' forms, for
// docs/automations.md, against a running demo (its blueprints are copied in as if imported):
// Settings → Automations & scenes → Blueprints → the blueprint → the new automation's form.
//
//   PANDORA_SHOTS_BASE=http://127.0.0.1:8123 PANDORA_SHOTS_USER=… PANDORA_SHOTS_PASSWORD=… \
//     node devtools/shots/blueprints.mjs docs/images
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/e2e/package.json"));
const { chromium } = require("playwright-core");

const BASE = process.env.PANDORA_SHOTS_BASE ?? "http://127.0.0.1:8123";
const OUT = process.argv[2] ?? "docs/images";
const SHOTS = [
  ["pandora/slow_downloads_while_watching.yaml", "blueprint-slow-downloads.png"],
  ["pandora/notify_requester_available.yaml", "blueprint-requester-available.png"],
];

const browser = await chromium.launch({
  executablePath: process.env.PANDORA_E2E_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE}/config/blueprint/dashboard`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole("textbox", { name: "Username" }).fill(process.env.PANDORA_SHOTS_USER);
  await page.getByRole("textbox", { name: "Password" }).fill(process.env.PANDORA_SHOTS_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForFunction(() => Boolean(localStorage.getItem("hassTokens")), null, { timeout: 30_000 });
  for (const [name, file] of SHOTS) {
    await page.goto(`${BASE}/config/blueprint/dashboard`);
    const row = page.getByText(name, { exact: true }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.waitForURL(/\/config\/automation\/edit\/new/, { timeout: 30_000 });
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(OUT, file), fullPage: true });
  }
} finally {
  await browser.close();
}

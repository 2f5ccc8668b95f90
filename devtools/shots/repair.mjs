// Screenshots for docs/automations.md against a running demo whose hub options set a minimum
// free space above what the disk has (and a seeding goal the demo's torrents meet): the disk
// guard's repair (Settings → Repairs → the issue → its menu → the removal list) and the
// Downloads tab's banners.
//
//   PANDORA_SHOTS_BASE=http://127.0.0.1:8700 PANDORA_SHOTS_USER=… PANDORA_SHOTS_PASSWORD=… \
//     node devtools/shots/repair.mjs docs/images
//
// playwright-core comes from tests/e2e/node_modules (run from the repository root).
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/e2e/package.json"));
const { chromium } = require("playwright-core");

const BASE = process.env.PANDORA_SHOTS_BASE ?? "http://127.0.0.1:8123";
const USER = process.env.PANDORA_SHOTS_USER;
const PASSWORD = process.env.PANDORA_SHOTS_PASSWORD;
const OUT = process.argv[2] ?? "docs/images";
const CHROMIUM = process.env.PANDORA_E2E_CHROMIUM ?? "/usr/bin/chromium";

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await page.goto(`${BASE}/config/repairs`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole("textbox", { name: "Username" }).fill(USER);
  await page.getByRole("textbox", { name: "Password" }).fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/config\/repairs/);
  const issue = page.getByText(/is short of disk space/).first();
  await issue.waitFor({ timeout: 30_000 });
  await issue.click();
  await page.getByText(/What would you like to do/).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: path.join(OUT, "disk-guard-repair-flow.png") });
  const remove = page.getByText("Remove torrents that met their seeding goal");
  if (await remove.count()) {
    await remove.first().click();
    await page.getByText(/Largest first/).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(OUT, "disk-guard-remove.png") });
  }
  // The Downloads tab says it too (the banner, the held rows).
  await page.goto(`${BASE}/pandora/downloads`);
  await page.locator("pandora-panel").getByText(/is short of disk space/).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(OUT, "disk-guard-downloads.png") });
} finally {
  await browser.close();
}

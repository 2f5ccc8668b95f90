// Screenshots of the automation editor showing Pandora's household blueprints' forms, for
// docs/automations.md, against a running demo (its blueprints are copied in as if imported):
// Settings → Automations & scenes → Blueprints → the blueprint → the new automation's form.
//
//   PANDORA_SHOTS_BASE=http://127.0.0.1:8123 PANDORA_SHOTS_USER=… PANDORA_SHOTS_PASSWORD=… \
//     node devtools/shots/blueprints.mjs docs/images
import path from "node:path";
import { BASE, OUT, loggedIn } from "./browser.mjs";

const SHOTS = [
  ["pandora/slow_downloads_while_watching.yaml", "blueprint-slow-downloads.png"],
  ["pandora/notify_requester_available.yaml", "blueprint-requester-available.png"],
];

const { browser, page } = await loggedIn("/config/blueprint/dashboard", { width: 1280, height: 900 });
try {
  for (const [file, shot] of SHOTS) {
    await page.goto(`${BASE}/config/blueprint/dashboard`);
    const row = page.getByText(file, { exact: true }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.waitForURL(/\/config\/automation\/edit\/new/, { timeout: 30_000 });
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(OUT, shot), fullPage: true });
  }
} finally {
  await browser.close();
}

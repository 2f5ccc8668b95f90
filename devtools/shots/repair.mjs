// Screenshots for docs/automations.md against a running demo whose hub options set a minimum
// free space above what the disk has (and a seeding goal the demo's torrents meet): the disk
// guard's repair (Settings → Repairs → the issue → its menu → the removal list) and the
// Downloads tab's banners.
//
//   PANDORA_SHOTS_BASE=http://127.0.0.1:8700 PANDORA_SHOTS_USER=… PANDORA_SHOTS_PASSWORD=… \
//     node devtools/shots/repair.mjs docs/images
import path from "node:path";
import { BASE, OUT, loggedIn } from "./browser.mjs";

const { browser, page } = await loggedIn("/config/repairs");
try {
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

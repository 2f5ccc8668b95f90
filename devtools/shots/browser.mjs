// What the docs' screenshot scripts share: Chromium (playwright-core from tests/e2e, run from
// the repository root) and Home Assistant's login as the demo's administrator.
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/e2e/package.json"));
const { chromium } = require("playwright-core");

export const BASE = process.env.PANDORA_SHOTS_BASE ?? "http://127.0.0.1:8123";
export const OUT = process.argv[2] ?? "docs/images";

/** A logged-in page at `start` (a path), and the browser to close. */
export async function loggedIn(start, viewport = { width: 1280, height: 820 }) {
  const browser = await chromium.launch({
    executablePath: process.env.PANDORA_E2E_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const page = await browser.newPage({ viewport });
  await page.goto(`${BASE}${start}`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole("textbox", { name: "Username" }).fill(process.env.PANDORA_SHOTS_USER);
  await page.getByRole("textbox", { name: "Password" }).fill(process.env.PANDORA_SHOTS_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForFunction(() => Boolean(localStorage.getItem("hassTokens")), null, { timeout: 30_000 });
  return { browser, page };
}

// Opens the HTML API reference in headless Chromium (Debian's, driven by playwright-core) with the network
// off, visits every page of its sidebar, and prints what each page shows as JSON: {pages: {path: text},
// outside: [requests that tried to leave the file]}. Saves a screenshot of the first operations page.
// Usage: node scripts/docs-in-browser.mjs PAGE.html SCREENSHOT.png  (DOCS_TIMEOUT_MS: wait per step, default 30 s)
import { pathToFileURL } from "node:url";
import { offlinePage } from "./offline-browser.mjs";

const [page_path, screenshot] = process.argv.slice(2);
const { browser, page, result } = await offlinePage();
try {
  await page.goto(pathToFileURL(page_path).href);
  // Hydrated: Redoc's search box exists only once its script has run.
  await page.getByText("Search", { exact: false }).first().waitFor();
  const links = await page.$$eval("nav a[href^='/'], aside a[href^='/'], a[href^='/']", (anchors) =>
    [...new Set(anchors.map((a) => a.getAttribute("href")))]);
  for (const href of links) {
    await page.click(`a[href='${href}']`);
    await page.waitForURL((url) => url.hash === `#${href}` || (href === "/" && url.hash === ""));
    await page.waitForLoadState("networkidle");
    // Until the page stops changing: the same text three polls running (one alone passes mid-render under load).
    let text = "", stable = 0;
    for (let i = 0; i < 100 && stable < 3; i++) {
      await page.waitForTimeout(100);
      const now = await page.innerText("main, body");
      stable = now === text ? stable + 1 : 0;
      text = now;
    }
    result.pages[href] = text;
    if (screenshot && href !== "/" && !result.screenshot) {
      await page.screenshot({ path: screenshot });
      result.screenshot = href;
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

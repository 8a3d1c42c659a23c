// Opens the HTML API reference in headless Chromium (Debian's, driven by playwright-core) with the network
// off, visits every page of its sidebar, and prints what each page shows as JSON: {pages: {path: text},
// outside: [requests that tried to leave the file]}. Saves a screenshot of the first operations page.
// Usage: node scripts/docs-in-browser.mjs PAGE.html SCREENSHOT.png  (DOCS_TIMEOUT_MS: wait per step, default 30 s)
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [page_path, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // The network is off twice: a proxy where nothing listens, and every non-file request aborted below.
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
  ],
});
const result = { pages: {}, outside: [], errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(Number(process.env.DOCS_TIMEOUT_MS || 30000));
  page.on("pageerror", (error) => result.errors.push(String(error)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    result.outside.push(url);
    return route.abort();
  });
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

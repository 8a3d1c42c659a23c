// Opens pages of the Python package's reference (pdoc's static HTML) in headless Chromium (Debian's, driven by
// playwright-core) with the network off, and prints what each shows as JSON: {pages: {file: text}, outside:
// [requests that tried to leave the files], errors: [page errors]}. Saves a screenshot of the first page.
// Usage: node scripts/reference-in-browser.mjs SCREENSHOT.png PAGE.html...
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [screenshot, ...pages] = process.argv.slice(2);
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
  for (const [index, path] of pages.entries()) {
    await page.goto(pathToFileURL(path).href);
    await page.waitForLoadState("networkidle");
    result.pages[path] = await page.innerText("body");
    if (index === 0 && screenshot) await page.screenshot({ path: screenshot });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

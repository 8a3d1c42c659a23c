// Headless Chromium (Debian's, driven by playwright-core) with the network off, for the reference tests:
// every request that is not for a local file is aborted and recorded in `result.outside`, page errors in
// `result.errors`. Shared by docs-in-browser.mjs (the HTTP reference) and reference-in-browser.mjs (Python's).
import { chromium } from "playwright-core";

export async function offlinePage() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    // The network is off twice: a proxy where nothing listens, and every non-file request aborted below.
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ],
  });
  const result = { pages: {}, outside: [], errors: [] };
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(Number(process.env.DOCS_TIMEOUT_MS || 30000));
  page.on("pageerror", (error) => result.errors.push(String(error)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    result.outside.push(url);
    return route.abort();
  });
  return { browser, page, result };
}

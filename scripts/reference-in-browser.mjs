// Opens pages of the Python package's reference (pdoc's static HTML) in headless Chromium (Debian's, driven by
// playwright-core) with the network off, and prints what each shows as JSON: {pages: {file: text}, outside:
// [requests that tried to leave the files], errors: [page errors]}. Saves a screenshot of the first page.
// Usage: node scripts/reference-in-browser.mjs SCREENSHOT.png PAGE.html...
import { pathToFileURL } from "node:url";
import { offlinePage } from "./offline-browser.mjs";

const [screenshot, ...pages] = process.argv.slice(2);
const { browser, page, result } = await offlinePage();
try {
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

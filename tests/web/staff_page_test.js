// The staff web page in real headless Chromium (Debian's `chromium`, driven by playwright-core):
// search, filter by a facet, open a record, see its fields and page images, download its PDF.
// Also: without a token (public) nothing unmarked shows.
//
//   node staff_page_test.js path/to/luutru path/to/samples
"use strict";
const { chromium } = require("playwright-core");
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [luutru, samples] = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "luutru-web-"));
const archive = path.join(work, "archive");
const failures = [];
function check(ok, what) {
  if (!ok) {
    failures.push(what);
    console.log("FAIL:", what);
  }
}

function run(...args) {
  return execFileSync(luutru, [...args, "--archive", archive], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function serve() {
  return new Promise((resolve, reject) => {
    const proc = spawn(luutru, ["serve", "--archive", archive, "--listen", "127.0.0.1:0"]);
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on port (\d+)/);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.on("exit", (code) => reject(new Error("serve exited with " + code)));
  });
}

(async () => {
  let server, browser;
  try {
    run("ingest", samples, "--jobs", "2", "--progress", "none");
    const token = run("user", "add", "clerk", "--clearance", "tuyet-mat").trim();
    server = await serve();
    const base = `http://127.0.0.1:${server.port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox"],  // CI runs as root
    });
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && !/40[14]/.test(m.text()) && errors.push(m.text()));
    const offsite = [];
    page.on("request", (r) => !r.url().startsWith(base) && !r.url().startsWith("blob:") && offsite.push(r.url()));

    await page.goto(base);
    check((await page.title()).includes("Tra cứu"), "the page has its Vietnamese title");

    // Without a token: public only; the samples are unmarked (internal), so nothing shows.
    await page.fill("#q", "so hoa tai lieu");
    await page.click("#search-form button[type=submit]");
    await page.locator("#summary", { hasText: /\S/ }).waitFor();
    check((await page.textContent("#summary")).startsWith("Không tìm thấy"), "anonymous callers see no internal record");

    // With a token.
    await page.fill("#token", token);
    await page.click("#token-form button[type=submit]");
    await page.locator("#summary", { hasText: /Tìm thấy \d+/ }).waitFor();
    const summary = await page.textContent("#summary");
    check(/Tìm thấy \d+ hồ sơ/.test(summary), "results counted: " + summary);
    check((await page.locator("#hits li").count()) >= 1, "results listed");
    check((await page.locator("#hits mark").count()) >= 1, "query words highlighted in snippets");
    check(/Trang \d+ · khớp/.test(await page.textContent("#hits li .meta")), "page numbers shown");

    // A facet narrows the results and adds its filter to the query.
    const facet = page.locator('#facets button[data-facet="nam"]').first();
    check((await facet.count()) === 1, "a year facet is offered");
    const year = (await facet.textContent()).trim();
    await Promise.all([page.waitForResponse((r) => r.url().includes("nam%3A" + year)), facet.click()]);
    await page.locator("#summary", { hasText: "nam:" + year }).waitFor();
    check((await page.inputValue("#q")).includes("nam:" + year), "the facet's filter is in the query");
    const dates = await page.locator("#hits li .meta").allTextContents();
    check(dates.length >= 1 && dates.every((d) => d.includes(year)), `every result is of ${year}: ${dates}`);

    // A record: fields, page images, PDF download.
    await page.click("#hits li h3 a");
    await page.waitForSelector("#record-view:not([hidden]) #fields tr");
    const fields = await page.textContent("#fields");
    check(fields.includes("Số, ký hiệu") && fields.includes("Cơ quan ban hành"), "record fields shown");
    const image = page.locator("#pages img[src^='blob:']").first();
    await image.waitFor({ timeout: 30000 });
    await page.waitForLoadState("load");
    const width = await image.evaluate((img) => img.decode().then(() => img.naturalWidth));
    check(width > 100, "page images shown: " + width + " px wide");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-pdf")]);
    const saved = path.join(work, "downloaded.pdf");
    await download.saveAs(saved);
    check(fs.readFileSync(saved).subarray(0, 4).toString() === "%PDF", "the PDF downloads");

    await page.click("#back");
    await page.waitForSelector("#results-view:not([hidden])");
    check(errors.length === 0, "no script errors: " + errors.join("; "));
    check(offsite.length === 0, "nothing fetched from elsewhere: " + offsite.join(", "));
  } catch (error) {
    failures.push(String(error && error.stack || error));
    console.log("FAIL:", error);
  } finally {
    if (browser) await browser.close();
    if (server) server.proc.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(failures.length ? `FAIL (${failures.length})` : "the staff page works in Chromium");
  process.exit(failures.length ? 1 : 0);
})();

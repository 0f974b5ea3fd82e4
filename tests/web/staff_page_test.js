// The staff web page in real headless Chromium (Debian's `chromium`, driven by playwright-core),
// checked by what a person sees (boxes in the viewport), not only by attributes:
// - the landing page shows neither results nor a pager; without a token nothing unmarked
//   shows, and the page says a token may show more;
// - search, filter by a facet, open a document: it is in the viewport and the results are gone;
//   its fields, page images and PDF download;
// - the search lives in the URL: reload, back/forward, the back button and a link opened in
//   another browser show the same thing;
// - messages are Vietnamese, the query errors included;
// - at 390 px wide nothing scrolls sideways and the search button is on screen.
//
// - a signed PDF's signature shows with its signer and verdict.
// - the archival files (hồ sơ): their list, one file with its description and its documents
//   (văn bản) in order, a document of a scan that holds two with the scan's other document.
//
//   node staff_page_test.js path/to/luutru path/to/samples path/to/write_signed_pdf
"use strict";
const { chromium } = require("playwright-core");
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [luutru, samples, writeSignedPdf] = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "luutru-web-"));
const archive = path.join(work, "archive");
const failures = [];
function check(ok, what) {
  if (!ok) {
    failures.push(what);
    console.log("FAIL:", what);
  } else {
    console.log("ok:", what);
  }
}

function run(...args) {
  return execFileSync(luutru, [...args, "--archive", archive], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function serve() {
  return new Promise((resolve, reject) => {
    const proc = spawn(luutru, ["serve", "--archive", archive, "--listen", "127.0.0.1:0",
                                "--audit-key", path.join(work, "audit.key")]);
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on port (\d+)/);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.on("exit", (code) => reject(new Error("serve exited with " + code)));
  });
}

// True when the element's box is on screen: its top inside the viewport's first `part`, and it
// does not run off the right edge.
async function onScreen(page, selector, part = 1) {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  return !!box && box.y >= 0 && box.y < viewport.height * part && box.x >= 0 && box.x + box.width <= viewport.width + 1;
}

async function hitIds(page) {
  await page.locator("#results-view:not([hidden]) #summary", { hasText: /\S/ }).waitFor();
  return page.locator("#hits li h3 a").evaluateAll((links) => links.map((a) => a.dataset.record));
}

async function noSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function newPage(browser, token, viewport) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: viewport || { width: 1280, height: 800 } });
  if (token) await context.addInitScript((t) => sessionStorage.setItem("luutru-token", t), token);
  return context.newPage();
}

(async () => {
  let server, browser;
  try {
    run("ingest", samples, "--jobs", "2", "--progress", "none");
    const signedPdf = path.join(work, "signed", "ky-so.pdf");
    fs.mkdirSync(path.dirname(signedPdf));
    execFileSync(writeSignedPdf, [signedPdf]);
    run("ingest", signedPdf, "--progress", "none");
    const signedId = run("export").split("\n").filter(Boolean).map((l) => JSON.parse(l))
      .find((r) => r.source.endsWith("ky-so.pdf")).id;
    // An archival file scanned as one PDF holding two documents (a letter, then a report).
    const csv = path.join(work, "muc-luc.csv");
    fs.writeFileSync(csv, "Số và ký hiệu hồ sơ,Tiêu đề hồ sơ,Thời hạn bảo quản\n" +
                          "01.VP,Hồ sơ chuyển đổi số,Vĩnh viễn\n");
    run("hoso", "import", csv);
    fs.mkdirSync(path.join(work, "ho-so", "01.VP"), { recursive: true });
    execFileSync("qpdf", ["--empty", "--pages", path.join(samples, "cv-chuyen-doi-so.pdf"),
                          path.join(samples, "bc-tong-ket-van-thu.pdf"), "--",
                          path.join(work, "ho-so", "01.VP", "hai-van-ban.pdf")]);
    run("ingest", path.join(work, "ho-so"), "--progress", "none");
    const token = run("user", "add", "clerk", "--clearance", "tuyet-mat", "--archivist").trim();
    server = await serve();
    const base = `http://127.0.0.1:${server.port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run"],  // CI runs as root, on a closed network
    });
    const page = await newPage(browser);
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Answers 400/401/404 are part of the test; the console reports each as a failed load.
    page.on("console", (m) => m.type() === "error" && !/\b40[0-9]\b/.test(m.text()) && errors.push(m.text()));
    const offsite = [];
    page.on("request", (r) => !r.url().startsWith(base) && !r.url().startsWith("blob:") && offsite.push(r.url()));

    // The landing page: no results, no pager, the help.
    await page.goto(base);
    check((await page.title()).includes("Tra cứu"), "the page has its Vietnamese title");
    check(await page.locator("#landing").isVisible(), "the landing page shows its help");
    check(!(await page.locator("#results-view").isVisible()), "the landing page shows no results");
    check(!(await page.locator("#pager").isVisible()), "the landing page shows no pager");

    // Without a token: public only; the samples are unmarked (internal), so nothing shows, and
    // the page says that a token may show more.
    await page.fill("#q", "so hoa tai lieu");
    await page.click("#search-form button[type=submit]");
    await page.locator("#results-view:not([hidden]) #summary", { hasText: /\S/ }).waitFor();
    check((await page.textContent("#summary")).startsWith("Không tìm thấy"), "anonymous callers see no internal document");
    check(await page.locator("#sign-in-hint").isVisible(), "an anonymous search finding nothing says a token may show more");
    check(new URL(page.url()).searchParams.get("q") === "so hoa tai lieu", "the query is in the URL: " + page.url());

    // With a token.
    await page.fill("#token", token);
    await page.click("#token-form button[type=submit]");
    await page.locator("#summary", { hasText: /Tìm thấy \d+/ }).waitFor();
    const summary = await page.textContent("#summary");
    check(/Tìm thấy \d+ văn bản/.test(summary), "results counted: " + summary);
    check(!(await page.locator("#sign-in-hint").isVisible()), "no sign-in hint with a token");
    check((await page.locator("#hits li").count()) >= 1, "results listed");
    check((await page.locator("#hits mark").count()) >= 1, "query words highlighted in snippets");
    check(/Trang \d+ · khớp/.test(await page.textContent("#hits li .meta")), "page numbers shown");
    const searchUrl = page.url();
    const firstIds = await hitIds(page);

    // A facet narrows the results and adds its filter to the query and the URL.
    const facet = page.locator('#facets button[data-facet="nam"]').first();
    check((await facet.count()) === 1, "a year facet is offered");
    const year = (await facet.textContent()).trim();
    await Promise.all([page.waitForResponse((r) => r.url().includes("nam%3A" + year)), facet.click()]);
    await page.locator("#summary", { hasText: "nam:" + year }).waitFor();
    check((await page.inputValue("#q")).includes("nam:" + year), "the facet's filter is in the query");
    check(new URL(page.url()).searchParams.get("q").includes("nam:" + year), "the facet's filter is in the URL");
    const dates = await page.locator("#hits li .meta").allTextContents();
    check(dates.length >= 1 && dates.every((d) => d.includes(year)), `every result is of ${year}: ${dates}`);
    const facetUrl = page.url();
    const facetIds = await hitIds(page);

    // A document opens where the user is looking, the results gone.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.click("#hits li h3 a");
    await page.waitForSelector("#record-view:not([hidden]) #fields tr");
    check(await onScreen(page, "#record-title", 0.5), "the document's title is in the top half of the viewport");
    check(!(await page.locator("#results-view").isVisible()), "the results are hidden while a document is open");
    check(!(await page.locator("#pager").isVisible()), "no pager under a document");
    const recordUrl = page.url();
    check(/^[0-9a-f]{8,}$/.test(new URL(recordUrl).searchParams.get("record") || ""), "the document is in the URL");
    const fields = await page.textContent("#fields");
    check(fields.includes("Số, ký hiệu") && fields.includes("Cơ quan ban hành"), "document fields shown");
    const image = page.locator("#pages img[src^='blob:']").first();
    await image.waitFor({ timeout: 30000 });
    await page.waitForLoadState("load");
    const width = await image.evaluate((img) => img.decode().then(() => img.naturalWidth));
    check(width > 100, "page images shown: " + width + " px wide");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-pdf")]);
    const saved = path.join(work, "downloaded.pdf");
    await download.saveAs(saved);
    check(fs.readFileSync(saved).subarray(0, 4).toString() === "%PDF", "the PDF downloads");

    // Reload shows the same document; the back button, the faceted results.
    const title = await page.textContent("#record-title");
    await page.reload();
    await page.waitForSelector("#record-view:not([hidden]) #fields tr");
    check((await page.textContent("#record-title")) === title, "a reloaded document URL shows the same document");
    await page.click("#back");
    check(JSON.stringify(await hitIds(page)) === JSON.stringify(facetIds), "the back button returns to the results");
    check(page.url() === facetUrl, "the back button returns to the results' URL: " + page.url());

    // Browser back and forward walk the searches.
    await page.goto(searchUrl);
    await hitIds(page);
    await page.goto(recordUrl);
    await page.waitForSelector("#record-view:not([hidden]) #fields tr");
    await page.goBack();
    check(JSON.stringify(await hitIds(page)) === JSON.stringify(firstIds), "browser back shows the earlier results");
    await page.goForward();
    await page.waitForSelector("#record-view:not([hidden]) #fields tr");
    check((await page.textContent("#record-title")) === title, "browser forward shows the document again");

    // A search URL reloaded, and sent to a colleague (another browser, same clearance), shows
    // the same results.
    await page.goto(facetUrl);
    const before = await hitIds(page);
    await page.reload();
    check(JSON.stringify(await hitIds(page)) === JSON.stringify(before), "a reloaded search URL shows the same results");
    const colleague = await newPage(browser, token);
    await colleague.goto(facetUrl);
    check(JSON.stringify(await hitIds(colleague)) === JSON.stringify(before), "a sent search URL shows the same results");
    check((await colleague.inputValue("#q")) === new URL(facetUrl).searchParams.get("q"), "a sent URL fills the search box");
    await colleague.context().close();

    // Messages are Vietnamese, what to change included.
    await page.fill("#q", "loai:quyet dinh");
    await page.click("#search-form button[type=submit]");
    await page.locator("#hint:not([hidden])").waitFor();
    const hint = await page.textContent("#hint");
    check(hint.includes("ngoặc kép") && hint.includes('loai:"quyet dinh"'), "an unquoted filter value is explained: " + hint);
    check(await page.locator("#suggestion").isVisible(), "the quoted query is offered");
    await page.click("#suggestion-link");
    await page.locator("#summary", { hasText: /Tìm thấy \d+/ }).waitFor();
    check(new URL(page.url()).searchParams.get("q") === 'loai:"quyet dinh"', "the offered query is searched");
    for (const [query, says] of [["ngay:13/2022", "không có tháng 13"], ["ngay:31/02/2023", "không có ngày 31"],
                                  ["nam:20x1", "không phải là năm"]]) {
      await page.fill("#q", query);
      await page.click("#search-form button[type=submit]");
      await page.locator("#message", { hasText: /\S/ }).waitFor();
      await page.waitForFunction(() => !document.getElementById("message").textContent.startsWith("Đang"));
      const message = await page.textContent("#message");
      check(message.includes(says) && !/give|cannot|parse|error|invalid/i.test(message),
            `a query error in Vietnamese: ${query} -> ${message}`);
    }
    await page.fill("#q", "");
    await page.click("#search-form button[type=submit]");
    check((await page.textContent("#message")).includes("Hãy nhập"), "an empty query asks for one");

    // At 390 px wide (a phone): no sideways scroll, the search button on screen.
    const phone = await newPage(browser, token, { width: 390, height: 844 });
    phone.on("pageerror", (e) => errors.push(e.message));
    await phone.goto(base);
    check(await noSidewaysScroll(phone), "390 px: the landing page does not scroll sideways");
    check(await onScreen(phone, "#search-form button[type=submit]"), "390 px: the search button is on screen");
    await phone.fill("#q", "so hoa tai lieu");
    await phone.click("#search-form button[type=submit]");
    await hitIds(phone);
    check(await noSidewaysScroll(phone), "390 px: the results do not scroll sideways");
    await phone.click("#hits li h3 a");
    await phone.waitForSelector("#record-view:not([hidden]) #fields tr");
    await phone.locator("#pages img[src^='blob:']").first().waitFor({ timeout: 30000 });
    check(await onScreen(phone, "#record-title", 0.5), "390 px: the document opens on screen");
    check(await noSidewaysScroll(phone), "390 px: the document does not scroll sideways");
    await phone.context().close();

    // A signed PDF: its signature, with its signer and verdict, among the fields.
    await page.goto(`${base}?record=${signedId}`);
    await page.waitForSelector("#record-view:not([hidden]) #fields tr");
    const signedFields = await page.textContent("#fields");
    check(signedFields.includes("Chữ ký số") && signedFields.includes("Ký bởi Văn phòng Thử nghiệm") &&
          signedFields.includes(": hợp lệ"), "a signed PDF shows its signature, valid: " + signedFields);

    // The archival files: the list, one file with its documents in order, and a document of
    // the scan holding two, with the scan's other document.
    await page.click("#files-link");
    await page.waitForSelector("#files-view:not([hidden]) #files tbody tr");
    check((await page.textContent("#files")).includes("01 Vĩnh viễn"), "the files are listed with their retention");
    await page.click("#files tbody a");
    await page.waitForSelector("#hoso-view:not([hidden]) #hoso-documents tbody tr");
    check((await page.textContent("#hoso-title")) === "Hồ sơ 01.VP", "a file is called hồ sơ");
    check(new URL(page.url()).searchParams.get("hoso") === "01.VP", "the file is in the URL: " + page.url());
    const register = await page.locator("#hoso-documents tbody tr").allTextContents();
    check(register.length === 2 && register[0].includes("CÔNG VĂN") && register[1].includes("BÁO CÁO"),
          "the scan's two documents are the file's documents 1 and 2: " + register.join(" | "));
    check((await page.textContent("#hoso-elements")).includes("(từ văn bản)"), "derived elements are marked");
    await page.locator("#hoso-documents tbody tr").nth(1).locator("a").click();
    await page.waitForSelector("#record-view:not([hidden]) #scan-documents:not([hidden]) #scan-list li");
    const scanList = await page.locator("#scan-list li").allTextContents();
    check(scanList.length === 2 && scanList[1].includes("văn bản đang xem"),
          "a document of the scan lists the scan's documents: " + scanList.join(" | "));
    check(await page.locator("#fields a", { hasText: "01.VP" }).count() === 1, "the document links to its hồ sơ");
    // The archivist joins the two documents into one, then splits them again, on the page.
    await page.fill("#split-starts", "1");
    await page.click("#split-form button[type=submit]");
    await page.locator("#message", { hasText: "Đã tách lại: 1 văn bản" }).waitFor();
    await page.waitForSelector("#scan-documents[hidden], #scan-list li");
    check((await page.locator("#record-view #pages figure").count()) === 2,
          "joined: the document shows both pages of the scan");
    await page.fill("#split-starts", "1, 2");
    await page.click("#split-form button[type=submit]");
    await page.locator("#message", { hasText: "Đã tách lại: 2 văn bản" }).waitFor();
    await page.locator("#scan-list li").nth(1).waitFor();
    check((await page.locator("#scan-list li").count()) === 2, "split again: the scan holds two documents");
    const phoneFile = await newPage(browser, token, { width: 390, height: 844 });
    await phoneFile.goto(`${base}?hoso=01.VP`);
    await phoneFile.waitForSelector("#hoso-view:not([hidden]) #hoso-documents tbody tr");
    check(await noSidewaysScroll(phoneFile), "390 px: a hồ sơ does not scroll sideways");
    await phoneFile.context().close();

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

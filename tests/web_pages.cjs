// What Chromium makes of the web edition's pages: axe-core's results, page widths, text sizes and
// where characters are drawn. Used by tests/web_support.py; one browser opens every page.
//
//   node tests/web_pages.cjs CHROMIUM PROFILE_DIR < request.json
//
// CHROMIUM is tools/chromium-headless (the flags Debian's Chromium needs), PROFILE_DIR a fresh
// --user-data-dir; puppeteer-core is found through NODE_PATH (tools/node_modules). The request:
//   {"axe": "/path/axe.min.js", "tags": ["wcag2a", ...],
//    "pages": {"/path/page.html": {"axe": ["light", "dark"],   // colour schemes to run axe-core in
//                                  "widths": [320, 1280],      // viewport widths to measure
//                                  "chars": ["(503) 555-0147"] // strings to read back, 2400 px wide
//                                 }, ...}}
// Prints, per page: {"axe": {"light": [violation, ...]}, "widths": {"320": {...}}, "chars": {...},
// "sizes": {"screen": px, "print": px}} with only the parts asked for (sizes always).
"use strict";

const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const puppeteer = require("puppeteer-core");

// WCAG 1.4.12 text spacing, the bookmarklet's values.
const SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

function boxesIn(wanted) {
  // The same reading as tests/char_positions.cjs: each occurrence's characters' first client rects.
  const starts = [];
  let text = "";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    starts.push([node, text.length]);
    text += node.data;
  }
  const box = (index) => {
    let k = starts.length - 1;
    while (starts[k][1] > index) k -= 1;
    const [node, first] = starts[k];
    const range = document.createRange();
    range.setStart(node, index - first);
    range.setEnd(node, index - first + 1);
    const rect = range.getClientRects()[0];
    return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
  };
  const result = {};
  for (const needle of wanted) {
    result[needle] = [];
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      result[needle].push(Array.from({ length: needle.length }, (_, i) => box(at + i)));
    }
  }
  return result;
}

function measure() {
  // Widths of the document and of anything cut off (content wider than its own box).
  const root = document.documentElement;
  const clipped = [];
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (style.overflowX !== "visible" && element.scrollWidth > element.clientWidth + 1) {
      clipped.push(element.tagName.toLowerCase());
    }
  }
  return { scrollWidth: root.scrollWidth, viewport: window.innerWidth, clientWidth: root.clientWidth, clipped };
}

function bodyTextSize() {
  const paragraph = document.querySelector("main p:not(.notice)") || document.querySelector("main li");
  return parseFloat(getComputedStyle(paragraph).fontSize);
}

async function main() {
  const [chromium, profile] = process.argv.slice(2);
  if (!chromium || !profile) {
    throw new Error("usage: web_pages.cjs CHROMIUM PROFILE_DIR < request.json");
  }
  const request = JSON.parse(fs.readFileSync(0, "utf-8"));
  const axeSource = fs.readFileSync(request.axe, "utf-8");
  const browser = await puppeteer.launch({ executablePath: chromium, userDataDir: profile, headless: true });
  try {
    const tab = await browser.newPage();
    const found = {};
    for (const [page, wants] of Object.entries(request.pages)) {
      const url = pathToFileURL(page).href;
      const result = { sizes: {} };
      await tab.setViewport({ width: 1280, height: 900 });
      await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
      await tab.goto(url, { waitUntil: "load" });
      result.scripts = await tab.evaluate(() => document.scripts.length);
      result.sizes.screen = await tab.evaluate(bodyTextSize);
      await tab.emulateMediaType("print");
      result.sizes.print = await tab.evaluate(bodyTextSize);
      await tab.emulateMediaType("screen");
      if (wants.axe) {
        result.axe = {};
        for (const scheme of wants.axe) {
          await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
          await tab.goto(url, { waitUntil: "load" });
          await tab.evaluate(axeSource);
          result.axe[scheme] = await tab.evaluate(async (tags) => {
            const options = { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] };
            const main = await window.axe.run(document, options);
            // 7:1 (WCAG 1.4.6, AAA): the handouts' own bar, on top of the AA rules.
            const enhanced = await window.axe.run(document, {
              runOnly: { type: "rule", values: ["color-contrast-enhanced"] },
              resultTypes: ["violations"],
            });
            const brief = (v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
            });
            return [...main.violations, ...enhanced.violations].map(brief);
          }, request.tags);
        }
        await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
      }
      if (wants.widths) {
        result.widths = {};
        for (const width of wants.widths) {
          await tab.setViewport({ width, height: 800 });
          await tab.goto(url, { waitUntil: "load" });
          const plain = await tab.evaluate(measure);
          await tab.addStyleTag({ content: SPACING });
          const spaced = await tab.evaluate(measure);
          result.widths[String(width)] = { plain, spaced };
        }
      }
      if (wants.chars) {
        await tab.setViewport({ width: 2400, height: 1000 });
        await tab.goto(url, { waitUntil: "load" });
        result.chars = await tab.evaluate(boxesIn, wants.chars);
      }
      found[page] = result;
    }
    process.stdout.write(JSON.stringify(found));
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});

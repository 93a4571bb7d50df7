// Where Chromium lays out each character of some strings in some pages: a real browser's bidi and
// layout, not a search for markup. Used by tests/browser_support.py.
//
//   node tests/char_positions.cjs CHROMIUM PROFILE_DIR < request.json
//
// CHROMIUM is the browser to start (tools/chromium-headless, which adds the flags Debian's Chromium
// needs), PROFILE_DIR a fresh --user-data-dir. The request maps each (X)HTML file to open (file://)
// to the strings to find in its text: {"/path/page.xhtml": ["(503) 555-0147", ...], ...}.
// puppeteer-core is found through NODE_PATH (DAISY Ace's node_modules under tools/).
//
// Prints JSON of the same shape: for each page and string, one list per place the string occurs in
// the page's text, holding each character's box {x, y, width, height} (the first client rect of a
// range around that one character, null if it has none) in logical order.
"use strict";

const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const puppeteer = require("puppeteer-core");

function boxesIn(wanted) {
  // Runs in the page: the page's text, then the boxes of every occurrence of each wanted string.
  const starts = []; // [text node, index of its first character in `text`]
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

async function main() {
  const [chromium, profile] = process.argv.slice(2);
  if (!chromium || !profile) {
    throw new Error("usage: char_positions.cjs CHROMIUM PROFILE_DIR < request.json");
  }
  const request = JSON.parse(fs.readFileSync(0, "utf-8"));
  const browser = await puppeteer.launch({ executablePath: chromium, userDataDir: profile, headless: true });
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 2400, height: 1000 }); // wide: a short run stays on one line
    const found = {};
    for (const [page, needles] of Object.entries(request)) {
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      found[page] = await tab.evaluate(boxesIn, needles);
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

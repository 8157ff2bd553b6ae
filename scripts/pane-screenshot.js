#!/usr/bin/env node
"use strict";
/**
 * Refreshes docs/screenshots/pane-light.png and pane-dark.png: the real task pane at task pane
 * width (350 px) over the sample workbook, in Debian's chromium (apt-get install chromium).
 */
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const os = require("node:os");
const webpack = require("webpack");
const { chromium } = require("playwright-core");

const root = path.resolve(__dirname, "..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "pane-preview-"));

function build() {
  return new Promise((resolve, reject) =>
    webpack(
      {
        mode: "production",
        entry: path.join(__dirname, "pane-preview", "preview.tsx"),
        output: { path: out, filename: "preview.js" },
        resolve: { extensions: [".ts", ".tsx", ".js"] },
        module: {
          rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: path.join(root, "tsconfig.web.json"), onlyCompileBundledFiles: true } } }],
        },
        performance: { hints: false },
      },
      (err, stats) => (err || stats.hasErrors() ? reject(err ?? new Error(stats.toString("errors-only"))) : resolve()),
    ),
  );
}

async function main() {
  await build();
  fs.writeFileSync(path.join(out, "index.html"), '<!doctype html><html lang="en"><body style="margin:0"><div id="container"></div><script src="preview.js"></script></body></html>');
  fs.copyFileSync(path.join(root, "assets", "sample-kpi-dashboard.xlsx"), path.join(out, "sample.xlsx"));
  const server = http.createServer((req, res) => {
    const f = path.join(out, req.url.split("?")[0]);
    if (!f.startsWith(out) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200).end(fs.readFileSync(f));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  for (const theme of ["light", "dark"]) {
    const page = await browser.newPage({ viewport: { width: 350, height: 760 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html?theme=${theme}`);
    await page.getByText(/metrics in Dashboard/).waitFor();
    await page.getByRole("button", { name: /^Churn:/ }).click();
    await page.getByRole("combobox", { name: /Owner/ }).fill("Sales team");
    await page.getByText("'Sales team' is a team; name one person.").waitFor();
    const file = path.join(root, "docs", "screenshots", `pane-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${path.relative(root, file)}`);
  }
  await browser.close();
  server.close();
  fs.rmSync(out, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

#!/usr/bin/env node
"use strict";
/**
 * Refreshes docs/screenshots/pane-light.png and pane-dark.png: the built task pane at task
 * pane width (350 px), outside Office (the workbench), over the sample workbook, with Churn's
 * questions refusing a team as owner. Needs Debian's chromium (apt-get install chromium) and
 * `npm ci` (which builds lib/bench/browser.js).
 */
const path = require("node:path");
const { buildPane, cleanup, launch, panePage, ROOT, serve } = require("../lib/bench/browser.js");

async function main() {
  const dist = buildPane();
  const { url, server } = await serve(dist);
  const browser = await launch();
  try {
    for (const theme of ["light", "dark"]) {
      const page = await panePage(browser, { dark: theme === "dark" });
      await page.setViewportSize({ width: 350, height: 760 });
      await page.goto(`${url}taskpane.html`);
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).click();
      await (await chooser).setFiles(path.join(ROOT, "assets", "sample-kpi-dashboard.xlsx"));
      await page.getByText(/metrics in Dashboard/).waitFor();
      await page.getByRole("button", { name: /^Churn / }).click();
      await page.getByRole("combobox", { name: /Owner/ }).fill("Sales team");
      await page.getByText("'Sales team' is a team; name one person.").waitFor();
      const file = path.join(ROOT, "docs", "screenshots", `pane-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${path.relative(ROOT, file)}`);
    }
  } finally {
    await browser.close();
    server.close();
    cleanup(dist);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

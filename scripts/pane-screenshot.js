#!/usr/bin/env node
"use strict";
/**
 * Refreshes the pane's screenshots in docs/screenshots: the built task pane at task pane width
 * (350 px), light and dark, outside Office (the workbench) over the sample workbook, one per
 * view: pane-list-* (first run: the placemat, the call to action, each metric with why),
 * pane-metric-* (Lead Quality: the sheet's "Sales team" refused under the field, tagged with
 * its cell), pane-replace-* (the one-line confirmation before a sheet cell is replaced),
 * pane-done-* (the Done summary) and pane-delegation-* (one owner's text, Copy, email draft).
 * pane-light.png and pane-dark.png (the README's first picture) are the metric view.
 * Needs Debian's chromium (apt-get install chromium) and `npm ci` (which builds lib/bench/browser.js).
 */
const { copyFileSync } = require("node:fs");
const path = require("node:path");
const { buildPane, cleanup, launch, panePage, ROOT, serve } = require("../lib/bench/browser.js");

const OUT = path.join(ROOT, "docs", "screenshots");

async function main() {
  const dist = buildPane();
  const { url, server } = await serve(dist);
  const browser = await launch();
  try {
    for (const theme of ["light", "dark"]) {
      const page = await panePage(browser, { dark: theme === "dark" });
      await page.setViewportSize({ width: 350, height: 760 });
      const shot = async (view, fullPage) => {
        const file = path.join(OUT, `pane-${view}-${theme}.png`);
        await page.waitForTimeout(150); // let focus rings and MessageBar animations settle
        await page.screenshot({ path: file, fullPage });
        console.log(`wrote ${path.relative(ROOT, file)}`);
        return file;
      };
      await page.goto(`${url}taskpane.html`);
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).click();
      await (await chooser).setFiles(path.join(ROOT, "assets", "sample-kpi-dashboard.xlsx"));
      await page.getByText(/metrics in Dashboard/).waitFor();
      await page.getByRole("region", { name: "How it works" }).waitFor();
      await shot("list", true);

      await page.getByRole("button", { name: /^Lead Quality Vanity/ }).click();
      await page.getByText("'Sales team' is a team; name one person.").waitFor();
      const metric = await shot("metric", false);
      copyFileSync(metric, path.join(OUT, `pane-${theme}.png`));

      const owner = page.getByRole("combobox", { name: /Owner/ });
      await owner.fill("Ana Ruiz");
      await page.getByRole("textbox", { name: /Threshold/ }).fill("below 40");
      await page.getByRole("textbox", { name: /Lever/ }).fill("reject leads scored below 40 for up to 30 days");
      await page.getByRole("button", { name: "Save and next" }).click();
      await page.getByRole("button", { name: "Replace and save" }).waitFor();
      await shot("replace", false);
      await page.getByRole("button", { name: "Replace and save" }).click();

      await page.getByRole("form", { name: "Questions for Sales Velocity" }).waitFor();
      for (let i = 0; i < 10 && (await page.getByRole("button", { name: "Skip" }).count()) > 0; i++) {
        await page.getByRole("button", { name: "Skip" }).click();
      }
      await page.getByRole("heading", { name: /^Done/ }).waitFor();
      await shot("done", true);

      await page.getByRole("button", { name: "Send each owner their part" }).click();
      await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "Ana Ruiz: 1 metric" });
      await page.getByRole("textbox", { name: /Text for Ana Ruiz/ }).waitFor();
      await shot("delegation", true);
      await page.context().close();
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

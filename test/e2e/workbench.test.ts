/**
 * The pane in a real browser (Debian's chromium), outside Office (the workbench), as its three
 * kinds of users meet it:
 * - a fractional COO finishing the sample before an MBR: every metric made decision-ready,
 *   four owners the sheet held replaced after a confirmation, the download checked with
 *   ExcelJS (only the replaced cells of the person's changed), clicks and keys counted;
 * - a finance analyst on the FP&A bank workbook, keyboard only;
 * - a founder on the 20-metric balanced scorecard, moving metrics away from the CEO.
 * Then: nothing lost (closing asks first, reopening offers Resume, "Open another" confirms).
 * axe-core checks every screen on the way. Skips, saying so, where chromium or the corpus is absent.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { buildPane, cleanup, hasChromium, launch, panePage, ROOT, serve } from "../../bench/browser";
import { detectKpiTable, type Orientation } from "../../src/governance";
import { openWorkbook } from "../../src/xlsx";
import { focusedName, seriousViolations, Tally } from "./journeys";

const SAMPLE = path.join(ROOT, "assets/sample-kpi-dashboard.xlsx");
const CORPUS = path.resolve(ROOT, "../shared/corpus");
const BANK = path.join(CORPUS, "fpa_bank_kpi_actual_budget_forecast.xlsx");
const SCORECARD = path.join(CORPUS, "balanced_scorecard_py_act_plan_by_state.xlsx");
const run = hasChromium() ? describe : describe.skip;
const layoutFixtures = require("../../scripts/layout-fixtures.js") as {
  writeAll(dir: string): Promise<Record<"columns.xlsx" | "blocks.xlsx" | "two-sheets.xlsx", string>>;
};

/** Whether this branch's detection reads a sheet of `file` in `orientation` (the readers land from other branches). */
function readsAs(file: string, orientation: Orientation): boolean {
  const wb = openWorkbook(new Uint8Array(readFileSync(file)));
  return wb.sheetNames.some((name) => {
    const found = detectKpiTable(wb.readGrid(name));
    return found.ok && [found.table, ...(found.others ?? [])].some((t) => t.orientation === orientation);
  });
}
const withCorpus = (file: string) => (existsSync(file) ? test : test.skip);

run("the pane in chromium", () => {
  let dist = "";
  let url = "";
  let close: () => void = () => undefined;
  let browser: Browser;
  let fixtures: Awaited<ReturnType<typeof layoutFixtures.writeAll>>;
  const fixtureDir = mkdtempSync(path.join(tmpdir(), "pane-layouts-"));

  beforeAll(async () => {
    fixtures = await layoutFixtures.writeAll(fixtureDir);
    dist = buildPane();
    const served = await serve(dist);
    url = served.url;
    close = () => served.server.close();
    browser = await launch();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    close();
    if (dist) cleanup(dist);
    rmSync(fixtureDir, { recursive: true, force: true });
  });

  /** Opens `file` from the open screen, by keyboard (Tab to the button, Enter), counted in `tally`. */
  async function openFile(page: Page, file: string, tally: Tally, detected: RegExp): Promise<void> {
    await page.goto(`${url}taskpane.html`);
    await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).waitFor();
    const chooser = page.waitForEvent("filechooser");
    await tally.tabTo(/^Open a workbook \(\.xlsx\)$/);
    await tally.press("Enter");
    await (await chooser).setFiles(file);
    await page.getByText(detected).waitFor();
  }

  async function axe(page: Page): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
  }

  interface Answer {
    metric: string;
    owner?: string;
    threshold: string;
    lever: string;
  }

  /**
   * Answers the metric whose questions are open, keyboard only: the focus starts on the first
   * question that needs an answer; an owner the sheet holds is replaced (select all, type) and
   * confirmed with Enter.
   */
  async function answer(page: Page, tally: Tally, a: Answer, replaces = false): Promise<void> {
    await page.getByRole("form", { name: `Questions for ${a.metric}` }).waitFor();
    if (a.owner !== undefined) {
      // A sound owner on the sheet (the CEO: only a warning) is passed over: go back to it.
      if (!/^Owner/.test(await focusedName(page))) await tally.tabTo(/^Owner/, { back: true });
      if (replaces) await tally.press("Control+A");
      await tally.type(a.owner);
      await tally.tabTo(/^Threshold/);
    } else {
      expect(await focusedName(page)).toMatch(/^Threshold/);
    }
    await tally.type(a.threshold);
    await tally.tabTo(/^Lever/);
    await tally.type(a.lever);
    await tally.press("Enter");
    if (replaces) {
      await page.getByRole("button", { name: "Replace and save" }).waitFor();
      expect(await focusedName(page)).toBe("Replace and save");
      await tally.press("Enter");
    }
    await page
      .getByRole("status")
      // A metric's name may hold regex characters ("MRR ($)"): matched as text.
      .filter({ hasText: new RegExp(`^Saved ${a.metric.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: decision-ready\\.`) })
      .waitFor();
  }

  test("the COO finishes the sample: every metric decision-ready, four sheet owners replaced, downloaded; only those cells changed", async () => {
    const before = createHash("sha256").update(readFileSync(SAMPLE)).digest("hex");
    const page = await panePage(browser);
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const tally = new Tally(page);
    await openFile(page, SAMPLE, tally, /^9 metrics in Dashboard!A5:A20, current values in M \(Dec\)/);
    await axe(page);

    // The focus is on the call to action, not the page body: no Tab before the first answer.
    expect(await focusedName(page)).toMatch(/^Answer 9 metrics, about 5 minutes/);
    const tabsBeforeFirstAnswer = tally.tabs;
    await tally.press("Enter");
    await page.getByRole("form", { name: "Questions for MRR" }).waitFor();
    const tabsToFirstAnswer = tally.tabs - tabsBeforeFirstAnswer;
    await axe(page);

    const answers: (Answer & { replaces?: boolean })[] = [
      { metric: "MRR", threshold: "below $200k", lever: "approve discounts up to 15% on renewals this quarter" },
      { metric: "NRR", threshold: "below 100%", lever: "offer expansion credits up to $5k per account" },
      {
        metric: "Gross Margin",
        owner: "Omar Haddad",
        threshold: "below 68%",
        lever: "cut discretionary spend by up to 10%",
        replaces: true,
      },
      { metric: "Churn", owner: "Dana Lee", threshold: "> 3%", lever: "authorize up to $10k in retention credits" },
      { metric: "CAC", threshold: "> $500", lever: "cut paid ad spend by up to 20%" },
      {
        metric: "Lead Quality",
        owner: "Ana Ruiz",
        threshold: "below 40",
        lever: "reject leads scored below 40 for up to 30 days",
        replaces: true,
      },
      {
        metric: "Sales Velocity",
        owner: "Ana Ruiz",
        threshold: "below $25k",
        lever: "reassign up to 2 SDRs for 30 days",
        replaces: true,
      },
      {
        metric: "Bug Density",
        owner: "Kai Chen",
        threshold: "> 2",
        lever: "freeze feature releases for up to 2 weeks",
      },
      {
        metric: "NPS",
        owner: "Lena Park",
        threshold: "below 30",
        lever: "pause the pricing rollout for 30 days",
        replaces: true,
      },
    ];
    for (const a of answers) {
      if (a.metric === "Gross Margin") {
        // Why is shown where the person decides: the sheet's own owner is refused under the field.
        await page
          .getByRole("form", { name: "Questions for Gross Margin" })
          .getByText(/^'We all do'/)
          .waitFor();
      }
      await answer(page, tally, a, a.replaces === true);
      if (a.metric === "Gross Margin") await axe(page);
    }

    // After the last metric: the Done summary, with the download as its one primary button.
    const done = page.getByRole("heading", { name: "Done: every metric has a decision" });
    await done.waitFor();
    await axe(page);
    const download = page.waitForEvent("download");
    await tally.tabTo(/^Download the decision map$/);
    await tally.press("Enter");
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toBe("sample-kpi-dashboard.decision-map.xlsx");
    console.log(
      `COO on the sample, the whole job: ${tally}; Tabs from "file opened" to the first answer: ${tabsToFirstAnswer}`,
    );

    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(SAMPLE);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(file);
    const sheet = out.getWorksheet("Dashboard")!;
    expect(sheet.getCell("S4").value).toBe("Governance");
    for (let r = 5; r <= 20; r++) {
      const name = sheet.getCell(`A${r}`).value;
      if (answers.some((a) => a.metric === name))
        expect([name, String(sheet.getCell(`S${r}`).value)]).toEqual([name, expect.stringMatching(/^DECISION-READY/)]);
    }
    // The four owners replaced, where the sheet had them (column P).
    const replaced = new Map<string, string>();
    const was = original.getWorksheet("Dashboard")!;
    was.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const now = sheet.getCell(r, c).value;
        if (JSON.stringify(now) !== JSON.stringify(cell.value))
          replaced.set(`${sheet.getCell(r, c).address}`, `${String(cell.value)} → ${String(now)}`);
      }),
    );
    expect([...replaced.values()].sort()).toEqual(
      ["We all do → Omar Haddad", "Sales team → Ana Ruiz", "Marketing → Ana Ruiz", "CEO → Lena Park"].sort(),
    );
    expect([...replaced.keys()].every((a) => a.startsWith("P"))).toBe(true);
    expect(createHash("sha256").update(readFileSync(SAMPLE)).digest("hex")).toBe(before);

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    const elsewhere = requests.filter((r) => !r.startsWith(url) && !r.startsWith("blob:") && !r.startsWith("data:"));
    expect([...new Set(elsewhere)]).toEqual(["https://officeapis.public.onecdn.static.microsoft/1/office.js"]);
  }, 240_000);

  withCorpus(BANK)(
    "the analyst, keyboard only, on the FP&A bank workbook: list by arrows, Next unanswered, a typo fixed, the rule said back",
    async () => {
      const page = await panePage(browser);
      const tally = new Tally(page);
      await openFile(page, BANK, tally, /^6 metrics in KPI_Dashboard!/);
      expect(await focusedName(page)).toMatch(/^Answer 6 metrics/);
      await axe(page);

      // The list is one tab stop: Tab from the call to action lands on its first metric, arrows move.
      await tally.tabTo(/^Return on Equity \(ROE\) Vanity/);
      await tally.press("ArrowDown");
      expect(await focusedName(page)).toMatch(/^Efficiency Ratio Vanity/);
      await tally.press("Tab");
      expect(await focusedName(page)).not.toMatch(/Vanity/); // one Tab leaves the list
      await tally.press("Shift+Tab");
      expect(await focusedName(page)).toMatch(/^Efficiency Ratio Vanity/);
      await tally.press("Enter");
      await answer(page, tally, {
        metric: "Efficiency Ratio",
        owner: "Ravi Mehta",
        threshold: "> 62%",
        lever: "freeze discretionary hiring for up to 60 days",
      });
      // Save and next goes on to the next metric not yet decision-ready.
      await page.getByRole("form", { name: "Questions for Net Interest Margin" }).waitFor();

      // Next unanswered, from anywhere: the first open metric from the top.
      await tally.press("Alt+Shift+N");
      await page.getByRole("form", { name: "Questions for Return on Equity (ROE)" }).waitFor();
      // The value as its cell shows it (a General cell: 0.14), and the rule said back as read.
      expect(await page.getByText("now 0.14 (Actual)").count()).toBe(1);
      expect(await focusedName(page)).toMatch(/^Owner/);
      await tally.type("Sara Lin");
      await tally.tabTo(/^Threshold/);
      await tally.type("< 10%");
      await page.getByText(/^Read as: alert when below 10%\./).waitFor();
      await tally.tabTo(/^Lever/);
      await tally.type("cut the dividend accrual by up to 5% this quarter");
      await axe(page);
      await tally.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: /^Saved Return on Equity \(ROE\): decision-ready\./ })
        .waitFor();

      // Back to the list, reopen ROE, fix the typo: no confirmation, the pane wrote it.
      await tally.tabTo(/^← Back$/, { back: true });
      await tally.press("Enter");
      await page.getByRole("region", { name: "Metrics" }).waitFor();
      await tally.press("Home");
      expect(await focusedName(page)).toMatch(/^Return on Equity \(ROE\) Decision-ready/);
      await tally.press("Enter");
      await page.getByRole("form", { name: "Questions for Return on Equity (ROE)" }).waitFor();
      expect(await focusedName(page)).toMatch(/^Owner/);
      expect(await page.getByText(/^from [A-Z]+\d+$/).count()).toBe(3);
      await tally.press("End");
      await tally.type("d");
      await tally.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: /^Saved Return on Equity \(ROE\): decision-ready\./ })
        .waitFor();
      expect(await page.getByRole("button", { name: "Replace and save" }).count()).toBe(0);
      await axe(page);
      console.log(`Analyst on the FP&A bank workbook: ${tally}`);
    },
    240_000,
  );

  withCorpus(SCORECARD)(
    "the founder on the balanced scorecard: metrics held by the CEO are marked 'reassign first' and moved to a person",
    async () => {
      const page = await panePage(browser);
      await page.setViewportSize({ width: 500, height: 900 });
      const tally = new Tally(page);
      await openFile(page, SCORECARD, tally, /^20 metrics in Dashboard!/);
      await axe(page);
      await tally.click(page.getByRole("button", { name: /^Answer 20 metrics/ }));
      for (const a of [
        { metric: "Sales 000s", owner: "CEO", threshold: "below 9000", lever: "cut travel spend by up to 10%" },
        { metric: "Expenses 000s", owner: "CEO", threshold: "> 9000", lever: "freeze hiring for up to 60 days" },
      ])
        await answer(page, tally, a);
      await tally.click(page.getByRole("button", { name: "← Back" }));
      expect(await page.getByText("2 metrics held by the founder or CEO: reassign them first.").count()).toBe(1);
      await tally.click(page.getByRole("button", { name: "Delegation per owner" }));
      const view = page.getByRole("region", { name: "Delegation" });
      await view.waitFor();
      await page.getByText(/CEO is the founder or CEO: reassign first\./).waitFor();
      expect(await view.getByRole("button", { name: "Copy" }).count()).toBe(0);
      await axe(page);

      // Reassign Sales to a person: the pane wrote "CEO" itself, so no confirmation is asked.
      await tally.click(view.getByRole("button", { name: "Reassign Sales 000s" }));
      const owner = page.getByRole("combobox", { name: /Owner/ });
      await owner.fill("Mia Wong");
      await tally.click(page.getByRole("button", { name: "Save and next" }));
      await page
        .getByRole("status")
        .filter({ hasText: /^Saved Sales 000s: decision-ready\./ })
        .waitFor();
      await tally.click(page.getByRole("button", { name: "← Back" }));
      await tally.click(page.getByRole("button", { name: "Delegation per owner" }));
      await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "Mia Wong: 1 metric" });
      const text = page.getByRole("textbox", { name: /Text for Mia Wong/ });
      expect(await text.inputValue()).toMatch(/^You own Sales 000s\. If it drops below 9,000 you may cut travel spend/);
      expect(await page.getByRole("link", { name: "Email draft" }).getAttribute("href")).toMatch(/^mailto:\?subject=/);
      await tally.click(page.getByRole("button", { name: "Copy" }));
      // Copied, or (where the clipboard is blocked) selected and copied the older way, or said plainly.
      await page
        .getByText(/^(Copied Mia Wong's delegation|The clipboard was blocked here|Copying is blocked)/)
        .waitFor();
      await axe(page);
      console.log(`Founder on the balanced scorecard: ${tally}`);
    },
    240_000,
  );

  test("nothing is lost: closing with unsaved answers asks, reopening the same file offers Resume, another file confirms", async () => {
    const page = await panePage(browser);
    const tally = new Tally(page);
    await openFile(page, SAMPLE, tally, /^9 metrics in Dashboard/);
    await tally.press("Enter");
    await answer(page, tally, {
      metric: "MRR",
      threshold: "below $200k",
      lever: "approve discounts up to 15% on renewals this quarter",
    });

    // "Open another" asks first.
    await page.getByRole("button", { name: "Open another" }).click();
    await page.getByText(/Your answers are not downloaded yet/).waitFor();
    await axe(page);
    await page.getByRole("button", { name: "Cancel" }).click();

    // Closing the page asks first.
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (d) => void d.accept().then(() => resolve(d.type()))),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");

    // The same file, reopened in the same browser: Resume brings the answer back.
    const again = await page.context().newPage();
    await openFile(again, SAMPLE, new Tally(again), /^9 metrics in Dashboard/);
    await again.getByText(/^You answered 1 metric in this workbook on this computer/).waitFor();
    await axe(again);
    await again.getByRole("button", { name: "Resume" }).click();
    await again
      .getByRole("status")
      .filter({ hasText: /^Resumed: the answers you saved for 1 metric are back\./ })
      .waitFor();
    await again.getByRole("button", { name: /^MRR Decision-ready/ }).waitFor();
    await again.getByRole("button", { name: "Download the decision map" }).waitFor();
  }, 180_000);

  test("dark: the pane follows the browser's scheme and passes axe", async () => {
    const page = await panePage(browser, { dark: true });
    await openFile(page, SAMPLE, new Tally(page), /^9 metrics in Dashboard/);
    expect(await page.locator("[data-theme='dark']").count()).toBe(1);
    await axe(page);
  }, 60_000);

  test("a file that is not a workbook: a message that says what to do, and the open screen stays", async () => {
    const page = await panePage(browser);
    await page.goto(`${url}taskpane.html`);
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).click();
    await (
      await chooser
    ).setFiles({ name: "kpis.xlsx", mimeType: "text/csv", buffer: Buffer.from("Metric,Dec\nChurn,3%\n") });
    await page.getByText(/not an \.xlsx workbook.*save it as \.xlsx/).waitFor();
    expect(await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).count()).toBe(1);
    await axe(page);
  }, 60_000);

  /** The line that names the table the pane reads and its layout. */
  async function tableLine(page: Page): Promise<string> {
    return (await page.locator("[data-table-line]").textContent()) ?? "";
  }

  /** Opens the picker by keyboard (Tab to it, Enter), moves to `option` with the arrows and picks it with Enter. */
  async function pickByKeyboard(page: Page, tally: Tally, label: RegExp, option: string): Promise<void> {
    await tally.tabTo(label);
    await tally.press("Enter");
    const list = page.getByRole("listbox");
    await list.waitFor();
    const picker = page.getByRole("combobox", { name: label });
    for (let i = 0; i < 10; i++) {
      const id = await picker.getAttribute("aria-activedescendant");
      if (id && (await page.locator(`[id='${id}']`).textContent()) === option) break;
      await tally.press("ArrowDown");
    }
    await tally.press("Enter");
  }

  test("another KPI sheet is picked from the pane by keyboard and read; axe clean in light and dark", async () => {
    for (const dark of [false, true]) {
      const page = await panePage(browser, { dark });
      const tally = new Tally(page);
      await openFile(page, fixtures["two-sheets.xlsx"], tally, /^2 metrics in North!A2:A3/);
      expect(await tableLine(page)).toBe("Table A1:C3 on North · metrics in rows");
      await axe(page);
      await pickByKeyboard(page, tally, /^Audit another sheet/, "Sheet 'South'");
      await page.getByText(/^2 metrics in South!A2:A3/).waitFor();
      expect(await tableLine(page)).toBe("Table A1:C3 on South · metrics in rows");
      // The workbench's own sheet list follows.
      expect(await page.getByRole("combobox", { name: "Sheet", exact: true }).inputValue()).toBe("South");
      await page.getByRole("combobox", { name: /^Audit another sheet/ }).click();
      await page.getByRole("listbox").waitFor();
      await axe(page);
      await page.keyboard.press("Escape");
      await page.close();
    }
  }, 180_000);

  test("metrics as columns: the pane names the layout, the person answers a metric by keyboard, the side table is written and the data untouched", async () => {
    const file = fixtures["columns.xlsx"];
    expect(readsAs(file, "columns")).toBe(true);
    for (const dark of [false, true]) {
      const page = await panePage(browser, { dark });
      const tally = new Tally(page);
      await openFile(page, file, tally, /^4 metrics in Monthly!B1:E1, current values in row 10 \(Sep-24\)/);
      expect(await tableLine(page)).toMatch(/ on Monthly · metrics as columns$/);
      await axe(page);
      if (dark) {
        await page.close();
        continue;
      }
      await tally.press("Enter");
      await answer(page, tally, {
        metric: (await page.getByRole("form").getAttribute("aria-label"))!.replace(/^Questions for /, ""),
        owner: "Dana Lee",
        threshold: "below $200k",
        lever: "approve discounts up to 15% on renewals this quarter",
      });
      await axe(page);
      // The other KPI sheet is offered beside this one.
      await tally.click(page.getByRole("button", { name: "← Back" }));
      await pickByKeyboard(page, tally, /^Audit another/, "Sheet 'Regions'");
      await page.getByText(/^3 metrics in Regions!A2:A4/).waitFor();
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download the decision map" }).first().click();
      const out = new ExcelJS.Workbook();
      await out.xlsx.readFile(await (await download).path());
      const before = new ExcelJS.Workbook();
      await before.xlsx.readFile(file);
      const was = before.getWorksheet("Monthly")!;
      const now = out.getWorksheet("Monthly")!;
      // The person's cells A1:E13 are as they were; the answers are on the sheet, right of them.
      for (let r = 1; r <= 13; r++)
        for (let c = 1; c <= 5; c++) expect(now.getCell(r, c).value).toEqual(was.getCell(r, c).value);
      const found: string[] = [];
      now.eachRow((row) => row.eachCell((cell) => cell.value === "Dana Lee" && found.push(cell.address)));
      expect(found).toHaveLength(1);
      expect(now.getCell(found[0]).col).toBeGreaterThan(5);
      console.log(`Metrics as columns: ${tally}`);
      await page.close();
    }
  }, 240_000);

  test("one KPI as label / value cells: the pane names the layout, the person answers it by keyboard, the answers land beside the labels", async () => {
    const file = fixtures["blocks.xlsx"];
    expect(readsAs(file, "blocks")).toBe(true);
    for (const dark of [false, true]) {
      const page = await panePage(browser, { dark });
      const tally = new Tally(page);
      await openFile(page, file, tally, /^1 metric in Goal!/);
      expect(await tableLine(page)).toMatch(/ on Goal · one KPI per block$/);
      expect(await page.getByText(/current value in D18 \(Sep 2025\)$/).count()).toBe(1);
      await axe(page);
      if (dark) {
        await page.close();
        continue;
      }
      await tally.press("Enter");
      const form = page.getByRole("form");
      await form.waitFor();
      const name = (await form.getAttribute("aria-label"))!.replace(/^Questions for /, "");
      const owner = page.getByRole("combobox", { name: /Owner/ });
      const placeholder = (await owner.inputValue()) !== "";
      await owner.fill("Dana Lee");
      await page.getByRole("textbox", { name: /Threshold/ }).fill("> 250");
      await page.getByRole("textbox", { name: /Lever/ }).fill("move up to 2 engineers to support for 2 weeks");
      await page.getByRole("textbox", { name: /Lever/ }).press("Enter");
      if (placeholder) await page.getByRole("button", { name: "Replace and save" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: new RegExp(`^Saved ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: decision-ready\\.`) })
        .waitFor();
      await axe(page);
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download the decision map" }).first().click();
      const out = new ExcelJS.Workbook();
      await out.xlsx.readFile(await (await download).path());
      const goal = out.getWorksheet("Goal")!;
      // The owner is in the value cell beside "Owners"; the monthly table is as it was.
      expect(goal.getCell("C4").value).toBe("Dana Lee");
      for (let r = 9; r <= 21; r++)
        expect(goal.getCell(r, 4).value).toEqual(r === 9 ? "Current Actuals" : r <= 18 ? 300 - (r - 10) * 11 : null);
      console.log(`One KPI as label / value cells: ${tally}`);
      await page.close();
    }
  }, 240_000);
});

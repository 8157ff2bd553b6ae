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
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { buildPane, cleanup, hasChromium, launch, panePage, ROOT, serve } from "../../bench/browser";
import { focusedName, seriousViolations, Tally } from "./journeys";

const SAMPLE = path.join(ROOT, "assets/sample-kpi-dashboard.xlsx");
const CORPUS = path.resolve(ROOT, "../shared/corpus");
const BANK = path.join(CORPUS, "fpa_bank_kpi_actual_budget_forecast.xlsx");
const SCORECARD = path.join(CORPUS, "balanced_scorecard_py_act_plan_by_state.xlsx");
const run = hasChromium() ? describe : describe.skip;
const withCorpus = (file: string) => (existsSync(file) ? test : test.skip);

run("the pane in chromium", () => {
  let dist = "";
  let url = "";
  let close: () => void = () => undefined;
  let browser: Browser;

  beforeAll(async () => {
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
      .filter({ hasText: new RegExp(`^Saved ${a.metric}: decision-ready\\.`) })
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
});

/**
 * The pane in a real browser (Debian's chromium), on the sample workbook, keyboard only: open
 * the file, answer two metrics (one sound, one with a team as owner that is refused with its
 * reason), write the governance, download, and check the download with ExcelJS. axe-core
 * checks every screen on the way. Skips, saying so, where chromium is not installed.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import {
  buildPane,
  cleanup,
  hasChromium,
  launch,
  panePage,
  ROOT,
  serve,
  seriousViolations,
  tabTo,
} from "../../bench/browser";

const SAMPLE = path.join(ROOT, "assets/sample-kpi-dashboard.xlsx");
const run = hasChromium() ? describe : describe.skip;

run("the workbench in chromium", () => {
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
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    close();
    if (dist) cleanup(dist);
  });

  async function openSample(page: Page): Promise<void> {
    await page.goto(`${url}taskpane.html`);
    await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).waitFor();
    const chooser = page.waitForEvent("filechooser");
    await tabTo(page, /^Open a workbook \(\.xlsx\)$/);
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(SAMPLE);
    await page.getByText(/^9 metrics in Dashboard!A5:A20, current values in M/).waitFor();
  }

  test("open, answer two metrics by keyboard, write, download: the workbook has the decision map and nothing else changed", async () => {
    const before = createHash("sha256").update(readFileSync(SAMPLE)).digest("hex");
    const page = await panePage(browser);
    // The Content-Security-Policy holds (no violation) and the pane calls no one: every request
    // goes to the add-in's own server, but for office.js from the CDN.
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${url}taskpane.html`);
    await page.getByRole("button", { name: "Open a workbook (.xlsx)" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await openSample(page);
    expect(await seriousViolations(page)).toEqual([]);

    // Churn: sound answers, saved with Enter.
    await tabTo(page, /^Churn Vanity/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Churn/ }).waitFor();
    await page.keyboard.type("Dana Lee"); // the owner field has the focus
    await tabTo(page, /^Threshold/);
    await page.keyboard.type("> 3%");
    await tabTo(page, /^Lever/);
    await page.keyboard.type("authorize up to $10k in retention credits");
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: /^Saved Churn: decision-ready\./ })
      .waitFor();

    // Bug Density: a team as owner is refused with its reason, and Save and next stays off.
    await tabTo(page, /^Back to the list$/);
    await page.keyboard.press("Enter");
    await tabTo(page, /^Bug Density /);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Bug Density/ }).waitFor();
    await page.keyboard.type("Engineering team");
    await page.getByText("'Engineering team' is a team; name one person.").waitFor();
    expect(await page.getByRole("button", { name: "Save and next" }).getAttribute("aria-disabled")).toBe("true");
    await page.keyboard.press("Enter"); // Enter does not save a refused answer
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, /^Back to the list$/);
    await page.keyboard.press("Enter");

    // Write the governance, then download.
    await tabTo(page, /^(Write|Refresh) governance$/);
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: /^Governance written/ })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const download = page.waitForEvent("download");
    await page.keyboard.press("Shift+Tab"); // nothing hidden in the way: walk back to the bar
    await tabTo(page, /^Download the decision map$/);
    await page.keyboard.press("Enter");
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toBe("sample-kpi-dashboard.decision-map.xlsx");

    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(SAMPLE);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(file);
    const sheet = out.getWorksheet("Dashboard")!;
    expect(sheet.getCell("S4").value).toBe("Governance");
    expect(sheet.getCell("A9").value).toBe("Churn");
    expect([sheet.getCell("P9").value, sheet.getCell("Q9").value, sheet.getCell("R9").value]).toEqual([
      "Dana Lee",
      "> 3%",
      "authorize up to $10k in retention credits",
    ]);
    expect(String(sheet.getCell("S9").value)).toBe("DECISION-READY: red now");
    expect(sheet.getCell("A17").value).toBe("Bug Density");
    expect(sheet.getCell("P17").value).toBeNull(); // the refused owner was never written
    expect(String(sheet.getCell("S17").value)).toMatch(/^VANITY: no owner/);
    const rules = (
      sheet as unknown as { conditionalFormattings: { rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings.flatMap((cf) => cf.rules.flatMap((r) => r.formulae ?? []));
    expect(rules).toEqual(expect.arrayContaining(['LEFT($S6,6)="VANITY"', 'LEFT($S6,10)="INCOMPLETE"']));
    expect(out.worksheets.map((w) => w.name)).toEqual([
      ...original.worksheets.map((w) => w.name),
      "Decision Map",
      "MBR Brief",
    ]);

    // Every cell the person had is as it was (the answers went into empty cells only).
    const was = original.getWorksheet("Dashboard")!;
    was.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        expect([r, c, sheet.getCell(r, c).value]).toEqual([r, c, cell.value]);
      }),
    );
    expect(createHash("sha256").update(readFileSync(SAMPLE)).digest("hex")).toBe(before);

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    const elsewhere = requests.filter((r) => !r.startsWith(url) && !r.startsWith("blob:") && !r.startsWith("data:"));
    expect([...new Set(elsewhere)]).toEqual(["https://officeapis.public.onecdn.static.microsoft/1/office.js"]);
  }, 120_000);

  test("dark: the pane follows the browser's scheme and passes axe", async () => {
    const page = await panePage(browser, { dark: true });
    await openSample(page);
    expect(await page.locator("[data-theme='dark']").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
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
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);
});

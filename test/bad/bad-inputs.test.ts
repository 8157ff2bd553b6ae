/**
 * The bad-input corpus (test/fixtures/bad, made by scripts/make-bad-fixtures.js): each input
 * gets either a correct audit or one line that says what to do, and the input is left exactly
 * as it was: through the command line, through the Excel host (office-addin-mock fake, for
 * what Excel itself can open), and through the .xlsx host the browser pane uses.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { auditTable } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import type { Grid } from "../../src/governance/grid";
import { planWrite, MAX_CELL_CHARS } from "../../src/governance/plan";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { chooseKpiSheet, openWorkbook, XlsxError } from "../../src/xlsx";
import { FakeExcel } from "../excel/fake";
import { runCli } from "../helpers/io";
import { buildXlsx } from "../xlsx/build";

const DIR = path.resolve(__dirname, "../fixtures/bad");
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** What each input must get: an audit of n metrics, or a refusal whose one line matches. */
type Expect = { audit: number } | { refusal: RegExp };
const CORPUS: [string, Expect][] = [
  // One sheet each: the refusal says why that sheet (no other sheet to name).
  ["empty-workbook.xlsx", { refusal: /Sheet 'Sheet1' is empty\. / }],
  ["one-cell.xlsx", { refusal: /No KPI table found on sheet 'Sheet1'/ }],
  ["only-headers.xlsx", { refusal: /No KPI table found on sheet 'KPIs'/ }],
  ["only-numbers.xlsx", { refusal: /No KPI table found on sheet 'Data'/ }],
  ["merged-header-cells.xlsx", { audit: 3 }],
  ["error-values.xlsx", { audit: 3 }],
  ["dates-as-values.xlsx", { audit: 3 }],
  ["cell-of-32767-characters.xlsx", { audit: 3 }],
  ["sheet-name-with-quotes-and-spaces.xlsx", { audit: 3 }],
  // Nothing can be written on the sheet: it is audited summary-only (the summary sheets are added).
  ["protected-sheet.xlsx", { audit: 3 }],
  ["encrypted.xlsx", { refusal: /encrypted with a password\. Remove the password/ }],
  ["corrupt-zip.xlsx", { refusal: /damaged and cannot be opened\. Open it in Excel/ }],
  ["old-binary.xls", { refusal: /old \.xls workbook: open it in Excel and save it as \.xlsx/ }],
  ["old-binary-renamed.xlsx", { refusal: /old \.xls workbook: open it in Excel and save it as \.xlsx/ }],
  ["csv-renamed.xlsx", { refusal: /not an \.xlsx workbook \(it may be a CSV/ }],
];

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "decision-map-bad-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("every file in test/fixtures/bad has an expectation here", () => {
  const files = require("node:fs").readdirSync(DIR).sort();
  expect(files).toEqual(CORPUS.map(([f]) => f).sort());
});

describe.each(CORPUS)("%s", (file, expected) => {
  const input = path.join(DIR, file);

  test("the command line: " + ("audit" in expected ? "a correct audit" : "one line that says what to do"), async () => {
    const before = sha(input);
    const out = path.join(work, `${file}.out.xlsx`);
    const run = await runCli(["audit", input, "--out", out, "--json"]);
    expect(sha(input)).toBe(before);
    if ("refusal" in expected) {
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(expected.refusal);
      expect(existsSync(out)).toBe(false);
      return;
    }
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const report = JSON.parse(run.stdout) as { summary: { metrics: number } };
    expect(report.summary.metrics).toBe(expected.audit);
    // Excel can open what was written: ExcelJS reads it, every cell fits, the person's cells are kept.
    const [was, now] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await was.xlsx.readFile(input);
    await now.xlsx.readFile(out);
    for (const ws of now.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => expect(String(cell.value ?? "").length).toBeLessThanOrEqual(MAX_CELL_CHARS)),
      );
    for (const ws of was.worksheets) {
      const after = now.getWorksheet(ws.name)!;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => expect([r, c, after.getCell(r, c).value]).toEqual([r, c, cell.value])),
      );
    }
  });

  test("the .xlsx host the browser pane uses: the same audit or the same message", () => {
    const bytes = new Uint8Array(readFileSync(input));
    if (file.endsWith(".xls")) return; // the pane's file picker asks for .xlsx; the name check is the command's
    let grid: Grid;
    try {
      const wb = openWorkbook(bytes);
      const choice = chooseKpiSheet(wb);
      if (!choice.ok) {
        expect("refusal" in expected && choice.message).toMatch("refusal" in expected ? expected.refusal : /^$/);
        return;
      }
      grid = choice.grid;
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxError);
      expect("refusal" in expected && (e as Error).message).toMatch("refusal" in expected ? expected.refusal : /^$/);
      return;
    }
    const detected = detectKpiTable(grid);
    if (!detected.ok) throw new Error(detected.message);
    const plan = planWrite(grid, auditTable({ grid, table: detected.table }));
    if ("refusal" in expected) {
      expect(plan.ok).toBe(false);
      expect(!plan.ok && plan.message).toMatch(expected.refusal);
    } else {
      expect(detected.table.metrics).toHaveLength(expected.audit);
      expect(plan.ok).toBe(true);
    }
  });
});

/** The workbook's sheet as Excel holds it, in the office-addin-mock fake. */
function inExcel(file: string): FakeExcel | null {
  let grid: Grid;
  try {
    const wb = openWorkbook(new Uint8Array(readFileSync(path.join(DIR, file))));
    grid = wb.readGrid(wb.activeSheet);
  } catch {
    return null; // Excel itself opens (or refuses) these files; the host never sees them
  }
  const excel = new FakeExcel();
  const sheet = excel.addSheet(grid.sheetName);
  grid.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) sheet.set(grid.origin.row + r, grid.origin.col + c, typeof v === "object" ? v.error : v);
    }),
  );
  sheet.merges.push(
    ...grid.merges.map(
      (m) => `${String.fromCharCode(65 + m.left)}${m.top + 1}:${String.fromCharCode(65 + m.right)}${m.bottom + 1}`,
    ),
  );
  sheet.protected = grid.protected;
  return excel;
}

describe("through the Excel host (the pane's flow in Excel)", () => {
  const grids = CORPUS.filter(([f]) => inExcel(f) !== null);

  test("the files Excel itself opens are all here", () => {
    expect(grids.map(([f]) => f)).toEqual(
      expect.arrayContaining(["protected-sheet.xlsx", "merged-header-cells.xlsx", "empty-workbook.xlsx"]),
    );
  });

  test.each(grids)("%s", async (file, expected) => {
    const excel = inExcel(file)!;
    const sheet = excel.sheets[0];
    const before = sheet.snapshot();
    const writes = excel.writes;
    let message: string | null = null;
    try {
      const { grid } = await readSheet(excel.context());
      const detected = detectKpiTable(grid);
      if (!detected.ok) throw new Error(detected.message);
      const planned = planWrite(grid, auditTable({ grid, table: detected.table }));
      if (!planned.ok) throw new Error(planned.message);
      await applyPlanToWorkbook(excel.context(), planned.plan);
      if ("audit" in expected) expect(detected.table.metrics).toHaveLength(expected.audit);
    } catch (e) {
      message = (e as Error).message;
    }
    if ("audit" in expected) {
      expect(message).toBeNull();
      expect(excel.sheets.map((s) => s.name)).toEqual([sheet.name, "Decision Map", "MBR Brief"]);
      return;
    }
    // In Excel the pane audits the sheet in front of the person: an empty one is refused by the
    // host itself, one without a KPI table by detection (which says to select the table).
    const inExcelWords =
      file === "empty-workbook.xlsx"
        ? /is empty\. Open the sheet that holds your KPIs/
        : String(expected.refusal).includes("No sheet in this workbook")
          ? /^No KPI table found on sheet '[^']+': .*select the table/
          : expected.refusal;
    expect(message).toMatch(inExcelWords);
    expect(message!.split("\n")).toHaveLength(1);
    expect(excel.writes).toBe(writes);
    expect(sheet.snapshot()).toBe(before);
    expect(excel.sheets).toHaveLength(1);
  });
});

describe("a workbook of 1,000,000 cells (generated here, not kept)", () => {
  const ROWS = 20_000;
  const COLS = 50;
  let file: string;

  beforeAll(() => {
    const rows: string[] = [
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c>${Array.from({ length: COLS - 1 }, (_, c) => `<c r="${colName(c + 1)}1" t="inlineStr"><is><t>W${c + 1}</t></is></c>`).join("")}</row>`,
    ];
    for (let r = 2; r <= ROWS; r++) {
      let cells = `<c r="A${r}" t="inlineStr"><is><t>Metric ${r}</t></is></c>`;
      for (let c = 1; c < COLS; c++) cells += `<c r="${colName(c)}${r}"><v>${(r * 7 + c) % 1000}</v></c>`;
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    file = path.join(work, "million.xlsx");
    writeFileSync(file, buildXlsx({ sheets: [{ name: "Big", xml: `<sheetData>${rows.join("")}</sheetData>` }] }));
  }, 120_000);

  test("the command line audits it, and the input is unchanged", async () => {
    const before = sha(file);
    const out = path.join(work, "million.out.xlsx");
    const run = await runCli(["audit", file, "--out", out, "--json"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect((JSON.parse(run.stdout) as { summary: { metrics: number } }).summary.metrics).toBe(ROWS - 1);
    expect(sha(file)).toBe(before);
  }, 180_000);
});

describe("a sheet of 1,000,000 cells in Excel (the fake)", () => {
  test("is read in row chunks under the request cap, audited, and written in batches under the cap", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("Big");
    sheet.set(0, 0, "Metric");
    for (let c = 1; c < 50; c++) sheet.set(0, c, `W${c}`);
    for (let r = 1; r < 20_000; r++) {
      sheet.set(r, 0, `Metric ${r}`);
      for (let c = 1; c < 50; c++) sheet.set(r, c, (r * 7 + c) % 1000);
    }
    const syncs = excel.syncs;
    const { grid } = await readSheet(excel.context());
    const readSyncs = excel.syncs - syncs;
    expect(readSyncs).toBeGreaterThan(2); // above the cap: chunks, one sync each
    expect(grid.values).toHaveLength(20_000);
    const detected = detectKpiTable(grid);
    if (!detected.ok) throw new Error(detected.message);
    const planned = planWrite(grid, auditTable({ grid, table: detected.table }));
    if (!planned.ok) throw new Error(planned.message);
    await applyPlanToWorkbook(excel.context(), planned.plan);
    expect(excel.maxBatchBytes).toBeLessThan(5_000_000);
    expect(String(sheet.get(19_999, 53)?.value)).toMatch(/^VANITY/);
  }, 180_000);
});

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Several tables on one sheet: the command line audits the most KPI-like one, says which,
 * names the others, and audits another with --table NAME or --range A1:D9. Bad values get
 * one line naming what to type.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { detectKpiTable } from "../../src/governance/detect";
import { tableRegions } from "../../src/governance/layouts/tables";
import { openWorkbook } from "../../src/xlsx";
import { grid } from "../helpers/grids";
import { runCli } from "../helpers/io";
import { excelRuleProblems } from "../helpers/ooxml";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-tables-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const MONTHS = ["Metric", "Oct", "Nov", "Dec"];
const KPIS: (string | number)[][] = [
  ["MRR", 100, 110, 120],
  ["Churn", 0.03, 0.031, 0.034],
  ["CAC", 500, 520, 540],
  ["NPS", 40, 42, 45],
];
const COSTS: (string | number)[][] = [
  ["Hosting", 10, 11],
  ["Support", 20, 21],
];

/**
 * Sheet "Board": Excel table "Kpis" at B3:E7 and Excel table "Costs" at H3:J5 (header
 * Metric | Nov | Dec); `besideKpis` puts a note in F4, so the columns beside "Kpis" are taken.
 */
async function book(opts: { besideKpis?: boolean; excelTables?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Board");
  ws.getCell("B1").value = "Board pack";
  if (opts.excelTables === false) {
    MONTHS.forEach((h, i) => (ws.getCell(3, 2 + i).value = h));
    KPIS.forEach((r, j) => r.forEach((v, i) => (ws.getCell(4 + j, 2 + i).value = v)));
    ["Metric", "Nov", "Dec"].forEach((h, i) => (ws.getCell(3, 8 + i).value = h));
    COSTS.forEach((r, j) => r.forEach((v, i) => (ws.getCell(4 + j, 8 + i).value = v)));
  } else {
    ws.addTable({
      name: "Kpis",
      ref: "B3",
      headerRow: true,
      columns: MONTHS.map((name) => ({ name })),
      rows: KPIS,
    });
    ws.addTable({
      name: "Costs",
      ref: "H3",
      headerRow: true,
      columns: ["Metric", "Nov", "Dec"].map((name) => ({ name })),
      rows: COSTS,
    });
  }
  if (opts.besideKpis) ws.getCell("F4").value = "see note";
  const file = path.join(dir, "board.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

const out = () => path.join(dir, "out.xlsx");

describe("several tables on one sheet", () => {
  test("by default the most KPI-like table is audited, and the command says which and names the others", async () => {
    const file = await book();
    const run = await runCli(["audit", file, "--out", out()]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("4 metrics in Board!B4:B7, header in row 3, current values in E (Dec)");
    expect(run.stdout).toContain(
      "Audited table 'Kpis' (B3:E7) on 'Board'; 1 other table: 'Costs' (H3:J5) — --table Costs or --range H3:J5 to audit another.",
    );
  });

  test("the JSON lists the other tables with their range, name and layout", async () => {
    const file = await book();
    const run = await runCli(["audit", file, "--json", "--out", out()]);
    const json = JSON.parse(run.stdout);
    expect(json.table).toMatchObject({ orientation: "rows", range: "B3:E7", name: "Kpis", summaryOnly: null });
    expect(json.otherTables).toEqual([{ range: "H3:J5", name: "Costs", orientation: "rows" }]);
    expect(json.otherSheets).toEqual([]);
    // F:I would join "Kpis", but H:J is "Costs": the columns go further right, outside it.
    expect(json.notes).toEqual([expect.stringContaining("stand outside the Excel table 'Kpis'")]);
  });

  test("--table NAME audits that Excel table (without regard to case), and then names the first as the other", async () => {
    const file = await book();
    const run = await runCli(["audit", file, "--table", "costs", "--json", "--out", out()]);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout);
    expect(json.table).toMatchObject({ range: "H3:J5", name: "Costs" });
    expect(json.metrics.map((m: { name: string }) => m.name)).toEqual(["Hosting", "Support"]);
    expect(json.metrics.map((m: { current: number }) => m.current)).toEqual([11, 21]);
  });

  test("--range audits the table in those cells; 'Sheet'!A1:D9 names the sheet too", async () => {
    const file = await book({ excelTables: false });
    for (const range of ["H3:J5", "$H$3:$J$5", "Board!H3:J5", "'Board'!h3:j5"]) {
      const run = await runCli(["audit", file, "--range", range, "--json", "--out", out()]);
      expect({ range, stderr: run.stderr }).toEqual({ range, stderr: "" });
      const json = JSON.parse(run.stdout);
      expect(json.table.range).toBe("H3:J5");
      expect(json.metrics.map((m: { name: string }) => m.name)).toEqual(["Hosting", "Support"]);
    }
  });

  test("blocks that are no Excel tables are offered by their cells", async () => {
    const file = await book({ excelTables: false });
    const run = await runCli(["audit", file, "--out", out()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Audited B3:E7 on 'Board'; 1 other table: H3:J5 — --range H3:J5 to audit another.");
  });

  test.each([
    [["--table", "Nope"], "No Excel table named 'Nope'. The workbook's tables are: 'Kpis', 'Costs'."],
    [["--table", " "], "--table takes the name of an Excel table, such as --table Table1."],
    [["--range", "B3-E7"], "--range takes cells such as A1:D9 or 'Sheet 1'!B5:E10, not 'B3-E7'."],
    [["--range", "Z100:Z200"], "--range Z100:Z200 holds nothing on sheet 'Board' (its cells are in B1:J7)"],
    [["--range", "Board!B3:E7", "--sheet", "Other"], "--range names sheet 'Board' but --sheet names 'Other'"],
    [["--range", "B3:E7", "--table", "Kpis"], "Give --range or --table, not both"],
    [["--range", "Nowhere!B3:E7"], "No sheet named 'Nowhere'. The sheets are: 'Board'."],
  ])("%j is refused in one line naming what to type", async (args, message) => {
    const file = await book();
    const run = await runCli(["audit", file, ...args, "--out", out()]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a workbook without Excel tables says so for --table, and offers --range", async () => {
    const file = await book({ excelTables: false });
    const run = await runCli(["audit", file, "--table", "Kpis", "--out", out()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "decision-map: No Excel table named 'Kpis': this workbook has no Excel tables. Give the table's cells with --range A1:D9.\n",
    );
  });

  test("a range that holds no KPI table is refused with the command's own options only", async () => {
    const file = await book();
    const run = await runCli(["audit", file, "--range", "B1:C1", "--out", out()]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/select the table|give its header row/i);
    expect(run.stderr).toMatch(/--range A1:D9|--sheet NAME/);
  });
});

describe("an Excel table whose neighbouring columns are taken", () => {
  test("gets its governance in the first free run further right, outside the table, and the command says so", async () => {
    const file = await book({ besideKpis: true });
    const run = await runCli(["audit", file, "--json", "--out", out()]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    // F holds a note and H:J are the "Costs" table: K:N are the first four free columns.
    expect(json.table.governanceColumns).toEqual({ owner: "K", threshold: "L", lever: "M", governance: "N" });
    expect(json.notes).toEqual([
      "The governance columns K:N stand outside the Excel table 'Kpis' (the columns beside it are taken): sorting or filtering the table will not carry them along.",
    ]);
    const text = await runCli(["audit", file, "--out", out()]);
    expect(text.stdout).toContain("stand outside the Excel table 'Kpis'");
    // Neither table grew, the note is where it was, and the governance headers sit in row 3.
    const written = new Uint8Array(readFileSync(out()));
    const g = openWorkbook(written).readGrid("Board");
    expect(g.tables.map((t) => [t.name, t.range])).toEqual(
      expect.arrayContaining([
        ["Kpis", { top: 2, left: 1, bottom: 6, right: 4 }],
        ["Costs", { top: 2, left: 7, bottom: 4, right: 9 }],
      ]),
    );
    expect(g.values[3 - g.origin.row][5 - g.origin.col]).toBe("see note");
    expect(g.values[2 - g.origin.row].slice(10 - g.origin.col, 14 - g.origin.col)).toEqual([
      "Owner",
      "Threshold",
      "Lever",
      "Governance",
    ]);
    expect(excelRuleProblems(written)).toEqual([]);
  });

  test("a re-audit of the output finds the columns outside the table and adds none", async () => {
    const file = await book({ besideKpis: true });
    await runCli(["audit", file, "--out", out()]);
    const again = path.join(dir, "again.xlsx");
    const run = await runCli(["audit", out(), "--json", "--out", again]);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout);
    expect(json.table.governanceColumns).toEqual({ owner: "K", threshold: "L", lever: "M", governance: "N" });
    const g = openWorkbook(new Uint8Array(readFileSync(again))).readGrid("Board");
    expect(g.values[2 - g.origin.row].length + g.origin.col).toBe(14);
  });

  test("when the columns beside it are free, they still join the table (no note)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Board");
    ws.addTable({ name: "Kpis", ref: "A1", headerRow: true, columns: MONTHS.map((name) => ({ name })), rows: KPIS });
    const file = path.join(dir, "one.xlsx");
    await wb.xlsx.writeFile(file);
    const run = await runCli(["audit", file, "--json", "--out", out()]);
    const json = JSON.parse(run.stdout);
    expect(json.table.governanceColumns).toEqual({ owner: "E", threshold: "F", lever: "G", governance: "H" });
    expect(json.notes).toEqual([]);
    const g = openWorkbook(new Uint8Array(readFileSync(out()))).readGrid("Board");
    expect(g.tables[0].range).toEqual({ top: 0, left: 0, bottom: 4, right: 7 });
  });
});

describe("the tables reader", () => {
  const sheet = [
    ["Metric", "Nov", "Dec", null, "Metric", "Q3", "Q4"],
    ["MRR", 1, 2, null, "Leads", 5, 6],
    ["Churn", 0.1, 0.2, null, "Deals", 7, 8],
    [null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null],
    ["Metric", "Jan", "Feb", null, null, null, null],
    ["NPS", 40, 41, null, null, null, null],
    ["CSAT", 4, 5, null, null, null, null],
  ];

  test("finds each block set apart by blank rows and columns", () => {
    expect(tableRegions(grid(sheet))).toEqual([
      { top: 0, left: 0, bottom: 2, right: 2 },
      { top: 0, left: 4, bottom: 2, right: 6 },
      { top: 5, left: 0, bottom: 7, right: 2 },
    ]);
  });

  test("offers every other table, never above the rows reader's own choice, each once", () => {
    const d = detectKpiTable(grid(sheet));
    if (!d.ok) throw new Error(d.message);
    const all = [d.table, ...(d.others ?? [])];
    const names = all.map((t) => t.metrics.map((m) => m.name).join(","));
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(["Leads,Deals", "MRR,Churn", "NPS,CSAT"]);
    for (const o of d.others ?? []) expect(o.confidence).toBeLessThan(d.table.confidence);
  });

  test("a sheet with one table offers no others", () => {
    const d = detectKpiTable(grid(sheet.slice(0, 3).map((r) => r.slice(0, 3))));
    expect(d).toMatchObject({ ok: true, others: [] });
  });

  test("within a range, only the tables inside it", () => {
    const d = detectKpiTable(grid(sheet), { within: { top: 0, left: 4, bottom: 2, right: 6 } });
    if (!d.ok) throw new Error(d.message);
    expect(d.table.metrics.map((m) => m.name)).toEqual(["Leads", "Deals"]);
    expect(d.others).toEqual([]);
  });
});

describe("the JSON contract for a rows table", () => {
  test("has every table and per-metric field, with their values", async () => {
    const file = await book();
    const run = await runCli(["audit", file, "--json", "--out", out()]);
    const json = JSON.parse(run.stdout);
    for (const key of [
      "workbook",
      "sheet",
      "output",
      "table",
      "metrics",
      "summary",
      "otherTables",
      "otherSheets",
      "notes",
    ])
      expect(json).toHaveProperty(key);
    for (const key of [
      "orientation",
      "range",
      "name",
      "summaryOnly",
      "headerRow",
      "metricColumn",
      "valueColumn",
      "firstRow",
      "lastRow",
      "valueColumns",
      "governanceColumns",
      "notes",
    ])
      expect(json.table).toHaveProperty(key);
    expect(json.table.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^Header in row/)]));
    const churn = json.metrics.find((m: { name: string }) => m.name === "Churn");
    expect(churn).toMatchObject({
      row: 5,
      cell: "B5",
      column: null,
      dimensions: null,
      current: 0.034,
      currentCell: "E5",
      currentPeriod: "Dec",
    });
    expect(typeof churn.unit).toBe("string");
    expect(churn.direction).toEqual({ value: "above", source: "lexicon" });
    expect(churn).toHaveProperty("target");
    expect(churn.thresholdHint).toBeNull();
  });
});

describe("a sheet that holds no KPI table", () => {
  test("the refusal names the sheets that would work, and only options the command has", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").getCell("A1").value = "Read me first";
    for (const name of ["Raw Data", "Data"]) {
      const ws = wb.addWorksheet(name);
      MONTHS.forEach((h, i) => (ws.getCell(1, 1 + i).value = h));
      KPIS.forEach((r, j) => r.forEach((v, i) => (ws.getCell(2 + j, 1 + i).value = v)));
    }
    const file = path.join(dir, "three.xlsx");
    await wb.xlsx.writeFile(file);
    const run = await runCli(["audit", file, "--sheet", "Notes", "--out", out()]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("'Raw Data' and 'Data' read as KPI tables: --sheet NAME.");
    expect(run.stderr).not.toMatch(/select the table|give its header row/i);
  });
});

/**
 * The columns layout: metrics across a header row, periods down the rows, governance in a
 * side table to the right of the data. Synthetic sheets of many shapes, the write through the
 * file host and the Excel fake, and the corpus workbooks through the command line.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main";
import { decide } from "../../src/governance/decide";
import { SHEET_PROTECTED_SUMMARY_ONLY } from "../../src/governance/plan";
import type { CellValue, Grid } from "../../src/governance/grid";
import { readColumns } from "../../src/governance/layouts/columns";
import { createdRange } from "../../src/governance/record";
import type { KpiTable, WritePlan } from "../../src/governance/types";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { describeTable } from "../../src/cli/report";
import { applyPlan, chooseKpiSheet, openWorkbook } from "../../src/xlsx";
import type { XlsxWorkbook } from "../../src/xlsx/workbook";
import { fakeFromGrid } from "../excel/from-grid";
import { grid, withPlanWritten } from "../helpers/grids";
import { excelRuleProblems, lostProblems, schemaProblems } from "../helpers/ooxml";

const DATE = "yyyy-mm-dd";

function dated(values: CellValue[][], col = 0): Grid {
  const numberFormats = values.map((r, i) => r.map((_, j) => (i > 0 && j === col ? DATE : undefined)));
  return grid(values, { sheetName: "Raw", numberFormats });
}

function best(g: Grid): KpiTable {
  const d = decide({ grid: g, plan: false });
  if (!d.ok) throw new Error(d.message);
  return d.table;
}

const names = (t: KpiTable) => t.metrics.map((m) => m.name);
const currents = (g: Grid) => {
  const d = decide({ grid: g, plan: false });
  if (!d.ok) throw new Error(d.message);
  return d.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod]);
};

function planOf(g: Grid, answers?: Map<string, { owner?: string; threshold?: string; lever?: string }>): WritePlan {
  const d = decide({ grid: g, answers });
  if (!d.ok) throw new Error(d.message);
  if (!d.plan || !d.plan.ok) throw new Error(d.plan ? d.plan.message : "no plan");
  return d.plan.plan;
}

const written = withPlanWritten;

describe("reading metrics as columns", () => {
  test("dates down the rows: current from the last filled period row, oldest first", () => {
    const g = dated([
      ["Date", "Open", "New"],
      [43731, 7, 3],
      [43738, 13, 8],
      [43745, 9, 4],
      [43752, 8, 1],
    ]);
    const t = best(g);
    expect(t.orientation).toBe("columns");
    expect(names(t)).toEqual(["Open", "New"]);
    expect(t.metrics[0].values).toEqual([1, 2, 3, 4].map((row) => ({ row, col: 1 })));
    expect(t.metrics[0].cell).toEqual({ row: 0, col: 1 });
    expect(currents(g)).toEqual([
      ["Open", 8, "2019-10-14"],
      ["New", 1, "2019-10-14"],
    ]);
    // Each metric's identity is its side-table row: unique and ascending.
    expect(t.metrics.map((m) => m.row)).toEqual([1, 2]);
  });

  test("month text, a second axis (Quarter) and units in the headers", () => {
    const g = grid([
      ["Month", "Quarter", "MRR ($)", "Churn (%)", "NPS Score"],
      ["Jan-24", "Q1 2024", 100, 3, 40],
      ["Feb-24", "Q1 2024", 110, 4, 42],
      ["Mar-24", "Q1 2024", 120, 2, 45],
    ]);
    const t = best(g);
    expect(names(t)).toEqual(["MRR ($)", "Churn (%)", "NPS Score"]);
    expect(t.metrics.map((m) => m.unitLabel ?? null)).toEqual(["$", "%", null]);
    expect(t.metrics[1].unit).toBe("percent-points");
    expect(currents(g)[0]).toEqual(["MRR ($)", 120, "Mar-24"]);
  });

  test("sprint numbers down the rows", () => {
    const g = grid([
      ["Sprint", "Hours", "Planned SP", "Bugs"],
      [64, 300, 40, 3],
      [65, 310, 42, 2],
      [66, 290, 38, 5],
    ]);
    expect(currents(g)).toEqual([
      ["Hours", 290, "66"],
      ["Planned SP", 38, "66"],
      ["Bugs", 5, "66"],
    ]);
  });

  test("X Target columns are targets of X, not metrics; an unpaired reference is no metric", () => {
    const g = grid([
      [null, "ICI", "ICI Target", "CV", "CV Target", "Placed", "Forecast"],
      ["2024-01-14", 3, 3, 1, 7, 0, 9],
      ["2024-01-15", 3, 3, 1, 7, 0, 9],
      [null, 5, 3, 2, 7, 1, 9],
      ["2024-01-29", 0, 4, 3, 8, 0, 9],
    ]);
    const t = best(g);
    expect(names(t)).toEqual(["ICI", "CV", "Placed"]);
    expect(t.metrics.map((m) => m.target ?? null)).toEqual([4, 8, null]);
    expect(t.metrics[0].currentPeriod).toBe("2024-01-29");
    // The row without a date is history, read but never current.
    expect(t.metrics[0].values).toHaveLength(4);
  });

  test("dates mixing real dates and text read as one axis", () => {
    const g = grid(
      [
        [null, "ICI", "CV"],
        [45305, 1, 2],
        [45306, 2, 3],
        ["2024-02-13", 4, 5],
      ],
      { numberFormats: [[], ["m/d/yyyy"], ["m/d/yyyy"], []] },
    );
    expect(currents(g)).toEqual([
      ["ICI", 4, "2024-02-13"],
      ["CV", 5, "2024-02-13"],
    ]);
    const earlier = grid(
      [
        [null, "ICI", "CV"],
        ["2024-01-14", 1, 2],
        ["2024-01-15", 2, 3],
        [45335, 4, 5],
      ],
      { numberFormats: [[], [], [], ["m/d/yyyy"]] },
    );
    // A real date is shown as its format shows it (m/d/yyyy), the text dates as typed.
    expect(currents(earlier)[0]).toEqual(["ICI", 4, "2/13/2024"]);
  });

  test("blank trailing rows: the months ahead are not current; rows under the data are not data", () => {
    const g = grid([
      ["Month", "Revenue", "Cost"],
      ["Jan", 10, 5],
      ["Feb", 11, 6],
      ["Mar", 12, null],
      ["Apr", null, null],
      ["May", null, null],
      ["Total", 33, 11],
      [null, null, null],
      ["Source: finance", null, null],
    ]);
    const t = best(g);
    expect(currents(g)).toEqual([
      ["Revenue", 12, "Mar"],
      ["Cost", 6, "Feb"],
    ]);
    expect(t.lastRow).toBe(5); // May: the Total row is under the data
    for (const m of t.metrics) expect(m.values!.every((c) => c.row <= 5)).toBe(true);
  });

  test("a formula row with no cached values: the latest computed value is current", () => {
    const g = grid(
      [
        ["Week", "Tickets", "Backlog"],
        ["W1", 5, 10],
        ["W2", 6, 12],
        ["W3", null, null],
      ],
      {
        formulas: [[], [], [], [false, true, true]],
      },
    );
    expect(currents(g)).toEqual([
      ["Tickets", 6, "W2"],
      ["Backlog", 12, "W2"],
    ]);
  });

  test("text and ID columns, dates and totals are not metrics", () => {
    const g = dated([
      ["Date", "Note", "Ticket ID", "Closed", "Total", "Opened on"],
      [45292, "ok", "T-1001", 4, 9, 45200],
      [45299, "late", "T-1002", 5, 9, 45201],
      [45306, "ok", "T-1003", 6, 9, 45202],
    ]);
    g.numberFormats = g.values.map((r, i) => r.map((_, j) => (i > 0 && (j === 0 || j === 5) ? DATE : undefined)));
    expect(names(best(g))).toEqual(["Closed"]);
  });

  test("an Excel table whose ref runs to row 1,048,576 is clamped to the used rows", () => {
    const g = dated([
      ["Date", "Open", "New"],
      [43731, 7, 3],
      [43738, 13, 8],
    ]);
    g.tables = [
      {
        name: "Table1",
        range: { top: 0, left: 0, bottom: 1048575, right: 2 },
        hasHeaderRow: true,
        hasTotalsRow: false,
      },
    ];
    const t = best(g);
    expect(t.tableName).toBe("Table1");
    expect(t.lastRow).toBe(2);
    const plan = planOf(g);
    // The side table goes right of the table's full-column range, one empty column apart.
    expect(plan.columns.map((c) => c.col)).toEqual([5, 6, 7, 8]);
    expect(plan.cells.find((c) => c.row === 0 && c.col === 4)?.value).toBe("Metric");
  });

  test("one metric per row is still read as rows", () => {
    const g = grid([
      ["Metric", "Jan", "Feb", "Mar"],
      ["MRR", 1, 2, 3],
      ["Churn", 3, 2, 1],
    ]);
    expect(best(g).orientation ?? "rows").toBe("rows");
    expect(readColumns(g)).toEqual([]);
  });
});

describe("the side table", () => {
  const sheet = () =>
    grid([
      ["Month", "MRR ($)", "Churn"],
      ["Jan-24", 100, 5],
      ["Feb-24", 110, 6],
      ["Mar-24", 120, 4],
    ]);

  test("header on the table's header row, one row per metric, nothing below the data in its columns", () => {
    const g = sheet();
    const plan = planOf(g);
    const at = (row: number, col: number) => plan.cells.find((c) => c.row === row && c.col === col)?.value;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((c) => at(0, c) ?? null)).toEqual([
      null,
      null,
      null,
      null,
      "Metric",
      "Owner",
      "Threshold",
      "Lever",
    ]);
    expect(at(0, 8)).toBe("Governance");
    expect([at(1, 4), at(2, 4)]).toEqual(["MRR ($)", "Churn"]);
    expect(String(at(1, 8))).toMatch(/^VANITY/);
    for (const c of plan.cells) expect(c.col).toBeGreaterThan(2);
    // Each metric's header cell is highlighted by its verdict, the red rule first.
    const onHeader = plan.rules.filter((r) => r.range.top === 0 && r.range.left === 1 && r.range.right === 1);
    expect(onHeader.map((r) => r.style)).toEqual(["red", "vanity", "incomplete"]);
    expect(onHeader[1].formula).toBe('LEFT($I$2,6)="VANITY"');
    // Removal covers the whole side table, Metric column included.
    expect(createdRange(plan)).toEqual({ top: 0, left: 4, bottom: 2, right: 8 });
  });

  test("a chart beside the data pushes the side table further right", () => {
    const g = sheet();
    g.drawings = [{ top: 0, left: 4, bottom: 10, right: 6 }];
    const plan = planOf(g);
    expect(plan.cells.find((c) => c.value === "Metric")?.col).toBe(8);
  });

  test("re-run: the side table is recognized, answers typed there are read, verdicts rewritten", () => {
    const g = sheet();
    const first = planOf(g);
    const again = written(g, first);
    // The person types answers into the side table.
    again.values[1][5] = "Dana Lee";
    again.values[1][6] = "< 90";
    again.values[1][7] = "Cut spend up to $20k without asking";
    const t = best(again);
    expect(t.orientation).toBe("columns");
    expect(names(t)).toEqual(["MRR ($)", "Churn"]);
    expect(t.metrics[0].answerCells?.owner).toEqual({ row: 1, col: 5 });
    const d = decide({ grid: again });
    if (!d.ok || !d.plan?.ok) throw new Error("refused");
    expect(d.audit.metrics[0].answers.owner).toBe("Dana Lee");
    expect(d.audit.metrics[0].sources.owner).toBe("sheet");
    expect(d.plan.plan.cells.every((c) => c.row >= 1 && c.col === 8)).toBe(true);
    expect(d.plan.plan.columns.every((c) => !c.created)).toBe(true);
    // The side table is never another table (nor data).
    expect(d.others.filter((o) => o.metricColumn === 4 || o.valueColumns.some((c) => c >= 4))).toEqual([]);
    // Idempotent: a third run writes the same cells.
    const third = written(again, d.plan.plan);
    const d3 = decide({ grid: third });
    if (!d3.ok || !d3.plan?.ok) throw new Error("refused");
    expect(d3.plan.plan.cells).toEqual(d.plan.plan.cells);
  });
});

describe("choosing a columns sheet", () => {
  const book = (sheets: Record<string, Grid>, hidden: string[] = []): XlsxWorkbook => ({
    sheetNames: Object.keys(sheets),
    hiddenSheets: hidden,
    activeSheet: Object.keys(sheets)[0],
    pivotSheets: [],
    readGrid: (name) => ({ ...sheets[name], sheetName: name }),
  });
  const months = () =>
    grid([
      ["Month", "MRR ($)", "Churn"],
      ["Jan-24", 100, 5],
      ["Feb-24", 110, 6],
    ]);

  test("a sheet read as columns qualifies; hidden ones are never chosen", () => {
    const c = chooseKpiSheet(book({ Notes: grid([["hello"]]), Hidden: months(), Raw: months() }, ["Hidden"]));
    expect(c.ok && c.name).toBe("Raw");
  });

  test("a columns table whose values are dates is a data dump", () => {
    const dump = dated([
      ["Date", "Started", "Ended"],
      [45292, 45292, 45300],
      [45299, 45299, 45310],
      [45306, 45306, 45320],
    ]);
    dump.numberFormats = dump.values.map((r, i) => r.map(() => (i > 0 ? DATE : undefined)));
    const c = chooseKpiSheet(book({ Dump: dump }));
    expect(c.ok).toBe(false);
  });

  test("the command line says what it read: metrics across, periods down", () => {
    const d = decide({ grid: months(), plan: false });
    if (!d.ok) throw new Error(d.message);
    expect(describeTable(d.table, d.audit.metrics.length, d.audit.metrics)).toMatch(
      /^2 metrics in Dashboard!B1:C1, metrics as columns, periods down rows 2–3; current values from row 3 \(.+\)$/,
    );
  });
});

describe("writing a columns plan", () => {
  test("the Excel fake applies it: side table cells, rules and the record", async () => {
    const g = grid([
      ["Month", "MRR ($)", "Churn"],
      ["Jan-24", 100, 5],
      ["Feb-24", 110, 6],
    ]);
    const excel = fakeFromGrid(g);
    const read = await readSheet(excel.context());
    const plan = planOf(read.grid);
    await applyPlanToWorkbook(excel.context(), plan);
    const s = excel.sheet(g.sheetName);
    expect(s.cells.get("0,4")?.value).toBe("Metric");
    expect(s.cells.get("1,4")?.value).toBe("MRR ($)");
    expect(String(s.cells.get("1,8")?.value)).toMatch(/^VANITY/);
    expect(s.cells.get("3,1")).toBeUndefined();
    expect(s.rules.length).toBe(plan.rules.length);
    expect([...s.names.values()][0]?.range).toMatch(/E1:I3/);
  });
});

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const available = fs.existsSync(CORPUS);
if (!available) console.warn(`columns corpus round trip: skipped (no corpus at ${CORPUS})`);

(available ? describe : describe.skip)("corpus workbooks as columns through the command line", () => {
  test("scrum: sprint numbers down the rows are read; its sheets are protected, so only the summary sheets are planned", async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, "scrum_sprint_kpi_dashboard_excel_tables.xlsx")));
    const wb = openWorkbook(bytes);
    const choice = chooseKpiSheet(wb);
    expect(choice.ok && choice.name).toBe("Spint_details");
    const d = decide({ grid: wb.readGrid("Spint_details") });
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation).toBe("columns");
    expect(d.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod])).toEqual([
      ["Hours", 364, "66"],
      ["Planned Issues", 11, "66"],
      ["Planned SP", 61, "66"],
      ["Planned Issues Done", 5, "66"],
      ["Unplanned Issues Done", 2, "66"],
      ["Bugs (Issues)", 2, "66"],
      ["Planned SP Done", 57, "66"],
      ["Unplanned SP Done", 4, "66"],
      ["Bugs (SP)", 6, "66"],
    ]);
    expect(d.table.summaryOnly).toBe(SHEET_PROTECTED_SUMMARY_ONLY);
    if (!d.plan?.ok) throw new Error("the summary sheets are planned");
    expect([d.plan.plan.cells, d.plan.plan.columns, d.plan.plan.rules]).toEqual([[], [], []]);
    const data = decide({ grid: wb.readGrid("Data"), plan: false });
    if (!data.ok) throw new Error(data.message);
    expect(data.table.orientation).toBe("columns");
    expect(data.audit.metrics.map((m) => m.name)).not.toContain("Sprint");
    expect(data.audit.metrics.find((m) => m.name === "% Compliance")?.current).toBe(1);
  });

  const runs: [string, string | null][] = [
    ["saas_kpi_dashboard_metrics_as_columns.xlsx", null],
    ["service_desk_weekly_scorecard_fullcolumn_tables.xlsx", null],
    ["recruiter_kpi_per_person_actual_target_pairs.xlsx", "Mr Pink1"],
    ["recruiter_kpi_per_person_actual_target_pairs.xlsx", null],
  ];
  test.each(runs)("%s (%s): audited, valid, nothing lost, re-run idempotent", async (file, sheet) => {
    const input = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dm-cols-"));
    const cli = async (from: string, to: string) => {
      const stdout = new PassThrough();
      let text = "";
      stdout.on("data", (d) => (text += d));
      const argv = ["audit", from, "--json", "--out", to, ...(sheet ? ["--sheet", sheet] : [])];
      const code = await main(argv, { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
      return { code, json: code === 2 ? null : JSON.parse(text) };
    };
    const out = path.join(dir, "out.xlsx");
    const r = await cli(path.join(CORPUS, file), out);
    expect(r.code).not.toBe(2);
    expect(r.json.table.orientation).toBe("columns");
    const output = new Uint8Array(fs.readFileSync(out));
    // The audited sheet's part must be valid. (Known writer issues outside this layout, not
    // checked here: a workbook.xml declaring xmlns:r per <sheet> (openpyxl) loses it, and
    // docProps/app.xml does not list the added sheets.)
    const elsewhere = (p: string) => /^xl\/workbook\.xml|docProps\/app\.xml/.test(p);
    expect((await schemaProblems(input, output)).filter((p) => !elsewhere(p))).toEqual([]);
    expect(excelRuleProblems(output).filter((p) => !elsewhere(p))).toEqual([]);
    const wb = openWorkbook(input);
    const g = wb.readGrid(r.json.sheet);
    const d = decide({ grid: g });
    if (!d.ok || !d.plan?.ok) throw new Error("refused");
    expect(lostProblems(input, applyPlan(input, d.plan.plan), d.plan.plan)).toEqual([]);
    // Re-run on the output: the same metrics, the same side table, no new columns.
    const again = await cli(out, path.join(dir, "again.xlsx"));
    expect(again.code).not.toBe(2);
    expect(again.json.metrics.map((m: { name: string }) => m.name)).toEqual(
      r.json.metrics.map((m: { name: string }) => m.name),
    );
    expect(again.json.table.governanceColumns).toEqual(r.json.table.governanceColumns);
  });
});

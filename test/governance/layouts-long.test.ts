/**
 * The long layout reader (tidy exports, dimension columns, PY / Act / Plan families) on
 * small sheets of many shapes, the base-name answers it enables, and the command line on the
 * two corpus workbooks of this layout (skipped with a warning without ../shared).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { auditTable, metricKey } from "../../src/governance/audit";
import { decide } from "../../src/governance/decide";
import { detectKpiTable } from "../../src/governance/detect";
import { cellAt, cellText, type CellValue, type Grid } from "../../src/governance/grid";
import { baseNameOf, dimensionName, longReader, periodKey } from "../../src/governance/layouts/long";
import { readRows } from "../../src/governance/layouts/rows";
import type { Answers, KpiTable } from "../../src/governance/types";
import { openWorkbook } from "../../src/xlsx";
import { grid } from "../helpers/grids";
import { runCli } from "../helpers/io";
import { excelRuleProblems, lostProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";

function readLong(g: Grid): KpiTable {
  const found = longReader.read(g, {});
  expect(found).toHaveLength(1);
  return found[0];
}

function detected(g: Grid): KpiTable {
  const d = detectKpiTable(g);
  if (!d.ok) throw new Error(d.message);
  return d.table;
}

const names = (t: KpiTable) => t.metrics.map((m) => m.name);
const DATE = "mmm yyyy";
/** Date serials of the first of Jan..Dec 2024. */
const MONTHS_2024 = [45292, 45323, 45352, 45383, 45413, 45444, 45474, 45505, 45536, 45566, 45597, 45627];

describe("dimensionName and baseNameOf", () => {
  it("joins a name and its dimension values with a middle dot, and takes them off again", () => {
    expect(dimensionName("Sales", ["AZ"])).toBe("Sales · AZ");
    expect(dimensionName("Sales", [])).toBe("Sales");
    const dims = [
      { name: "Service", value: "ED" },
      { name: "Site", value: "MSB" },
    ];
    expect(baseNameOf("Overtime % · ED · MSB", dims)).toBe("Overtime %");
    expect(baseNameOf("Overtime % · MSB · ED", dims)).toBeNull();
    expect(baseNameOf("Overtime %", undefined)).toBeNull();
  });

  it("orders periods written as text, serials, quarters and years", () => {
    expect(periodKey("Sep 2021", "")).toBe(20210900);
    expect(periodKey("09-2021", "")).toBe(20210900);
    expect(periodKey("2021-09", "")).toBe(20210900);
    expect(periodKey("Q3 2021", "")).toBe(20210900);
    expect(periodKey("2021 Q4", "")!).toBeGreaterThan(periodKey("Q3 2021", "")!);
    expect(periodKey("2021", "")).toBe(20210000);
    expect(periodKey(45292, "mmm-yy")).toBe(20240101);
    expect(periodKey("ED", "")).toBeNull();
    expect(periodKey(0.5, "")).toBeNull();
  });
});

describe("tidy exports", () => {
  const oneDimension: CellValue[][] = [
    ["Metric", "Region", "Value"],
    ["Sales", "North", 120],
    ["Sales", "South", 90],
    ["Sales", "East", 75],
    ["Churn %", "North", 0.031],
    ["Churn %", "South", 0.042],
    ["Churn %", "East", 0.027],
  ];

  it("one dimension column: one metric per name and region, not six of two names", () => {
    const g = grid(oneDimension);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual([
      "Sales · North",
      "Sales · South",
      "Sales · East",
      "Churn % · North",
      "Churn % · South",
      "Churn % · East",
    ]);
    expect(t.metrics[0].dimensions).toEqual([{ name: "Region", value: "North" }]);
    expect(t.metrics[0].current).toEqual({ row: 1, col: 2 });
    expect(t.metrics[3].unit).toBe("percent-fraction");
    expect(t.valueColumns).toEqual([2]);
    // The rows reader alone reads names that repeat with less confidence than the long reading.
    const rows = readRows(g);
    expect(rows.ok && rows.table.confidence).toBeLessThan(t.confidence);
  });

  it("three dimension columns, in the sheet's column order, and the audit's current values", () => {
    const g = grid([
      ["Region", "Country", "Team", "KPI", "Actual", "Target"],
      ["EMEA", "FR", "Blue", "Tickets", 10, 12],
      ["EMEA", "FR", "Red", "Tickets", 11, 12],
      ["EMEA", "DE", "Blue", "Tickets", 12, 12],
      ["APAC", "JP", "Blue", "Tickets", 13, null],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual([
      "Tickets · EMEA · FR · Blue",
      "Tickets · EMEA · FR · Red",
      "Tickets · EMEA · DE · Blue",
      "Tickets · APAC · JP · Blue",
    ]);
    expect(t.metrics[1].dimensions?.map((d) => d.name)).toEqual(["Region", "Country", "Team"]);
    expect(t.metrics.map((m) => m.target)).toEqual([12, 12, 12, undefined]);
    const audit = auditTable({ grid: g, table: t });
    expect(audit.metrics.map((m) => m.current)).toEqual([10, 11, 12, 13]);
    expect(audit.metrics[3].target).toBeUndefined();
  });

  it("a dimension with one value on every row is left out of the name and said so", () => {
    const g = grid([
      ["Service", "Metric_Group", "Metric_Name", "value_rounded"],
      ["ED", "Overtime", "Overtime %", 0.08],
      ["Lab", "Overtime", "Overtime %", 0.11],
      ["Nursing", "Overtime", "Overtime %", 0.05],
    ]);
    const t = readLong(g);
    expect(detected(g).orientation).toBe("long");
    expect(names(t)).toEqual(["Overtime % · ED", "Overtime % · Lab", "Overtime % · Nursing"]);
    expect(t.metrics[0].dimensions).toEqual([{ name: "Service", value: "ED" }]);
    expect(t.notes.join(" ")).toContain("Metric_Group (B) is the same on every row");
  });

  it("several periods per metric: the latest period's row is the metric, the others its history", () => {
    const g = grid([
      ["Month", "Metric", "Site", "Value"],
      ["Feb 2024", "NPS", "Paris", 41],
      ["Jan 2024", "NPS", "Paris", 40],
      ["Jan 2024", "NPS", "Lyon", 30],
      ["Mar 2024", "NPS", "Paris", 44],
      ["Feb 2024", "NPS", "Lyon", 33],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["NPS · Paris", "NPS · Lyon"]);
    const paris = t.metrics[0];
    expect(paris.row).toBe(4);
    expect(paris.currentPeriod).toBe("Mar 2024");
    // History oldest first: Jan (row 3), Feb (row 2), Mar (row 5) in sheet rows 1-based.
    expect(paris.values?.map((c) => c.row)).toEqual([2, 1, 4]);
    const lyon = t.metrics[1];
    expect(lyon.row).toBe(5);
    expect(lyon.currentPeriod).toBe("Feb 2024");
    const audit = auditTable({ grid: g, table: t });
    expect(audit.metrics.map((m) => [m.current, m.currentPeriod])).toEqual([
      [44, "Mar 2024"],
      [33, "Feb 2024"],
    ]);
    expect(t.notes.join(" ")).toContain("3 earlier-period rows");
  });

  it("periods without any dimension: one metric per name, current from the latest period", () => {
    const g = grid([
      ["Period", "KPI", "Value"],
      ["2024-01", "Revenue", 100],
      ["2024-01", "Cost", 80],
      ["2024-02", "Revenue", 110],
      ["2024-02", "Cost", 85],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["Revenue", "Cost"]);
    expect(t.metrics.map((m) => m.currentPeriod)).toEqual(["2024-02", "2024-02"]);
  });

  it("a blank target is no target; a RAG status column is neither a value nor a dimension", () => {
    const g = grid([
      ["Service", "Site", "Metric_Name", "Period", "value_rounded", "Target", "Status"],
      ["ED", "MSB", "Overtime %", "Sep 2021", 0.08, 0.08, "Green"],
      ["Lab", "MSB", "Overtime %", "Sep 2021", 0.14, null, null],
      ["ED", "MSH", "Overtime %", "Sep 2021", 0.17, 0.08, "Red"],
      ["Lab", "MSH", "Overtime %", "Sep 2021", 0.12, 0.08, "Yellow"],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(t.valueColumns).toEqual([4]);
    expect(t.metrics.map((m) => m.dimensions?.map((d) => d.name))).toEqual(Array(4).fill(["Service", "Site"]));
    expect(t.metrics.map((m) => m.target)).toEqual([0.08, undefined, 0.08, 0.08]);
    expect(names(t)[1]).toBe("Overtime % · Lab · MSB");
    expect(t.notes.join(" ")).toContain("Status (G) is the sheet's own status");
  });

  it("total rows are roll-ups, skipped as totals", () => {
    const g = grid([
      ["Metric", "State", "Value"],
      ["Sales", "AZ", 10],
      ["Sales", "NY", 20],
      ["Sales", "Total", 30],
      ["Calls", "AZ", 5],
      ["Calls", "NY", 6],
      ["Calls", "All", 11],
    ]);
    const t = detected(g);
    expect(names(t)).toEqual(["Sales · AZ", "Sales · NY", "Calls · AZ", "Calls · NY"]);
    expect(t.skipped).toEqual([
      { row: 3, kind: "total" },
      { row: 6, kind: "total" },
    ]);
    expect(t.notes.join(" ")).toContain("Skipped 2 total rows");
  });
});

describe("a Scenario column (Actual / Plan / Budget)", () => {
  it("plays the part of a suffix: Actual rows are the metrics, the Plan row of the same period their target", () => {
    const g = grid([
      ["Month", "Region", "KPI", "Scenario", "Amount"],
      ["2024-01", "North", "Revenue", "Actual", 100],
      ["2024-01", "North", "Revenue", "Plan", 110],
      ["2024-01", "South", "Revenue", "Actual", 90],
      ["2024-01", "South", "Revenue", "Plan", 95],
      ["2024-02", "North", "Revenue", "Actual", 120],
      ["2024-02", "North", "Revenue", "Plan", 115],
      ["2024-02", "South", "Revenue", "Plan", 96],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["Revenue · South", "Revenue · North"]);
    const [south, north] = t.metrics;
    expect([north.row, north.currentPeriod, north.target]).toEqual([5, "2024-02", 115]);
    // South has no February actual: January's is its latest, against January's plan.
    expect([south.row, south.currentPeriod, south.target]).toEqual([3, "2024-01", 95]);
    expect(t.metrics.every((m) => m.dimensions?.length === 1)).toBe(true);
  });
});

describe("suffix families (PY / Act / Plan)", () => {
  /** A Finance-like sheet: blocks of states with a blank row and a Total row, dates across. */
  function families(suffixes: [string, string, string], lastFilled = 12): Grid {
    const rows: CellValue[][] = [["Table", "State", ...MONTHS_2024, "Total"]];
    const formats: (string | null)[][] = [[null, null, ...MONTHS_2024.map(() => DATE), null]];
    const states = ["AZ", "NY"];
    for (const base of ["sales", "Debtor Days"]) {
      for (const [k, suffix] of suffixes.entries()) {
        for (const [s, state] of states.entries()) {
          const values = MONTHS_2024.map((_, i) => (i < lastFilled ? 100 * (k + 1) + 10 * s + i : null));
          rows.push([`${base} ${suffix}`, state, ...values, 0]);
          formats.push([]);
        }
        rows.push([]);
        formats.push([]);
        rows.push([`${base} ${suffix}`, "Total", ...MONTHS_2024.map(() => 1), 0]);
        formats.push([]);
        rows.push([]);
        formats.push([]);
      }
    }
    return grid(rows, { numberFormats: formats, sheetName: "Finance" });
  }

  it("one metric per base and state on its Act row; PY and Plan rows are not metrics", () => {
    const g = families(["PY", "Act", "Plan"]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["sales · AZ", "sales · NY", "Debtor Days · AZ", "Debtor Days · NY"]);
    const actRows = t.metrics.map((m) => cellText(cellAt(g, m.row, 0)));
    expect(actRows).toEqual(["sales Act", "sales Act", "Debtor Days Act", "Debtor Days Act"]);
    const m = t.metrics[0];
    expect(m.values).toHaveLength(12);
    expect(m.current).toEqual({ row: m.row, col: 13 });
    expect(m.currentPeriod).toBe("Dec 2024");
    // The Plan row's December value for AZ: 100 * 3 + 0 + 11.
    expect(m.target).toBe(311);
    expect(t.metrics[1].target).toBe(321);
    expect(t.skipped.filter((s) => s.kind === "total")).toHaveLength(6);
    expect(t.notes.join(" ")).toContain("PY / Plan rows are reference values of their metric's Act row");
    const audit = auditTable({ grid: g, table: t });
    expect(audit.metrics[0].current).toBe(211);
    expect(audit.metrics[0].currentPeriod).toBe("Dec 2024");
  });

  it("Actual / Budget families, and the current value from the latest filled month", () => {
    const g = families(["Actual", "Budget", "PY"], 9);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["sales · AZ", "sales · NY", "Debtor Days · AZ", "Debtor Days · NY"]);
    const m = t.metrics[0];
    expect(m.currentPeriod).toBe("Sep 2024");
    expect(m.current).toEqual({ row: m.row, col: 10 });
    // Budget is the target (PY never is): 100 * 2 + 0 + 8.
    expect(m.target).toBe(208);
    expect(t.currentColumn).toBe(10);
  });

  it("a bare name is the actual row of its family", () => {
    const g = grid([
      ["Table", "State", "Jan", "Feb"],
      ["No of sales", "AZ", 1, 2],
      ["No of sales", "NY", 3, 4],
      ["No of sales PY", "AZ", 5, 6],
      ["No of sales PY", "NY", 7, 8],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["No of sales · AZ", "No of sales · NY"]);
    expect(t.metrics.map((m) => m.row)).toEqual([1, 2]);
    expect(t.metrics[0].target).toBeUndefined();
  });
});

describe("plain row tables stay with the rows reader", () => {
  const plain: CellValue[][][] = [
    [
      ["KPI", "Jan", "Feb", "Mar", "Target"],
      ["Revenue", 1, 2, 3, 4],
      ["Churn %", 0.1, 0.2, 0.3, 0.1],
      ["NPS", 40, 41, 42, 50],
    ],
    [
      ["Metric", "Region", "Actual", "Target"],
      ["Revenue", "North", 1, 2],
      ["Cost", "North", 3, 4],
      ["Headcount", "South", 5, 6],
    ],
    [
      ["KPI", "Actual", "Target", "Status"],
      ["Revenue", 1, 2, "Green"],
      ["Cost", 3, 4, "Red"],
    ],
  ];
  it.each(plain.map((v, i) => [i, v]))("plain table %i: no long reading", (_i, values) => {
    const g = grid(values as CellValue[][]);
    expect(longReader.read(g, {})).toEqual([]);
    expect(detected(g).orientation).toBe("rows");
  });

  it("the long reader is not asked when the person chose the rows layout", () => {
    const d = detectKpiTable(
      grid([
        ["Metric", "Region", "Value"],
        ["A", "N", 1],
        ["A", "S", 2],
        ["B", "N", 3],
      ]),
      {
        orientation: "rows",
      },
    );
    expect(d.ok && d.table.orientation).toBe("rows");
  });
});

describe("answers for metrics with dimensions", () => {
  const g = grid([
    ["Metric", "Region", "Value"],
    ["Sales", "North", 120],
    ["Sales", "South", 90],
    ["Churn %", "North", 0.03],
    ["Churn %", "South", 0.04],
  ]);
  const full: Answers = { owner: "Dana Lee", threshold: "< 100", lever: "cut prices by up to 5%" };

  it("an answer keyed by the full name matches that slice", () => {
    const answers = new Map([[metricKey("Sales · North"), full]]);
    const d = decide({ grid: g, answers, plan: false });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics.map((m) => m.answers.owner)).toEqual(["Dana Lee", "", "", ""]);
  });

  it("an answer for the base name applies to every slice without its own, field by field", () => {
    const answers = new Map<string, Partial<Answers>>([
      [metricKey("sales"), full],
      [metricKey("Sales · South"), { owner: "Sam Roe", threshold: "" }],
    ]);
    const d = decide({ grid: g, answers, plan: false });
    if (!d.ok) throw new Error(d.message);
    const [north, south, churnNorth] = d.audit.metrics;
    expect(north.answers).toEqual(full);
    expect(north.sources.owner).toBe("answers");
    expect(south.answers).toEqual({ owner: "Sam Roe", threshold: "< 100", lever: full.lever });
    expect(churnNorth.answers).toEqual({ owner: "", threshold: "", lever: "" });
  });

  it("a base-name answer does not reach a plain metric of another name", () => {
    const plain = grid([
      ["KPI", "Actual"],
      ["Sales North", 1],
      ["Cost", 2],
    ]);
    const d = decide({ grid: plain, answers: new Map([[metricKey("Sales"), full]]), plan: false });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics.map((m) => m.answers.owner)).toEqual(["", ""]);
  });
});

describe("governance on each metric's row, found again by a re-run", () => {
  it("writes to the right of the table on the Act rows, and reads the written columns back", () => {
    const g = grid([
      ["Table", "State", "Jan", "Feb"],
      ["sales Act", "AZ", 1, 2],
      ["sales Act", "NY", 3, 4],
      ["sales Plan", "AZ", 5, 6],
      ["sales Plan", "NY", 7, 8],
    ]);
    const d = decide({ grid: g, answers: new Map([[metricKey("sales"), { owner: "Dana Lee" }]]) });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    const plan = d.plan.plan;
    expect(plan.columns.map((c) => [c.kind, c.col, c.created])).toEqual([
      ["owner", 4, true],
      ["threshold", 5, true],
      ["lever", 6, true],
      ["governance", 7, true],
    ]);
    const rows = new Set(plan.cells.filter((c) => c.row > 0).map((c) => c.row));
    expect([...rows].sort()).toEqual([1, 2]);
    // The sheet after the write.
    const after = g.values.map((r) => [...r]);
    for (const c of plan.cells) {
      while (after[c.row].length <= c.col) after[c.row].push(null);
      after[c.row][c.col] = c.value;
    }
    const again = detected(grid(after));
    expect(again.orientation).toBe("long");
    expect(again.governance).toEqual({ owner: 4, threshold: 5, lever: 6, governance: 7 });
    expect(names(again)).toEqual(["sales · AZ", "sales · NY"]);
    const audit = auditTable({ grid: grid(after), table: again });
    expect(audit.metrics.map((m) => [m.answers.owner, m.sources.owner])).toEqual([
      ["Dana Lee", "sheet"],
      ["Dana Lee", "sheet"],
    ]);
  });

  it("a new period's row keeps the answers typed on the metric's earlier row", () => {
    const g = grid([
      ["Month", "Metric", "Site", "Value", "Owner", "Threshold", "Lever", "Governance"],
      ["Jan 2024", "NPS", "Paris", 40, "Dana Lee", "< 30", null, "old verdict"],
      ["Jan 2024", "NPS", "Lyon", 30, null, null, null, "old verdict"],
      ["Feb 2024", "NPS", "Paris", 41, null, null, "run a call-back day", null],
      ["Feb 2024", "NPS", "Lyon", 33, null, null, null, null],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    const paris = t.metrics[0];
    expect(paris.row).toBe(3);
    expect(paris.answerCells).toEqual({ owner: { row: 1, col: 4 }, threshold: { row: 1, col: 5 } });
    const audit = auditTable({ grid: g, table: t });
    expect(audit.metrics[0].answers).toEqual({ owner: "Dana Lee", threshold: "< 30", lever: "run a call-back day" });
    expect(audit.metrics[1].answers).toEqual({ owner: "", threshold: "", lever: "" });
  });

  it("reads Owner / Threshold / Lever / Governance columns a tidy export already has", () => {
    const g = grid([
      ["Metric", "Region", "Value", "Owner", "Threshold", "Lever", "Governance"],
      ["Sales", "North", 120, "Dana Lee", "< 100", "cut prices by up to 5%", "old"],
      ["Sales", "South", 90, null, null, null, null],
      ["Churn %", "North", 0.03, "Sam Roe", null, null, null],
    ]);
    const t = detected(g);
    expect(t.orientation).toBe("long");
    expect(t.governance).toEqual({ owner: 3, threshold: 4, lever: 5, governance: 6 });
    expect(t.metrics.map((m) => m.dimensions?.map((x) => x.name))).toEqual(Array(3).fill(["Region"]));
    const audit = auditTable({ grid: g, table: t });
    expect(audit.metrics.map((m) => m.answers.owner)).toEqual(["Dana Lee", "", "Sam Roe"]);
    expect(audit.metrics[0].status).toBe("decision-ready");
  });
});

// ---------------------------------------------------------------------------------------
// The command line on the corpus workbooks of this layout.

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const HOSPITAL = path.join(CORPUS, "hospital_overtime_kpi_long_format_target_status.xlsx");
const SCORECARD = path.join(CORPUS, "balanced_scorecard_py_act_plan_by_state.xlsx");
const haveCorpus = existsSync(HOSPITAL) && existsSync(SCORECARD);
if (!haveCorpus) console.warn(`layouts-long: corpus round trips skipped (no corpus at ${CORPUS})`);

interface JsonMetric {
  name: string;
  row: number;
  current: number | null;
  currentPeriod: string | null;
  owner: string | null;
  dimensions: { name: string; value: string }[] | null;
}

async function roundTrip(input: string, args: string[], answersCsv?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "dm-long-"));
  const out = path.join(dir, "out.xlsx");
  const extra: string[] = [];
  if (answersCsv !== undefined) {
    const file = path.join(dir, "answers.csv");
    writeFileSync(file, answersCsv);
    extra.push("--answers", file);
  }
  const run = await runCli(["audit", input, "--json", "--out", out, ...args, ...extra]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return { out, report: JSON.parse(run.stdout) as { table: { orientation: string }; metrics: JsonMetric[] } };
}

/** The written workbook passes the schemas and Excel's rules, and loses nothing of the person's. */
async function sound(
  input: string,
  output: string,
  sheet: string | undefined,
  answers?: Map<string, Partial<Answers>>,
) {
  const a = new Uint8Array(readFileSync(input));
  const b = new Uint8Array(readFileSync(output));
  const wb = openWorkbook(a);
  const g = wb.readGrid(sheet ?? "Sheet1");
  const d = decide({ grid: g, answers });
  if (!d.ok || !d.plan?.ok) throw new Error("no plan");
  expect(excelRuleProblems(b)).toEqual([]);
  expect(lostProblems(a, b, d.plan.plan)).toEqual([]);
  if (schemasAvailable()) expect(await schemaProblems(a, b)).toEqual([]);
  return d.plan.plan;
}

(haveCorpus ? describe : describe.skip)("the command line on long corpus workbooks", () => {
  const OT = "Overtime Dollars - % (Finance)";

  it("hospital: 44 metrics named with service and site, governance right of the table, a re-run finds it", async () => {
    const csv = `metric,owner,threshold,lever\n"${OT}",Dana Lee,> 10%,approve agency staff up to 40 hours\n"${OT} · ED · MSH",Sam Roe,,\n`;
    const first = await roundTrip(HOSPITAL, [], csv);
    expect(first.report.table.orientation).toBe("long");
    const ms = first.report.metrics;
    expect(ms).toHaveLength(44);
    expect(new Set(ms.map((m) => m.name)).size).toBe(44);
    const edMsh = ms.find((m) => m.name === `${OT} · ED · MSH`)!;
    expect(edMsh.row).toBe(19);
    expect(edMsh.current).toBeCloseTo(0.09);
    expect(edMsh.currentPeriod).toBe("Sep 2021");
    expect(edMsh.owner).toBe("Sam Roe");
    expect(ms.filter((m) => m.owner === "Dana Lee")).toHaveLength(43);
    const answers = new Map<string, Partial<Answers>>([
      [metricKey(OT), { owner: "Dana Lee", threshold: "> 10%", lever: "approve agency staff up to 40 hours" }],
      [metricKey(`${OT} · ED · MSH`), { owner: "Sam Roe", threshold: "", lever: "" }],
    ]);
    const plan = await sound(HOSPITAL, first.out, undefined, answers);
    // Governance in J:M (right of Status in I), on the metrics' own rows.
    expect(plan.columns.map((c) => c.col)).toEqual([9, 10, 11, 12]);
    const out = openWorkbook(new Uint8Array(readFileSync(first.out))).readGrid("Sheet1");
    expect(cellText(cellAt(out, 0, 9))).toBe("Owner");
    expect(cellText(cellAt(out, 18, 9))).toBe("Sam Roe");
    expect(cellText(cellAt(out, 1, 9))).toBe("Dana Lee");
    // The person's cells are unchanged.
    expect(cellText(cellAt(out, 18, 8))).toBe("Yellow");
    // A re-run reads the written answers from the sheet, with nothing more to write.
    const again = await roundTrip(first.out, []);
    expect(again.report.table.orientation).toBe("long");
    expect(again.report.metrics.map((m) => [m.name, m.owner])).toEqual(ms.map((m) => [m.name, m.owner]));
  });

  it("balanced scorecard --sheet Finance: one metric per base and state on the Act rows", async () => {
    const { out, report } = await roundTrip(SCORECARD, ["--sheet", "Finance"], "metric,owner\nsales,Dana Lee\n");
    expect(report.table.orientation).toBe("long");
    const ms = report.metrics;
    expect(ms).toHaveLength(24);
    expect(ms.slice(4, 8).map((m) => [m.name, m.row, m.current, m.owner])).toEqual([
      ["sales · AZ", 23, 678500, "Dana Lee"],
      ["sales · NY", 24, 959100, "Dana Lee"],
      ["sales · TX", 25, 434700, "Dana Lee"],
      ["sales · CA", 26, 437000, "Dana Lee"],
    ]);
    for (const m of ms) expect(m.name).not.toMatch(/ (PY|Plan|Act)\b| · Total$/);
    const plan = await sound(SCORECARD, out, "Finance", new Map([[metricKey("sales"), { owner: "Dana Lee" }]]));
    // Right of the Total column O, on the Act rows only.
    expect(plan.columns.map((c) => c.col)).toEqual([15, 16, 17, 18]);
    const written = new Set(plan.cells.filter((c) => c.row > 0).map((c) => c.row + 1));
    expect([...written].sort((x, y) => x - y)).toEqual(ms.map((m) => m.row).sort((x, y) => x - y));
  });
});

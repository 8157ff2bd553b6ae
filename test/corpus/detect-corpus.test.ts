/**
 * Detection on the real KPI workbooks in ../shared/corpus (see SOURCES.md there). The files
 * are test data kept out of the repository: without them (or without the .xlsx reader) the
 * suite is skipped with a warning.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { detectKpiTable } from "../../src/governance/detect";
import type { Grid } from "../../src/governance/grid";
import type { DetectResult, KpiTable } from "../../src/governance/types";

interface Workbook {
  sheetNames: string[];
  readGrid(name: string): Grid;
}

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const READER = path.resolve(__dirname, "../../src/xlsx/index.ts");
const available = fs.existsSync(CORPUS) && fs.existsSync(READER);
if (!available) console.warn(`detect-corpus: skipped (corpus at ${CORPUS} or the reader at ${READER} is missing)`);
const suite = available ? describe : describe.skip;

function open(file: string): Workbook {
  // Loaded lazily so the suite can be skipped while src/xlsx does not exist yet.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openWorkbook } = require("../../src/xlsx") as { openWorkbook(bytes: Uint8Array): Workbook };
  return openWorkbook(new Uint8Array(fs.readFileSync(path.join(CORPUS, file))));
}

const cache = new Map<string, Map<string, DetectResult>>();
function detect(file: string, sheet: string): DetectResult {
  let bySheet = cache.get(file);
  if (!bySheet) {
    bySheet = new Map();
    const wb = open(file);
    for (const name of wb.sheetNames) bySheet.set(name, detectKpiTable(wb.readGrid(name)));
    cache.set(file, bySheet);
  }
  const r = bySheet.get(sheet);
  if (!r) throw new Error(`no sheet '${sheet}' in ${file}`);
  return r;
}

function table(file: string, sheet: string): KpiTable {
  const r = detect(file, sheet);
  if (!r.ok) throw new Error(`${file} / ${sheet}: expected a table, got ${r.code}: ${r.message}`);
  return r.table;
}

const names = (t: KpiTable) => t.metrics.map((m) => m.name);

/** A metric name that is really a date, month, quarter or sprint number. */
function looksLikeTime(name: string): boolean {
  return (
    /^\d+([.,]\d+)?$/.test(name) ||
    /^\d{4}-\d{2}/.test(name) ||
    /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?([\s-]*\d{2,4})?$/i.test(name) ||
    /^(q[1-4]|h[12]|fy\d{2,4}|annual)(\s*\d{2,4})?$/i.test(name)
  );
}

/** Either metrics-in-columns, or a table whose metric names are never dates, months or numbers. */
function expectNoTimeMetrics(file: string, sheet: string): void {
  const r = detect(file, sheet);
  if (r.ok) expect(names(r.table).filter(looksLikeTime)).toEqual([]);
  else expect(["metrics-in-columns", "no-kpi-table", "empty-sheet"]).toContain(r.code);
}

function expectMetricsInColumns(file: string, sheet: string, someNames: string[]): void {
  const r = detect(file, sheet);
  expect(r.ok ? "ok" : r.code).toBe("metrics-in-columns");
  if (!r.ok) {
    expect(r.message).toContain(`Sheet '${sheet}'`);
    for (const n of someNames) expect(r.message).toContain(n);
    expect(r.message).toMatch(/one metric per row/);
  }
}

suite("detection on the real KPI corpus", () => {
  const files = available ? fs.readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort() : [];

  test.each(files.map((f) => [f]))("%s: every sheet is detected without throwing, and never names a metric after a date", (file) => {
    const wb = open(file);
    expect(wb.sheetNames.length).toBeGreaterThan(0);
    for (const sheet of wb.sheetNames) {
      const r = detectKpiTable(wb.readGrid(sheet));
      if (r.ok) {
        expect(r.table.sheetName).toBe(sheet);
        expect(r.table.confidence).toBeGreaterThanOrEqual(0);
        expect(r.table.confidence).toBeLessThanOrEqual(1);
        expect(r.table.lastRow).toBeLessThan(1_048_576);
        expect(names(r.table).filter(looksLikeTime)).toEqual([]);
      } else {
        expect(r.message.length).toBeGreaterThan(20);
      }
    }
  });

  describe("10 fpa_bank: the clean baseline", () => {
    const file = "fpa_bank_kpi_actual_budget_forecast.xlsx";
    test("KPI_Dashboard: header row 1, 6 KPIs, Actual current, Target reference", () => {
      const t = table(file, "KPI_Dashboard");
      expect(t.headerRow).toBe(0);
      expect(t.metricColumn).toBe(0);
      expect(names(t)).toEqual([
        "Return on Equity (ROE)",
        "Efficiency Ratio",
        "Net Interest Margin",
        "Loan Growth",
        "Deposit Growth",
        "Cost to Income Ratio",
      ]);
      expect(t.currentColumn).toBe(1);
      expect(t.referenceColumns).toEqual([2]);
      expect(t.valueColumns).not.toContain(2);
    });
    test("Financial_Performance: 9 metrics, 'Actual ($M)' current, Budget/Forecast/Var references", () => {
      const t = table(file, "Financial_Performance");
      expect(t.headerRow).toBe(0);
      expect(t.metrics).toHaveLength(9);
      expect(names(t)[0]).toBe("Net Interest Income");
      expect(names(t)[8]).toBe("Pre-Tax Income");
      expect(t.currentColumn).toBe(1);
      expect(t.referenceColumns).toEqual([2, 3, 4, 5, 6, 7]);
    });
    test("Variance_Drivers (Driver | Impact | Explanation) is not a KPI table", () => {
      expect(detect(file, "Variance_Drivers").ok).toBe(false);
    });
  });

  describe("2 balanced_scorecard", () => {
    const file = "balanced_scorecard_py_act_plan_by_state.xlsx";
    test("Dashboard: four PY|Actual|Plan|Variance blocks read as one table; repeated headers skipped", () => {
      const t = table(file, "Dashboard");
      expect(t.headerRow).toBe(6);
      expect(t.metricColumn).toBe(10); // K
      expect(t.currentColumn).toBe(12); // M: Actual
      expect(t.referenceColumns).toEqual([11, 13, 14]); // PY, Plan, Variance
      expect(t.metrics).toHaveLength(20);
      expect(names(t)).toEqual(expect.arrayContaining(["Sales 000s", "Debtor Days", "Satisfaction %", "Net Promotor Score %", "Excess Leave Days"]));
      for (const row of [15, 24, 33]) expect(t.skipped).toContainEqual({ row, kind: "header" });
      expect(t.skipped).toContainEqual({ row: 3, kind: "title" }); // K4, the office title formula
    });
    test.each(["Finance", "Customer", "Operations", "Resources"])("%s: real dates across C:N are the periods, Dec current, Total rows skipped", (sheet) => {
      const t = table(file, sheet);
      expect(t.headerRow).toBe(0);
      expect(t.metricColumn).toBe(0);
      expect(t.valueColumns).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      expect(t.currentColumn).toBe(13);
      expect(t.valueColumns).not.toContain(14); // the Total column
      const totals = t.skipped.filter((s) => s.kind === "total").map((s) => s.row);
      expect(totals.length).toBeGreaterThanOrEqual(10);
      for (const row of totals) expect(t.metrics.some((m) => m.row === row)).toBe(false);
      expect(names(t).some((n) => / (PY|Act|Plan)$/.test(n))).toBe(true);
    });
  });

  describe("metrics as columns", () => {
    test("3 saas Raw Data: months as text down the rows", () => {
      expectMetricsInColumns("saas_kpi_dashboard_metrics_as_columns.xlsx", "Raw Data", ["MRR ($)", "months"]);
    });
    test("4 scrum Spint_details and Data: sprint numbers down the rows", () => {
      expectMetricsInColumns("scrum_sprint_kpi_dashboard_excel_tables.xlsx", "Spint_details", ["Hours", "sprint numbers"]);
      expectMetricsInColumns("scrum_sprint_kpi_dashboard_excel_tables.xlsx", "Data", ["Hours"]);
    });
    test.each(["Accounts", "Purchasing", "Reactive", "Helpdesk", "Phones"])("6 service desk %s: weekly dates down the rows, table to row 1,048,576", (sheet) => {
      expectMetricsInColumns("service_desk_weekly_scorecard_fullcolumn_tables.xlsx", sheet, ["Open", "dates"]);
    });
    test("6 service desk Summary is empty", () => {
      const r = detect("service_desk_weekly_scorecard_fullcolumn_tables.xlsx", "Summary");
      expect(r.ok ? "ok" : r.code).toBe("empty-sheet");
    });
    test("9 glidepath: one KPI per sheet, months down the rows under the header in row 35", () => {
      for (const sheet of ["Percentage (eg Compliance)", "Average (eg UPH)", "Numbers (eg Testing)"]) {
        expectMetricsInColumns("kpi_glidepath_single_kpi_monthly_target_vs_actual.xlsx", sheet, ["Current Actuals", "row 35"]);
      }
    });
    test("12 recruiter per-person sheets: dates (real and text) down the rows", () => {
      for (const sheet of ["Mr Pink1", "Mr Black1", "Beatrix1", "Miss G1"]) {
        expectNoTimeMetrics("recruiter_kpi_per_person_actual_target_pairs.xlsx", sheet);
        expect(detect("recruiter_kpi_per_person_actual_target_pairs.xlsx", sheet).ok).toBe(false);
      }
    });
    test("12 recruiter chart sheets: Q1/Q2/Annual are not metrics", () => {
      for (const sheet of ["Mr Pink", "Mr Black", "Miss G"]) expectNoTimeMetrics("recruiter_kpi_per_person_actual_target_pairs.xlsx", sheet);
    });
    test("13 pivot sheets with months down the rows", () => {
      for (const sheet of ["UnitsSoldEachMonth", "ProfitByMonth"]) expectNoTimeMetrics("kpi_dashboard_template_pivots_fullrow_merge.xlsx", sheet);
    });
  });

  describe("other layouts", () => {
    test("5 many small tables: the city × year table (Table11) is read; months-down tables are not", () => {
      const t = table("kpi_dashboard_many_small_tables_one_sheet.xlsx", "Sheet1");
      expect(t.tableName).toBe("Table11");
      expect(t.headerRow).toBe(4);
      expect(names(t)).toEqual(["Bangalore", "Chennai", "Hyderabad", "Kochi", "Mumbai"]);
      expect(t.currentColumn).toBe(4); // 2023
    });
    test("8 hospital long format: Metric_Name is the metric column, value current, Target reference", () => {
      const t = table("hospital_overtime_kpi_long_format_target_status.xlsx", "Sheet1");
      expect(t.headerRow).toBe(0);
      expect(t.metricColumn).toBe(3);
      expect(t.metrics).toHaveLength(44);
      expect(t.currentColumn).toBe(6);
      expect(t.referenceColumns).toEqual([7]);
    });
    test("13 raw data sheets (Country | Product | Units Sold …) are not KPI tables", () => {
      for (const sheet of ["Data", "NewData"]) expect(detect("kpi_dashboard_template_pivots_fullrow_merge.xlsx", sheet).ok).toBe(false);
    });
    test("3 saas KPI Dashboard and KPI Calc (formulas with no cached values) never yield month metrics", () => {
      for (const sheet of ["KPI Dashboard", "KPI Calc", "Charts"]) expectNoTimeMetrics("saas_kpi_dashboard_metrics_as_columns.xlsx", sheet);
    });
  });
});

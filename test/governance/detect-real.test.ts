/**
 * The rows reader on the layouts real dashboards have (issue 13, classes 5-8 and 11):
 * two-row headers (a period over Actual / Target), quarters and totals among the periods,
 * header dates that are formulas, labels that are not metrics, and Unit / Direction columns.
 */
import { detectKpiTable } from "../../src/governance/detect";
import { auditTable } from "../../src/governance/audit";
import type { CellValue, Grid } from "../../src/governance/grid";
import { readRows } from "../../src/governance/layouts/rows";
import type { KpiTable, MetricRow } from "../../src/governance/types";
import { fileAdvice } from "../../src/taskpane/decisionMap/useDecisionMap";
import { detected, gridWith } from "../helpers/grids";

const g = gridWith;
const ok = detected;

const rowsOf = (grid: Grid) => ok(readRows(grid));
const names = (t: KpiTable) => t.metrics.map((m) => m.name);
const metric = (t: KpiTable, name: string): MetricRow => {
  const m = t.metrics.find((x) => x.name === name);
  if (!m) throw new Error(`no metric '${name}' in ${names(t).join(", ")}`);
  return m;
};
const kindOf = (t: KpiTable, row: number) => t.skipped.find((s) => s.row === row)?.kind;
/** The current value and period the audit reads, per metric. */
function currents(grid: Grid, t: KpiTable): [string, number | null, string | null][] {
  return auditTable({ grid, table: t }).metrics.map((m) => [m.name, m.current, m.currentPeriod]);
}

// ---------------------------------------------------------------------------------------
// Class 5: two-row headers

describe("two-row headers: a period over Actual / Target", () => {
  /** Months over Actual | Target pairs; `filled` months have actuals. */
  function paired(
    actual: string,
    target: string,
    filled: number,
    months = ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024"],
  ) {
    const top: CellValue[] = ["KPI"];
    const sub: CellValue[] = [null];
    for (const m of months) {
      top.push(m, null);
      sub.push(actual, target);
    }
    const row = (name: string, base: number, step: number): CellValue[] => {
      const out: CellValue[] = [name];
      months.forEach((_, i) => out.push(i < filled ? base + i * step : null, base + 10 + i));
      return out;
    };
    return [top, sub, row("Revenue", 100, 5), row("Churn rate", 3, 1), row("NPS", 40, 2)];
  }

  test.each([
    ["Actual", "Target"],
    ["Actual", "Budget"],
    ["Actual", "Plan"],
    ["Act", "Tgt"],
    ["Réalisé", "Objectif"],
    ["Réel", "Cible"],
    ["Ist", "Soll"],
    ["Real", "Meta"],
    ["Realizado", "Presupuesto"],
    ["Realizado", "Meta"],
    ["Actuals", "Forecast"],
  ])("%s / %s under months: the latest actual is current, its target a hint", (actual, target) => {
    const grid = g(paired(actual, target, 3));
    const t = rowsOf(grid);
    expect(t.headerRow).toBe(1);
    expect(names(t)).toEqual(["Revenue", "Churn rate", "NPS"]);
    // Actuals B, D, F, H are the values; the targets C, E, G, I are references.
    expect(t.valueColumns).toEqual([1, 3, 5, 7]);
    expect(t.referenceColumns).toEqual([2, 4, 6, 8]);
    expect(t.currentColumn).toBe(5); // Mar 2024: April has no actual yet
    const rev = metric(t, "Revenue");
    expect(rev.current).toEqual({ row: 2, col: 5 });
    expect(rev.currentPeriod).toBe(`Mar 2024 ${actual}`);
    expect(rev.target).toBe(112); // Mar 2024's target, not April's
    expect(kindOf(t, 0)).toBe("header");
    expect(currents(grid, t)[0]).toEqual(["Revenue", 110, `Mar 2024 ${actual}`]);
    expect(t.notes.join("\n")).toMatch(/Two-row header: periods in row 1 over .* in row 2/);
  });

  test("the metric header in the lower row, a title above the periods, periods repeated over each column", () => {
    const values: CellValue[][] = [
      ["Operations scorecard FY2024"],
      [null, "Jan-24", "Jan-24", "Feb-24", "Feb-24", "Mar-24", "Mar-24"],
      ["KPI", "Actual", "Target", "Actual", "Target", "Actual", "Target"],
      ["First contact resolution", 71, 75, 74, 75, 77, 75],
      ["Average handle time", 9.1, 8, 8.7, 8, null, 8],
    ];
    const grid = g(values);
    const t = rowsOf(grid);
    expect(t.headerRow).toBe(2);
    expect(kindOf(t, 0)).toBe("title");
    expect(kindOf(t, 1)).toBe("header");
    expect(currents(grid, t)).toEqual([
      ["First contact resolution", 77, "Mar-24 Actual"],
      ["Average handle time", 8.7, "Feb-24 Actual"],
    ]);
    expect(metric(t, "Average handle time").target).toBe(8);
  });

  test("a metric whose latest month is missing reads its own latest actual, with that month's target", () => {
    const values = paired("Actual", "Target", 3);
    values[4][5] = null; // NPS has no March actual
    const t = rowsOf(g(values));
    const nps = metric(t, "NPS");
    expect(nps.current).toEqual({ row: 4, col: 3 });
    expect(nps.currentPeriod).toBe("Feb 2024 Actual");
    expect(nps.target).toBe(51);
  });

  test("the period merged across its pair reads the same as written once", () => {
    const values = paired("Actual", "Target", 2);
    const merges = [1, 3, 5, 7].map((c) => ({ top: 0, left: c, bottom: 0, right: c + 1 }));
    const t = rowsOf(g(values, { merges }));
    expect(t.currentColumn).toBe(3);
    expect(metric(t, "Churn rate").currentPeriod).toBe("Feb 2024 Actual");
    expect(metric(t, "Churn rate").target).toBe(14);
  });

  test("Target before Actual in each pair is read the same", () => {
    const values: CellValue[][] = [
      ["Metric", "Q1", null, "Q2", null, "Q3", null],
      [null, "Target", "Actual", "Target", "Actual", "Target", "Actual"],
      ["Win rate", 30, 28, 30, 31, 32, null],
      ["Pipeline", 500, 450, 520, 610, 540, null],
    ];
    const t = rowsOf(g(values));
    expect(t.valueColumns).toEqual([2, 4, 6]);
    expect(t.currentColumn).toBe(4);
    expect(metric(t, "Pipeline").target).toBe(520);
    expect(metric(t, "Pipeline").currentPeriod).toBe("Q2 Actual");
  });

  test("header dates over the pairs are read by their format", () => {
    const jan = 45292; // 2024-01-01
    const values: CellValue[][] = [
      ["KPI", jan, null, jan + 31, null, jan + 60, null],
      [null, "Actual", "Target", "Actual", "Target", "Actual", "Target"],
      ["On-time delivery %", 91, 95, 93, 95, null, 95],
      ["Backlog", 120, 100, 110, 100, null, 100],
    ];
    const formats = { "0,1": "mmm yyyy", "0,3": "mmm yyyy", "0,5": "mmm yyyy" };
    const t = rowsOf(g(values, { formats }));
    expect(metric(t, "Backlog").currentPeriod).toBe("Feb 2024 Actual");
    expect(metric(t, "Backlog").target).toBe(100);
    expect(t.headers[3]).toBe("Feb 2024 Actual");
  });

  test("a variance column in the pair is no target", () => {
    const values: CellValue[][] = [
      ["KPI", "Jan", null, null, "Feb", null, null],
      [null, "Actual", "Var", "Budget", "Actual", "Var", "Budget"],
      ["Opex", 50, -5, 55, 52, -8, 60],
    ];
    const t = rowsOf(g(values));
    expect(metric(t, "Opex").current).toEqual({ row: 2, col: 4 });
    expect(metric(t, "Opex").target).toBe(60);
  });

  test.each([["Total"], ["YTD"], ["Full Year"], ["FY 2024"]])(
    "an Actual / Target pair under '%s' is never the current period",
    (total) => {
      const values: CellValue[][] = [
        ["KPI", "Jan", null, "Feb", null, total, null],
        [null, "Actual", "Target", "Actual", "Target", "Actual", "Target"],
        ["Revenue", 100, 110, null, 120, 100, 230],
        ["Costs", 50, 45, 52, 45, 102, 90],
      ];
      const grid = g(values);
      const t = rowsOf(grid);
      expect(t.valueColumns).toEqual([1, 3]);
      expect(t.referenceColumns).toEqual([2, 4, 5, 6]);
      expect(t.currentColumn).toBe(3);
      // Revenue has no February actual: its January one, never the total's.
      expect(currents(grid, t)).toEqual([
        ["Revenue", 100, "Jan Actual"],
        ["Costs", 52, "Feb Actual"],
      ]);
      expect(metric(t, "Revenue").target).toBe(110);
      expect(t.notes.join("\n")).toContain(`Column F (${total} Actual) is a total, never the current period`);
    },
  );

  test("one period over one column is a title, not a two-row header", () => {
    const values: CellValue[][] = [
      [null, "2024"],
      ["KPI", "Actual", "Owner"],
      ["Revenue", 100, "Dana Lee"],
      ["Margin", 0.3, "Priya Shah"],
    ];
    const t = rowsOf(g(values));
    expect(t.headerRow).toBe(1);
    expect(kindOf(t, 0)).toBe("title");
    expect(metric(t, "Revenue").currentPeriod).toBeUndefined();
    expect(t.headers[1]).toBe("Actual");
  });

  test("single-row 'Jan Actual | Jan Target | Feb Actual | …': the latest actual, not the first", () => {
    const values: CellValue[][] = [
      ["KPI", "Jan Actual", "Jan Target", "Feb Actual", "Feb Target", "Mar Actual", "Mar Target"],
      ["Leads", 10, 12, 14, 12, null, 12],
      ["Deals", 2, 3, 4, 3, null, 3],
    ];
    const t = rowsOf(g(values));
    expect(t.valueColumns).toEqual([1, 3, 5]);
    expect(t.currentColumn).toBe(3);
    expect(metric(t, "Leads").currentPeriod).toBe("Feb Actual");
    expect(metric(t, "Leads").target).toBe(12);
  });

  test("one Target column beside Actual gives each metric its target", () => {
    const values: CellValue[][] = [
      ["KPI", "Actual", "Target", "Commentary"],
      ["ROE", 0.14, 0.15, "Below"],
      ["Efficiency ratio", 0.58, 0.55, ""],
    ];
    const t = rowsOf(g(values));
    expect(metric(t, "ROE").target).toBe(0.15);
    expect(metric(t, "Efficiency ratio").target).toBe(0.55);
  });
});

// ---------------------------------------------------------------------------------------
// Class 6: periods

describe("periods: quarters, totals, formulas", () => {
  test.each([
    [["Q1", "Q2", "Q3", "Q4"]],
    [["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"]],
    [["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"]],
    [["T1", "T2", "T3", "T4"]],
    [["Trimestre 1", "Trimestre 2", "Trimestre 3", "Trimestre 4"]],
    [["1st Quarter", "2nd Quarter", "3rd Quarter", "4th Quarter"]],
    [["Quartal 1", "Quartal 2", "Quartal 3", "Quartal 4"]],
  ])("quarters %j are periods; the latest with data is current", (qs) => {
    const values: CellValue[][] = [
      ["Metric", ...qs],
      ["Revenue", 10, 11, 12, null],
      ["Gross margin", 40, 41, 43, null],
    ];
    const grid = g(values);
    const t = rowsOf(grid);
    expect(t.valueColumns).toEqual([1, 2, 3, 4]);
    expect(t.currentColumn).toBe(3);
    expect(currents(grid, t)[1]).toEqual(["Gross margin", 43, qs[2]]);
  });

  test.each([["Q1 Actual"], ["Q1 Act"], ["Q1 Réel"]])("'%s'-style headers: the latest quarter's actual", (h) => {
    const word = h.split(" ")[1];
    const values: CellValue[][] = [
      ["Metric", `Q1 ${word}`, "Q1 Target", `Q2 ${word}`, "Q2 Target", `Q3 ${word}`, "Q3 Target"],
      ["Churn", 3, 2, 4, 2, 5, 2],
    ];
    const t = rowsOf(g(values));
    expect(t.currentColumn).toBe(5);
    expect(metric(t, "Churn").currentPeriod).toBe(`Q3 ${word}`);
    expect(metric(t, "Churn").target).toBe(2);
  });

  test.each([["FY 2024"], ["FY24"], ["Full Year"], ["Annual"], ["2024"], ["YTD"], ["Total"], ["Avg"], ["Average"]])(
    "a '%s' column after the months is never the current period",
    (total) => {
      const values: CellValue[][] = [
        ["Metric", "Jan", "Feb", "Mar", "Apr", total],
        ["Revenue", 10, 11, 12, null, 33],
        ["Cost", 5, 6, 7, null, 18],
      ];
      const grid = g(values);
      const t = rowsOf(grid);
      expect(t.currentColumn).toBe(3);
      expect(t.valueColumns).not.toContain(5);
      expect(currents(grid, t)).toEqual([
        ["Revenue", 12, "Mar"],
        ["Cost", 7, "Mar"],
      ]);
    },
  );

  test("a metric with no value this month falls back to its latest month, never the FY column", () => {
    const values: CellValue[][] = [
      ["Metric", "Q1", "Q2", "Q3", "Q4", "FY"],
      ["Revenue", 10, 11, 12, null, 33],
      ["Headcount", 50, 52, null, null, 52],
    ];
    const grid = g(values);
    const t = rowsOf(grid);
    expect(currents(grid, t)[1]).toEqual(["Headcount", 52, "Q2"]);
    expect(currents(grid, t)[1][1]).toBe(52);
    expect(auditTable({ grid, table: t }).metrics[1].currentColumn).toBe(2);
  });

  test("years alone are periods: the latest year is current", () => {
    const values: CellValue[][] = [
      ["Metric", 2021, 2022, 2023],
      ["Customers", 100, 150, 210],
      ["Revenue", 1, 2, 3],
    ];
    const t = rowsOf(g(values));
    expect(t.valueColumns).toEqual([1, 2, 3]);
    expect(t.currentColumn).toBe(3);
  });

  test("header dates with cached values read by their format", () => {
    const values: CellValue[][] = [
      ["Metric", 45322, 45351, 45382],
      ["Leads", 10, 11, 12],
      ["MQLs", 4, 5, 6],
    ];
    const formats = { "0,1": "mmm-yy", "0,2": "mmm-yy", "0,3": "mmm-yy" };
    const formulaCells = ["0,2", "0,3"]; // =EOMONTH(B1,1) with saved results
    const grid = g(values, { formats, formulaCells });
    const t = rowsOf(grid);
    expect(t.currentColumn).toBe(3);
    expect(currents(grid, t)[0]).toEqual(["Leads", 12, "Mar-24"]);
  });

  test("header dates that are formulas with no saved result are read by position, and said so", () => {
    const values: CellValue[][] = [
      ["Metric", 45322, null, null, "Target"],
      ["Leads", 10, 11, 12, 15],
      ["MQLs", 4, 5, 6, 8],
    ];
    const formats = { "0,1": "mmm-yy" };
    const grid = g(values, { formats, formulaCells: ["0,2", "0,3"] });
    const t = rowsOf(grid);
    expect(t.valueColumns).toEqual([1, 2, 3]);
    expect(t.currentColumn).toBe(3);
    expect(t.notes.join("\n")).toMatch(/Header cells C:D in row 1 are formulas with no saved result/);
    const [leads] = currents(grid, t);
    expect(leads[1]).toBe(12);
    expect(leads[2]).toMatch(/column D .*no saved result/);
  });

  test("a row of labels and uncalculated formulas is data, not a header", () => {
    const values: CellValue[][] = [
      ["Metric", "Jan", "Feb"],
      ["Leads", null, null],
      ["MQLs", null, null],
    ];
    const grid = g(values, { formulaCells: ["1,1", "1,2", "2,1", "2,2"] });
    const t = rowsOf(grid);
    expect(t.headerRow).toBe(0);
    expect(names(t)).toEqual(["Leads", "MQLs"]);
  });

  test("month names in other languages, including 'Desember', are periods", () => {
    const months = ["Oktober", "November", "Desember"];
    const values: CellValue[][] = [
      ["Indikator", ...months],
      ["Penjualan", 10, 11, 12],
      ["Biaya", 5, 6, 7],
    ];
    const t = rowsOf(g(values));
    expect(t.currentColumn).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------
// Class 7: not metrics

describe("labels that are not metrics", () => {
  test.each([
    ["Total", "total"],
    ["Grand Total", "total"],
    ["Total Result", "total"],
    ["Total general", "total"],
    ["Gesamtergebnis", "total"],
    ["Sum of Profit", "total"],
    ["Suma de Ventas", "total"],
    ["Count of Orders", "total"],
    ["Row Labels", "header"],
    ["Column Labels", "header"],
    ["Etiquetas de fila", "header"],
    ["Étiquettes de lignes", "header"],
    ["Section", "header"],
    ["HIGHLIGHTS", "section"],
    ["PRIORITIES", "section"],
    ["NOTES", "section"],
    ["Next steps:", "section"],
    ["SUB-000123", "note"],
    ["INV20240017", "note"],
    ["#4521", "note"],
    ["2024-03-31", "note"],
    ["Mar-24", "note"],
  ])("'%s' is never a metric (%s)", (label, kind) => {
    const values: CellValue[][] = [
      ["Metric", "Jan", "Feb", "Mar"],
      ["Revenue", 10, 11, 12],
      [label, 1, 2, 3],
      ["Gross margin", 40, 41, 43],
    ];
    const t = rowsOf(g(values));
    expect(names(t)).toEqual(["Revenue", "Gross margin"]);
    expect(kindOf(t, 2)).toBe(kind);
  });

  test("a HIGHLIGHTS block with text beside it is a section, its lines notes or sections", () => {
    const values: CellValue[][] = [
      ["KPI", "Actual", "Target"],
      ["Revenue", 100, 110],
      ["Churn", 3, 2],
      [],
      ["HIGHLIGHTS", "Signed two enterprise customers this month, both in the public sector.", null],
      ["PRIORITIES", "Close the renewal backlog before the quarter ends and hire two SDRs.", null],
    ];
    const t = rowsOf(g(values));
    expect(names(t)).toEqual(["Revenue", "Churn"]);
    expect(kindOf(t, 4)).toBe("section");
    expect(kindOf(t, 5)).toBe("section");
  });

  test.each([["Issues"], ["Risks"], ["Decisions"], ["Escalations"]])(
    "'%s' with numbers beside it counts something: a metric; with text beside it, a section",
    (label) => {
      const values: CellValue[][] = [
        ["Metric", "Jan", "Feb", "Mar"],
        ["Revenue", 10, 11, 12],
        [label, 4, 6, 3],
        ["Gross margin", 40, 41, 43],
        [],
        [label.toUpperCase(), "Two vendors are late with the integration and need escalation.", null, null],
      ];
      const t = rowsOf(g(values));
      expect(names(t)).toEqual(["Revenue", label, "Gross margin"]);
      expect(kindOf(t, 5)).toBe("section");
    },
  );

  test("a date serial as a label is no metric", () => {
    const values: CellValue[][] = [
      ["Metric", "Actual", "Target"],
      ["Revenue", 100, 110],
      [45382, 1, 2],
      ["Margin", 0.3, 0.35],
    ];
    const t = rowsOf(g(values, { formats: { "2,0": "yyyy-mm-dd" } }));
    expect(names(t)).toEqual(["Revenue", "Margin"]);
    expect(kindOf(t, 2)).toBe("note");
  });

  test("a pivot with Row Labels and a Grand Total reads its items, latest month current", () => {
    const values: CellValue[][] = [
      ["Sum of Profit", "Column Labels"],
      ["Row Labels", "Jan", "Feb", "Mar", "Grand Total"],
      ["Chocolate Chip", 10, 12, 13, 35],
      ["Oatmeal Raisin", 5, 6, 7, 18],
      ["Grand Total", 15, 18, 20, 53],
    ];
    const grid = g(values);
    const t = rowsOf(grid);
    expect(names(t)).toEqual(["Chocolate Chip", "Oatmeal Raisin"]);
    expect(t.currentColumn).toBe(3);
    expect(kindOf(t, 4)).toBe("total");
    expect(currents(grid, t)[0]).toEqual(["Chocolate Chip", 13, "Mar"]);
  });
});

// ---------------------------------------------------------------------------------------
// Class 8: units and direction from the sheet

describe("units and direction stated by the sheet", () => {
  function withUnits(direction: string[] | null): CellValue[][] {
    const header: CellValue[] = [
      "KPI",
      "Unit",
      ...(direction ? ["Direction"] : []),
      "Jan",
      "Feb",
      "Target",
      "Threshold",
    ];
    const rows: CellValue[][] = [
      ["Error rate", "%", ...(direction ? [direction[0]] : []), 6, 7, 5, "> 8%"],
      ["Cycle time", "days", ...(direction ? [direction[1]] : []), 12, 14, 10, "> 15"],
      ["Revenue", "$", ...(direction ? [direction[2]] : []), 1000, 1200, 1100, "< 900"],
      ["Quality score", "pts", ...(direction ? [direction[3]] : []), 80, 78, 85, "< 70"],
    ];
    return [header, ...rows];
  }

  test("a Unit column is read per row and is not a value column", () => {
    const t = rowsOf(g(withUnits(null)));
    expect(t.valueColumns).toEqual([2, 3]);
    expect(t.currentColumn).toBe(3);
    expect(t.metrics.map((m) => m.unitLabel)).toEqual(["%", "days", "$", "pts"]);
    expect(metric(t, "Error rate").unit).toBe("percent-points");
    expect(metric(t, "Cycle time").unit).toBe("number");
    expect(t.notes.join("\n")).toMatch(/Units in column B/);
  });

  test("Unit '%' with plain numbers: '> 8%' compares 7 with 8 (not 0.08), so it is not red", () => {
    const grid = g(withUnits(null));
    const t = rowsOf(grid);
    const a = auditTable({ grid, table: t });
    const err = a.metrics.find((m) => m.name === "Error rate")!;
    expect(err.current).toBe(7);
    expect(err.threshold?.value).toBe(8);
    expect(err.breached).toBe(false);
  });

  test("a Unit '%' row in a percent number format stays a fraction", () => {
    const values: CellValue[][] = [
      ["KPI", "Unit", "Jan", "Feb"],
      ["Churn", "%", 0.03, 0.04],
    ];
    const t = rowsOf(g(values, { formats: { "1,2": "0.0%", "1,3": "0.0%" } }));
    expect(metric(t, "Churn").unit).toBe("percent-fraction");
    expect(metric(t, "Churn").unitLabel).toBe("%");
  });

  test.each([
    [["Lower is better", "Lower is better", "Higher is better", "Higher is better"]],
    [["↓", "↓", "↑", "↑"]],
    [["Down is good", "Down is good", "Up is good", "Up is good"]],
    [["Minimize", "Minimise", "Maximize", "Maximize"]],
    [["Lower", "Lower", "Higher", "Higher"]],
    [["Menor es mejor", "Niedriger ist besser", "Plus haut est mieux", "Maior é melhor"]],
  ])("a Direction column %j is read per row and wins over the name", (dirs) => {
    const grid = g(withUnits(dirs));
    const t = rowsOf(grid);
    expect(t.valueColumns).toEqual([3, 4]);
    expect(t.metrics.map((m) => m.direction)).toEqual(["above", "above", "below", "below"]);
    const a = auditTable({ grid, table: t });
    expect(a.metrics.map((m) => m.direction?.source)).toEqual(["answer", "answer", "answer", "answer"]);
  });

  test("the sheet's direction decides a bare threshold, over the lexicon's guess", () => {
    // "Revenue" reads as low-is-bad by name; the sheet says lower is better (a cost line).
    const values: CellValue[][] = [
      ["KPI", "Direction", "Jan", "Feb", "Threshold"],
      ["Revenue leakage", "Higher is better", 10, 12, "11"],
      ["Returns", "Lower is better", 5, 6, "5"],
    ];
    const grid = g(values);
    const t = rowsOf(grid);
    const a = auditTable({ grid, table: t });
    expect(a.metrics[0].threshold?.direction).toBe("below");
    expect(a.metrics[0].direction).toEqual({ direction: "below", source: "sheet" });
    expect(a.metrics[0].breached).toBe(false);
    expect(a.metrics[1].direction).toEqual({ direction: "above", source: "sheet" });
    expect(a.metrics[1].breached).toBe(true);
  });

  test("a 'Units' column of numbers is data, not a unit", () => {
    const values: CellValue[][] = [
      ["Product", "Units", "Jan", "Feb"],
      ["Widgets", 10, 100, 110],
      ["Gadgets", 20, 200, 210],
    ];
    const t = rowsOf(g(values));
    expect(t.metrics.every((m) => m.unitLabel === undefined)).toBe(true);
  });

  test.each([
    ["Churn (%)", "%"],
    ["Revenue ($M)", "$M"],
    ["Cycle time (days)", "days"],
    ["Resolution [hrs]", "hrs"],
  ])("a unit in the metric's name '%s' is its unitLabel", (name, unit) => {
    const values: CellValue[][] = [
      ["KPI", "Jan", "Feb"],
      [name, 5, 6],
      ["Other", 1, 2],
    ];
    const t = rowsOf(g(values));
    expect(metric(t, name).unitLabel).toBe(unit);
  });

  test("an acronym in brackets is no unit", () => {
    const values: CellValue[][] = [
      ["KPI", "Actual", "Target"],
      ["Return on Equity (ROE)", 0.14, 0.15],
      ["Net Interest Margin (NIM)", 0.03, 0.03],
    ];
    const t = rowsOf(g(values));
    expect(t.metrics.every((m) => m.unitLabel === undefined)).toBe(true);
  });

  test("a unit on the value header applies to every metric", () => {
    const values: CellValue[][] = [
      ["Metric", "Actual ($M)", "Budget ($M)"],
      ["Net Interest Income", 520, 500],
      ["Operating Expenses", 430, 420],
    ];
    const t = rowsOf(g(values));
    expect(t.metrics.map((m) => m.unitLabel)).toEqual(["$M", "$M"]);
    expect(metric(t, "Operating Expenses").target).toBe(420);
  });
});

// ---------------------------------------------------------------------------------------
// Class 11: messages

describe("messages", () => {
  test("a refusal is one line and offers only what exists", () => {
    const r = readRows(g([["Just some notes about the quarter"], ["More notes here"]]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).not.toMatch(/header row\./);
    expect(r.message).not.toMatch(/give its header row/);
    expect(r.message).toMatch(/select the table/);
    expect(r.message.includes("\n")).toBe(false);
    // The workbench turns the advice into its own (there is no selection there).
    expect(fileAdvice(r.message)).toMatch(/Choose another sheet in the Sheet list above\.$/);
  });

  test("the notes quote headers, never data cells", () => {
    const values: CellValue[][] = [
      ["KPI", "Jan", null, "Feb", null],
      [null, "Actual", "Target", "Actual", "Target"],
      ["Secret revenue line", 100, 110, 120, 130],
    ];
    const t = rowsOf(g(values));
    for (const n of t.notes) {
      expect(n).not.toMatch(/Secret revenue line|\b120\b|\b130\b/);
      expect(n.includes("\n")).toBe(false);
    }
  });

  test("detect keeps the two-row reading as the table it returns", () => {
    const values: CellValue[][] = [
      ["KPI", "Jan", null, "Feb", null],
      [null, "Actual", "Target", "Actual", "Target"],
      ["Revenue", 100, 110, 120, 130],
      ["Costs", 50, 45, 52, 45],
    ];
    const t = ok(detectKpiTable(g(values)));
    expect(t.orientation ?? "rows").toBe("rows");
    expect(t.currentColumn).toBe(3);
  });
});

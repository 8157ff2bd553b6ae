import { detectKpiTable, hasKpiTable } from "../../src/governance/detect";
import type { CellValue } from "../../src/governance/grid";
import type { KpiTable } from "../../src/governance/types";
import { kpiGrid } from "../../bench/generate";
import { detected, gridWith } from "../helpers/grids";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const g = gridWith;
const ok = detected;
const names = (t: KpiTable) => t.metrics.map((m) => m.name);
const kindOf = (t: KpiTable, row: number) => t.skipped.find((s) => s.row === row)?.kind;

/** Title, blank, header with months + Target + Owner, sections, blank rows, a total and a note. */
function dashboard(): CellValue[][] {
  const months9 = (base: number): CellValue[] => MONTHS.map((_, i) => (i < 9 ? base + i : null));
  return [
    ["Acme KPI Dashboard FY2026"], // 0 title
    [], // 1
    ["Metric", ...MONTHS, "Target", "Owner"], // 2 header
    ["Revenue"], // 3 section
    ["MRR", ...months9(100), 150, "Priya Shah"], // 4
    ["NRR", ...months9(1), 1.1, null], // 5
    [], // 6 blank
    ["Sales"], // 7 section
    ["CAC", ...months9(400), 450, "Dana Lee"], // 8
    ["Pipeline coverage", ...months9(3), 3, null], // 9
    ["Total", ...months9(504), null, null], // 10 total
    [], // 11
    ["Source: finance close pack and the CRM export, refreshed monthly."], // 12 note
  ];
}

describe("detectKpiTable: months across, sections, totals, notes", () => {
  const t = ok(detectKpiTable(g(dashboard())));

  test("finds the header row, metric column and table body", () => {
    expect(t.headerRow).toBe(2);
    expect(t.metricColumn).toBe(0);
    expect(t.firstRow).toBe(3);
    expect(t.lastRow).toBe(12);
    expect(t.lastColumn).toBe(14);
    expect(t.headers.slice(0, 3)).toEqual(["Metric", "Jan", "Feb"]);
  });

  test("months are value columns and the latest month with data is current (Sep, not Dec)", () => {
    expect(t.valueColumns).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.currentColumn).toBe(9);
    expect(t.notes.join(" ")).toMatch(/Months across B:M; current value in J \(Sep\)/);
  });

  test("Target is a reference column, Owner an existing governance column", () => {
    expect(t.referenceColumns).toEqual([13]);
    expect(t.governance).toEqual({ owner: 14, threshold: null, lever: null, governance: null });
  });

  test("only metric rows are metrics; titles, sections, blanks, totals and notes are skipped by kind", () => {
    expect(names(t)).toEqual(["MRR", "NRR", "CAC", "Pipeline coverage"]);
    expect(kindOf(t, 0)).toBe("title");
    expect(kindOf(t, 3)).toBe("section");
    expect(kindOf(t, 7)).toBe("section");
    expect(kindOf(t, 6)).toBe("blank");
    expect(kindOf(t, 10)).toBe("total");
    expect(kindOf(t, 12)).toBe("note");
    expect(t.notes).toContain("Header in row 3");
    expect(t.confidence).toBeGreaterThan(0.7);
    expect(t.confidence).toBeLessThanOrEqual(1);
  });

  test("hasKpiTable agrees", () => {
    expect(hasKpiTable(g(dashboard()))).toBe(true);
  });
});

describe("section rows versus metrics without data", () => {
  test("a label with Owner/Threshold/Lever filled but no numbers yet is a metric, not a section", () => {
    const rows: CellValue[][] = [
      ["KPI", "Jan", "Feb", "Owner", "Threshold", "Lever"],
      ["Growth"],
      ["ARR", 10, 11, "Dana", "< 9", "cut spend 10%"],
      ["Expansion ARR", null, null, "Sam Ortiz", "< 2", "offer credits up to $5k"],
      ["Logo churn", 3, 4, null, null, null],
    ];
    const t = ok(detectKpiTable(g(rows)));
    expect(names(t)).toEqual(["ARR", "Expansion ARR", "Logo churn"]);
    expect(kindOf(t, 1)).toBe("section");
    expect(t.governance).toEqual({ owner: 3, threshold: 4, lever: 5, governance: null });
  });

  test("a lone label at the end of the table is a metric with no data yet", () => {
    const t = ok(detectKpiTable(g([["Metric", "Q1", "Q2"], ["Revenue", 1, 2], ["Bookings"]])));
    expect(names(t)).toEqual(["Revenue", "Bookings"]);
  });

  test("a metric whose values are formulas without cached values is still a metric", () => {
    const rows: CellValue[][] = [
      ["Metric", "Jan", "Feb"],
      ["Revenue", 10, 12],
      ["Margin", null, null],
      ["Cost", 3, 4],
    ];
    const t = ok(detectKpiTable(g(rows, { formulaCells: ["2,1", "2,2"] })));
    expect(names(t)).toEqual(["Revenue", "Margin", "Cost"]);
  });
});

describe("Target / Actual / Variance columns", () => {
  const rows: CellValue[][] = [
    ["KPI", "PY", "Actual", "Plan", "Variance", "Budget", "Forecast", "Var %", "Commentary"],
    ["Net revenue", 90, 100, 95, 5, 96, 99, 0.05, "ahead"],
    ["Opex", 40, 42, 41, 1, 41, 42, 0.02, "on plan"],
  ];
  const t = ok(detectKpiTable(g(rows)));
  test("the Actual column is current even though reference columns sit right of it", () => {
    expect(t.currentColumn).toBe(2);
    expect(t.valueColumns).toEqual([2]);
  });
  test("PY, Plan, Variance, Budget, Forecast and Var % are references, never values", () => {
    expect(t.referenceColumns).toEqual([1, 3, 4, 5, 6, 7]);
    expect(t.lastColumn).toBe(8);
    expect(names(t)).toEqual(["Net revenue", "Opex"]);
  });
  test("hints override the current column", () => {
    expect(ok(detectKpiTable(g(rows), { currentColumn: 1 })).currentColumn).toBe(1);
  });
});

describe("units", () => {
  const rows: CellValue[][] = [
    ["Metric", "Jan", "Feb", "Churn % (Feb)"],
    ["Churn", 0.021, 0.025, null],
    ["Churn %", 2.1, 2.5, null],
    ["NPS", 40, 41, null],
  ];
  test("percent number format → percent-fraction; '%' in the name with a plain format → percent-points", () => {
    const t = ok(
      detectKpiTable(
        g(
          rows.map((r) => r.slice(0, 3)),
          { formats: { "1,1": "0.0%", "1,2": "0.0%", "2,1": "0.0", "2,2": "0.0" } },
        ),
      ),
    );
    expect(t.metrics.map((m) => m.unit)).toEqual(["percent-fraction", "percent-points", "number"]);
  });
  test("a quoted % in a format is not a percent format", () => {
    const t = ok(
      detectKpiTable(
        g(
          rows.map((r) => r.slice(0, 3)),
          { formats: { "3,1": '0 "%"', "3,2": '0 "%"' } },
        ),
      ),
    );
    expect(t.metrics[2].unit).toBe("number");
  });
  test("'%' in the header of the current column → percent-points for every metric in it", () => {
    const t = ok(
      detectKpiTable(
        g([
          ["Metric", "Actual %"],
          ["Churn", 2.5],
          ["Win rate", 31],
        ]),
      ),
    );
    expect(t.currentColumn).toBe(1);
    expect(t.metrics.map((m) => m.unit)).toEqual(["percent-points", "percent-points"]);
  });
  test("fractions under a '%' name with a General format (a data-frame export) are percent-fraction", () => {
    const t = ok(
      detectKpiTable(
        g([
          ["Metric", "Actual"],
          ["Overtime %", 0.08],
          ["Churn %", 2.5],
          ["Win %", 1],
        ]),
      ),
    );
    expect(t.metrics.map((m) => m.unit)).toEqual(["percent-fraction", "percent-points", "percent-points"]);
  });
});

describe("dates as headers", () => {
  test("date serials with a date format are periods; the last one with data is current", () => {
    const rows: CellValue[][] = [
      ["Table", "State", 44562, 44593, 44621, "Total"],
      ["sales", "AZ", 1, 2, 3, 6],
      ["sales", "Total", 1, 2, 3, 6],
      ["cost", "AZ", 1, 2, null, 3],
    ];
    const t = ok(detectKpiTable(g(rows, { formats: { "0,2": "mmm-yy", "0,3": "mmm-yy", "0,4": "mmm-yy" } })));
    expect(t.valueColumns).toEqual([2, 3, 4]);
    expect(t.currentColumn).toBe(4);
    expect(names(t)).toEqual(["sales", "cost"]);
    expect(kindOf(t, 2)).toBe("total");
  });
});

describe("Excel tables", () => {
  test("uses the table's header and clamps a ref that runs to row 1,048,576", () => {
    const rows: CellValue[][] = [
      ["Scorecard"],
      [],
      ["Notes: this sheet is refreshed weekly"],
      ["Measure", "Q1", "Q2", "Q3", "DRI"],
      ["Revenue", 1, 2, 3, "Dana"],
      ["Cost", 1, 2, null, "Sam"],
    ];
    const grid = g(rows, {
      tables: [
        {
          name: "Kpis",
          range: { top: 3, left: 0, bottom: 1_048_575, right: 4 },
          hasHeaderRow: true,
          hasTotalsRow: false,
        },
      ],
    });
    const start = Date.now();
    const t = ok(detectKpiTable(grid));
    expect(Date.now() - start).toBeLessThan(1000);
    expect(t.tableName).toBe("Kpis");
    expect(t.headerRow).toBe(3);
    expect(t.lastRow).toBe(5);
    expect(t.currentColumn).toBe(3);
    expect(t.governance.owner).toBe(4);
    expect(names(t)).toEqual(["Revenue", "Cost"]);
  });

  test("a table is preferred over a bigger free-standing block", () => {
    const rows: CellValue[][] = [
      ["Metric", "Jan", "Feb", null, "KPI", "Actual", "Target"],
      ["a", 1, 2, null, "Churn", 3, 2],
      ["b", 1, 2, null, "NPS", 40, 45],
      ["c", 1, 2],
      ["d", 1, 2],
    ];
    const grid = g(rows, {
      tables: [
        { name: "Small", range: { top: 0, left: 4, bottom: 2, right: 6 }, hasHeaderRow: true, hasTotalsRow: false },
      ],
    });
    const t = ok(detectKpiTable(grid));
    expect(t.tableName).toBe("Small");
    expect(t.metricColumn).toBe(4);
    expect(names(t)).toEqual(["Churn", "NPS"]);
    expect(t.currentColumn).toBe(5);
  });
});

describe("hints", () => {
  const rows: CellValue[][] = [
    ["Region", "Metric", "Jan", "Feb"],
    ["EMEA", "Revenue", 1, 2],
    ["EMEA", "Cost", 1, 2],
    ["APAC", "Cost", 1, 2],
    [],
    [],
    [],
    [],
    ["KPI", "Actual", "Target"],
    ["Churn", 3, 2],
    ["NPS", 40, 45],
  ];
  test("metricColumn overrides the column of names", () => {
    expect(ok(detectKpiTable(g(rows))).metricColumn).toBe(1);
    expect(names(ok(detectKpiTable(g(rows), { headerRow: 0, metricColumn: 0 })))).toEqual(["EMEA", "EMEA", "APAC"]);
  });
  test("headerRow picks the table to read", () => {
    const t = ok(detectKpiTable(g(rows), { headerRow: 8 }));
    expect(t.headerRow).toBe(8);
    expect(names(t)).toEqual(["Churn", "NPS"]);
  });
  test("within restricts detection to a selected range", () => {
    const t = ok(detectKpiTable(g(rows), { within: { top: 8, left: 0, bottom: 10, right: 2 } }));
    expect(t.headerRow).toBe(8);
    expect(names(t)).toEqual(["Churn", "NPS"]);
  });
  test("the bigger table wins and ends at a run of blank rows", () => {
    const t = ok(detectKpiTable(g(rows)));
    expect(t.headerRow).toBe(0);
    // "Cost" twice, told apart by its Region: one metric per name and region (the long layout).
    expect(t.orientation).toBe("long");
    expect(names(t)).toEqual(["Revenue · EMEA", "Cost · EMEA", "Cost · APAC"]);
    expect(t.lastRow).toBe(3);
  });
});

describe("failures", () => {
  test("empty sheet", () => {
    const r = detectKpiTable(g([[], [null, "  "]]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("empty-sheet");
      expect(r.message).toMatch(/empty/);
    }
    expect(hasKpiTable(g([]))).toBe(false);
  });

  test("nothing table-like", () => {
    const r = detectKpiTable(
      g([["Meeting notes"], ["We discussed the pricing rollout and agreed to revisit next week."]]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("no-kpi-table");
      expect(r.message).toMatch(/Choose another sheet/);
    }
  });

  test("metrics as columns with dates down the rows are read as columns, never as metrics named by dates", () => {
    const rows: CellValue[][] = [
      ["Month", "MRR ($)", "Churn ARR ($)", "NPS Score"],
      [45292, 100, 5, 40],
      [45323, 110, 6, 42],
      [45352, 120, 4, 45],
    ];
    const grid = g(rows, { sheetName: "Raw Data", formats: { "1,0": "mmm-yy", "2,0": "mmm-yy", "3,0": "mmm-yy" } });
    const t = ok(detectKpiTable(grid));
    expect(t.orientation).toBe("columns");
    expect(names(t)).toEqual(["MRR ($)", "Churn ARR ($)", "NPS Score"]);
    expect(hasKpiTable(grid)).toBe(true);
  });

  test("metrics as columns with sprint numbers or month text down the rows", () => {
    const sprints = g([
      ["Sprint", "Hours", "Planned SP", "Bugs"],
      [41, 300, 40, 3],
      [42, 310, 42, 2],
      [43, 290, 38, 5],
    ]);
    const r1 = ok(detectKpiTable(sprints));
    expect([r1.orientation, ...names(r1)]).toEqual(["columns", "Hours", "Planned SP", "Bugs"]);
    const months = g([
      ["Month", "Quarter", "MRR ($)", "CAC ($)"],
      ["Jan-24", "Q1 2024", 1, 2],
      ["Feb-24", "Q1 2024", 1, 2],
      ["Mar-24", "Q1 2024", 1, 2],
    ]);
    const r2 = ok(detectKpiTable(months));
    expect([r2.orientation, ...names(r2)]).toEqual(["columns", "MRR ($)", "CAC ($)"]);
  });
});

describe("re-running on plan output", () => {
  test("finds the Owner/Threshold/Lever/Governance columns it added", () => {
    const rows = dashboard().map((r) => [...r]);
    rows[2].push("Threshold", "Lever", "Governance");
    rows[4][15] = "> 3%";
    rows[4][17] = "VANITY: no lever";
    const t = ok(detectKpiTable(g(rows)));
    expect(t.governance).toEqual({ owner: 14, threshold: 15, lever: 16, governance: 17 });
    expect(names(t)).toEqual(["MRR", "NRR", "CAC", "Pipeline coverage"]);
  });
});

describe("the benchmark sheet", () => {
  test("header row 2, Dec current, Target reference, governance 14-16, sections skipped", () => {
    const t = ok(detectKpiTable(kpiGrid(200)));
    expect(t.headerRow).toBe(2);
    expect(t.currentColumn).toBe(12);
    expect(t.referenceColumns).toEqual([13]);
    expect(t.governance).toEqual({ owner: 14, threshold: 15, lever: 16, governance: null });
    expect(t.metrics).toHaveLength(200);
    expect(t.skipped.filter((s) => s.kind === "section")).toHaveLength(8);
  });

  test("100,000 metric rows are read in time linear in the rows", () => {
    const small = kpiGrid(10_000);
    const big = kpiGrid(100_000);
    detectKpiTable(small);
    const t0 = Date.now();
    detectKpiTable(small);
    const t1 = Date.now();
    const t = ok(detectKpiTable(big));
    const t2 = Date.now();
    expect(t.metrics).toHaveLength(100_000);
    expect(t2 - t1).toBeLessThan(Math.max(60, (t1 - t0) * 30));
  });
});

describe("governance columns past a gap are the table's", () => {
  test("our columns written beyond a spacer or a chart are found again, so a re-run reuses them", () => {
    const sheet = g([
      ["Metric", "Dec", null, null, "Owner", "Threshold", "Lever", "Governance"],
      ["Churn", 0.03, null, null, "Dana Lee", "> 3%", "pause", "INCOMPLETE"],
      ["NRR", 1.01, null, null, null, null, null, "VANITY"],
    ]);
    const d = detectKpiTable(sheet);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.governance).toEqual({ owner: 4, threshold: 5, lever: 6, governance: 7 });
    expect(d.table.lastColumn).toBe(1);
  });

  test("another table's Owner column, with no Governance header, is not taken", () => {
    const sheet = g([
      ["Metric", "Dec", null, null, "Project", "Owner"],
      ["Churn", 0.03, null, null, "Apollo", "Sam"],
      ["NRR", 1.01, null, null, "Zeus", "Kim"],
    ]);
    const d = detectKpiTable(sheet);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.governance.owner).toBeNull();
  });
});

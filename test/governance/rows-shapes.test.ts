/**
 * Shapes of metrics-down-rows dashboards seen in the wild: a balanced scorecard whose
 * Objective column holds words, one Target column beside the months, a text block under a
 * PRIORITIES heading, a spacer column between the names and the first values.
 */
import { decide } from "../../src/governance/decide";
import type { CellValue } from "../../src/governance/grid";
import { grid } from "../helpers/grids";

function read(values: CellValue[][]) {
  const d = decide({ grid: grid(values), plan: true });
  if (!d.ok) throw new Error(d.message);
  return d;
}

const BSC: CellValue[][] = [
  ["Perspective", "Objective", "Measure", "Target", "Actual", "Status"],
  ["Financial", "Grow revenue", "Revenue ($M)", 12, 11.2, "Red"],
  [null, "Improve margin", "Gross margin %", 0.45, 0.47, "Green"],
  ["Customer", "Delight customers", "NPS", 50, 44, "Amber"],
  [null, "Retain customers", "Logo churn %", 0.05, 0.04, "Green"],
  ["Internal", "Ship faster", "Cycle time (days)", 10, 14, "Red"],
];

test.each([
  ["Objective", BSC],
  ["Goal", BSC.map((r, i) => (i === 0 ? r.map((h) => (h === "Objective" ? "Goal" : h)) : r))],
  [
    "Strategic objective",
    BSC.map((r, i) => (i === 0 ? r.map((h) => (h === "Objective" ? "Strategic objective" : h)) : r)),
  ],
])("a scorecard with a text %s column: the Measure column holds the metrics", (_, values) => {
  const d = read(values);
  expect(d.table.metricColumn).toBe(2);
  expect(d.audit.metrics.map((m) => [m.name, m.current, m.target])).toEqual([
    ["Revenue ($M)", 11.2, 12],
    ["Gross margin %", 0.47, 0.45],
    ["NPS", 44, 50],
    ["Logo churn %", 0.04, 0.05],
    ["Cycle time (days)", 14, 10],
  ]);
  // Governance goes right of the table, never into the Objective column.
  if (!d.plan?.ok) throw new Error("no plan");
  expect(d.plan.plan.cells.every((c) => c.col > 5)).toBe(true);
});

test("one Target column beside the months is no month's target (it may be the year's)", () => {
  const d = read([
    ["KPI", "Target", "Jan", "Feb", "Mar"],
    ["Revenue", 100, 90, 95, 105],
    ["Churn", 0.03, 0.04, 0.035, 0.03],
  ]);
  expect(d.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod, m.target])).toEqual([
    ["Revenue", 105, "Mar", undefined],
    ["Churn", 0.03, "Mar", undefined],
  ]);
  expect(d.table.referenceColumns).toEqual([1]);
});

test.each(["PRIORITIES", "Next steps", "HIGHLIGHTS", "Key priorities"])(
  "lines under a %s heading are not metrics",
  (heading) => {
    const d = read([
      ["Metric", "Jan", "Feb"],
      ["Revenue", 10, 11],
      ["Opex", 8, 9],
      [heading, null, null],
      ["Hire VP Sales", null, null],
      ["Close the Berlin office", null, null],
    ]);
    expect(d.audit.metrics.map((m) => m.name)).toEqual(["Revenue", "Opex"]);
  },
);

test("a row with values after the text block is a metric again", () => {
  const d = read([
    ["Metric", "Jan", "Feb"],
    ["Revenue", 10, 11],
    ["PRIORITIES", null, null],
    ["Hire VP Sales", null, null],
    ["Cash", 5, 6],
  ]);
  expect(d.audit.metrics.map((m) => m.name)).toEqual(["Revenue", "Cash"]);
});

test.each([
  ["one spacer", ["Week ending", null, "2025-06-06", "2025-06-13", "2025-06-20"], 1],
  ["a spacer after a Unit column", ["Metric", "Unit", null, "Jan", "Feb", "Mar"], 2],
])("%s between the names and the first values", (_, header, lead) => {
  const row = (name: string, ...v: number[]) => [name, ...Array.from({ length: lead }, () => null), ...v];
  const values: CellValue[][] = [header, row("Orders", 1200, 1300, 1250), row("AOV ($)", 52, 51, 53)];
  if (lead === 2) for (const r of values.slice(1)) r[1] = "#";
  const d = read(values);
  expect(d.audit.metrics.map((m) => [m.name, m.current])).toEqual([
    ["Orders", 1250],
    ["AOV ($)", 53],
  ]);
  // Nothing is written into the spacer column.
  if (!d.plan?.ok) throw new Error("no plan");
  expect(d.plan.plan.cells.every((c) => c.col > header.length - 1)).toBe(true);
});

test("two empty columns still end the table", () => {
  const d = read([
    ["Metric", "Jan", "Feb", null, null, "Notes"],
    ["Revenue", 10, 11, null, null, "ok"],
    ["Opex", 8, 9, null, null, "high"],
  ]);
  expect(d.table.valueColumns).toEqual([1, 2]);
});

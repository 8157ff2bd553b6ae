import { readFileSync } from "node:fs";
import * as path from "node:path";
import { auditTable } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { suggestThresholds } from "../../src/governance/suggest";
import { openWorkbook } from "../../src/xlsx";
import type { GridConditionalFormat } from "../../src/governance/grid";
import { grid, table } from "../helpers/grids";

const rows = [
  ["Metric", "Nov", "Dec", "Target"],
  ["Churn", 0.031, 0.034, 0.025],
  ["NPS", 36, 33, 45],
  ["Lead Quality", 50, 45, 60],
];
const metrics = [
  { row: 1, name: "Churn", unit: "percent-fraction" as const },
  { row: 2, name: "NPS", unit: "number" as const },
  { row: 3, name: "Lead Quality", unit: "number" as const },
];

function setup(conditionalFormats: GridConditionalFormat[] = []) {
  const g = grid(rows, { conditionalFormats });
  const t = table(g, 0, metrics, { valueColumns: [1, 2], currentColumn: 2, referenceColumns: [3] });
  const audit = auditTable({ grid: g, table: t });
  return (name: string) =>
    suggestThresholds(
      g,
      t,
      audit.metrics.find((m) => m.name === name)!,
    );
}

test("a red cellIs rule on the metric's row is offered, in the metric's units", () => {
  const suggest = setup([
    {
      ranges: [{ top: 1, left: 2, bottom: 1, right: 2 }],
      type: "cellIs",
      operator: "greaterThan",
      formulas: ["0.03"],
      color: "#FFC7CE",
    },
  ]);
  expect(suggest("Churn")[0]).toEqual({ text: "> 3%", why: "This sheet already turns Churn red above 3%." });
});

test("green rules, rules on other rows and non-numeric rules are not thresholds", () => {
  const suggest = setup([
    {
      ranges: [{ top: 1, left: 2, bottom: 1, right: 2 }],
      type: "cellIs",
      operator: "lessThan",
      formulas: ["0.02"],
      color: "#C6EFCE",
    },
    {
      ranges: [{ top: 2, left: 2, bottom: 2, right: 2 }],
      type: "cellIs",
      operator: "greaterThan",
      formulas: ["0.05"],
      color: "#FFC7CE",
    },
    { ranges: [{ top: 1, left: 1, bottom: 1, right: 2 }], type: "expression", formulas: ["B2>C2"], color: "#FFC7CE" },
  ]);
  expect(suggest("Churn").map((s) => s.text)).toEqual(["> 2.5%"]); // only the Target
});

test("the Target column gives a trigger in the direction the name makes bad; no direction, no guess", () => {
  const suggest = setup();
  expect(suggest("Churn")).toEqual([
    { text: "> 2.5%", why: "Target in column D is 2.5%; missing it is one possible trigger." },
  ]);
  expect(suggest("NPS").map((s) => s.text)).toEqual(["< 45"]);
  expect(suggest("Lead Quality")).toEqual([]);
});

test("the sample workbook's own red rule on Churn is found through the .xlsx host", () => {
  const wb = openWorkbook(readFileSync(path.resolve(__dirname, "../../assets/sample-kpi-dashboard.xlsx")));
  const g = wb.readGrid("Dashboard");
  const detected = detectKpiTable(g);
  if (!detected.ok) throw new Error(detected.message);
  const audit = auditTable({ grid: g, table: detected.table });
  const churn = audit.metrics.find((m) => m.name === "Churn")!;
  expect(suggestThresholds(g, detected.table, churn).map((s) => s.why)).toContain(
    "This sheet already turns Churn red above 3%.",
  );
});

describe("the target a layout reads for the current period", () => {
  function suggestionsOn(values: (string | number | null)[][]) {
    const g = grid(values);
    const detected = detectKpiTable(g);
    if (!detected.ok) throw new Error(detected.message);
    const audit = auditTable({ grid: g, table: detected.table });
    return (name: string) =>
      suggestThresholds(
        g,
        detected.table,
        audit.metrics.find((m) => m.name === name)!,
      );
  }

  test("a month over Actual / Target: the latest actual's target is offered, in the name's direction", () => {
    const suggest = suggestionsOn([
      ["KPI", "Jan", null, "Feb", null, "Mar", null],
      [null, "Actual", "Target", "Actual", "Target", "Actual", "Target"],
      ["Revenue", 100, 110, 105, 115, null, 120],
      ["Churn %", 3.1, 3, 2.9, 2.8, null, 2.6],
      ["Headcount", 50, 52, 51, 53, null, 55],
    ]);
    expect(suggest("Revenue")).toContainEqual({
      text: "< 115",
      why: "The sheet's target for the current period (Feb Actual) is 115; missing it is one possible trigger.",
    });
    expect(suggest("Churn %").map((s) => s.text)).toContain("> 2.8%"); // points, in the sheet's unit
    // No direction from the name or the sheet: no guess.
    expect(suggest("Headcount")).toEqual([]);
  });

  test("metrics as columns: an Estimated column is its metric's target", () => {
    const suggest = suggestionsOn([
      ["Sprint", "Velocity", "Estimated Velocity", "Defects"],
      ["Sprint 1", 30, 32, 4],
      ["Sprint 2", 28, 33, 5],
      ["Sprint 3", 31, 34, 3],
    ]);
    expect(suggest("Velocity").map((s) => s.text)).toContain("< 34");
  });
});

import { auditTable, detectKpiTable, type Grid } from "../../src/governance";
import { describeDetection, metricWhy } from "../../src/taskpane/decisionMap/core";
import { fileAdvice, nextToAsk } from "../../src/taskpane/decisionMap/useDecisionMap";

function grid(): Grid {
  return {
    sheetName: "KPIs",
    values: [
      ["Metric", 44866, 44896, "Owner", "Threshold", "Lever"],
      ["Churn", 0.031, 0.034, "Dana Lee", "> 3%", "authorize up to $10k in credits"],
      ["CAC", 510, 530, "Sales team", "", ""],
      ["NRR", 1.01, 0.98, "Priya Shah", "< 100%", "offer up to 10% discount on renewals"],
    ],
    origin: { row: 0, col: 0 },
    numberFormats: [
      [null, "mmm\\ yyyy;@", "mmm\\ yyyy;@"],
      [null, "0.0%", "0.0%"],
      [null, "$#,##0", "$#,##0"],
      [null, "0%", "0%"],
    ],
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
}

function audit() {
  const g = grid();
  const detected = detectKpiTable(g);
  if (!detected.ok) throw new Error(detected.message);
  return { g, audit: auditTable({ grid: g, table: detected.table }) };
}

test("a month header stored as a date is shown as the cell shows it", () => {
  const { g, audit: a } = audit();
  expect(describeDetection(a, g)).toMatch(/current values in C \(Dec 2022\)$/);
});

test("a row's why: owner, current against threshold in the cell's format, the reasons in a few words", () => {
  const { g, audit: a } = audit();
  const [churn, cac, nrr] = a.metrics;
  expect(metricWhy(g, churn)).toBe("Dana Lee · 3.4% vs > 3% · red now");
  expect(metricWhy(g, cac)).toBe("Sales team · $530 · owner is a group, no threshold, no lever");
  expect(metricWhy(g, nrr)).toBe("Priya Shah · 98% vs < 100% · red now");
});

test("the next metric to ask skips decision-ready ones and ends (no loop back) after the last", () => {
  const { audit: a } = audit();
  const [churn, cac, nrr] = a.metrics;
  expect(nextToAsk(a, churn.row)?.name).toBe("CAC");
  expect(nextToAsk(a, cac.row)).toBeNull(); // NRR is decision-ready: Done follows
  expect(nextToAsk(a, nrr.row)).toBeNull();
});

test("outside Excel, the advice names only what the workbench offers", () => {
  const message =
    "No KPI table found on sheet 'Notes': Decision Map looks for a header row (months, Actual, Target, Owner, …) with one metric name per row under it. Choose another sheet, select the table, or give its header row.";
  expect(fileAdvice(message)).toBe(
    "No KPI table found on sheet 'Notes': Decision Map looks for a header row (months, Actual, Target, Owner, …) with one metric name per row under it. Choose another sheet in the Sheet list above.",
  );
});

/**
 * The MBR brief speaks in the sheet's units: a value as its cell shows it (number format),
 * else in the unit the sheet states (a Unit column, "(days)" in a name), never a raw float.
 */
import { auditTable, metricKey } from "../../src/governance/audit";
import { delegationText, mbrBriefLines } from "../../src/governance/brief";
import { formatCellValue, formatCellValueExactly } from "../../src/governance/format";
import type { CellValue, Grid } from "../../src/governance/grid";
import { readRows } from "../../src/governance/layouts/rows";
import { planWrite } from "../../src/governance/plan";
import type { Answers, KpiTable } from "../../src/governance/types";
import { grid as baseGrid } from "../helpers/grids";

function g(values: CellValue[][], formats: Record<string, string> = {}): Grid {
  const grid = baseGrid(values);
  grid.numberFormats = values.map(() => []);
  for (const [key, fmt] of Object.entries(formats)) {
    const [r, c] = key.split(",").map(Number);
    grid.numberFormats[r][c] = fmt;
  }
  return grid;
}

function read(grid: Grid): KpiTable {
  const r = readRows(grid);
  if (!r.ok) throw new Error(r.message);
  return r.table;
}

function briefOf(grid: Grid, answers: Record<string, Partial<Answers>>, withGrid = true): string[] {
  const table = read(grid);
  const audit = auditTable({
    grid,
    table,
    answers: new Map(Object.entries(answers).map(([k, v]) => [metricKey(k), v])),
  });
  return mbrBriefLines(audit, withGrid ? grid : undefined);
}

const lever = { owner: "Dana Lee", lever: "pause the pricing rollout" };

test("a percent-formatted churn is red at 3.4% against > 3%", () => {
  const grid = g(
    [
      ["Metric", "Jan", "Feb"],
      ["Churn", 0.031, 0.034],
    ],
    { "1,1": "0.0%", "1,2": "0.0%" },
  );
  const lines = briefOf(grid, { Churn: { ...lever, threshold: "> 3%" } });
  expect(lines).toContain(
    "Churn is red at 3.4% against > 3%. Dana Lee is using the authority to pause the pricing rollout.",
  );
});

test("money in a scaled currency format reads as the cell shows it", () => {
  const grid = g(
    [
      ["Metric", "Jan", "Feb"],
      ["Burn", 1_100_000, 1_240_000],
    ],
    { "1,1": '$#,##0.0,,"M"', "1,2": '$#,##0.0,,"M"' },
  );
  const lines = briefOf(grid, { Burn: { ...lever, threshold: "> 1000000" } });
  expect(lines.find((l) => l.startsWith("Burn is red"))).toMatch(/^Burn is red at \$1\.2M against > 1000000\./);
});

test("without the grid the brief still reads in the metric's units (no raw fraction)", () => {
  const grid = g(
    [
      ["Metric", "Jan", "Feb"],
      ["Churn", 0.031, 0.034],
    ],
    { "1,1": "0.0%", "1,2": "0.0%" },
  );
  const lines = briefOf(grid, { Churn: { ...lever, threshold: "> 3%" } }, false);
  const line = lines.find((l) => l.startsWith("Churn is red"))!;
  expect(line).toMatch(/^Churn is red at 3\.4% against > 3%/);
  expect(line).not.toMatch(/0\.034/);
});

test("a Unit '%' row with plain numbers is not a false red, and a real red reads in points", () => {
  const grid = g([
    ["KPI", "Unit", "Jan", "Feb"],
    ["Error rate", "%", 6, 7],
    ["Defect rate", "%", 9, 10],
  ]);
  const lines = briefOf(grid, {
    "Error rate": { ...lever, threshold: "> 8%" },
    "Defect rate": { ...lever, threshold: "> 8%" },
  });
  expect(lines.some((l) => l.startsWith("Error rate is red"))).toBe(false);
  expect(lines.find((l) => l.startsWith("Defect rate is red"))).toMatch(/^Defect rate is red at 10% against > 8%\./);
});

test.each([
  ["days", "Cycle time is red at 14 days against > 12."],
  ["hrs", "Cycle time is red at 14 hrs against > 12."],
  ["$", "Cycle time is red at $14 against > 12."],
  ["€", "Cycle time is red at €14 against > 12."],
  ["$M", "Cycle time is red at $14M against > 12."],
])("a Unit '%s' is spoken with the value", (unit, start) => {
  const grid = g([
    ["KPI", "Unit", "Jan", "Feb"],
    ["Cycle time", unit, 12, 14],
  ]);
  const lines = briefOf(grid, { "Cycle time": { ...lever, threshold: "> 12" } });
  expect(lines.find((l) => l.startsWith("Cycle time is red"))).toMatch(
    new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
  );
});

test("a unit in the name, '(days)', is spoken with the value", () => {
  const grid = g([
    ["KPI", "Jan", "Feb"],
    ["Time to hire (days)", 30, 41],
    ["Offers", 3, 4],
  ]);
  const lines = briefOf(grid, { "Time to hire (days)": { ...lever, threshold: "> 35" } });
  expect(lines.find((l) => l.startsWith("Time to hire"))).toMatch(/red at 41 days against > 35\./);
});

test("the delegation text keeps the trigger as typed, not rounded by the cell's format", () => {
  const grid = g(
    [
      ["KPI", "Jan", "Feb"],
      ["Backlog", 10, 12],
    ],
    { "1,1": "0", "1,2": "0" },
  );
  const table = read(grid);
  const audit = auditTable({
    grid,
    table,
    answers: new Map([[metricKey("Backlog"), { ...lever, threshold: "> 11.5" }]]),
  });
  expect(delegationText(audit, "Dana Lee")).toBe(
    "You own Backlog. If it passes 11.5 you may pause the pricing rollout without asking.",
  );
  expect(mbrBriefLines(audit, grid)).toContain(
    "Backlog is red at 12 against > 11.5. Dana Lee is using the authority to pause the pricing rollout.",
  );
});

test("the MBR Brief sheet the plan writes uses the sheet's formats", () => {
  const grid = g(
    [
      ["Metric", "Jan", "Feb"],
      ["Churn", 0.031, 0.034],
    ],
    { "1,1": "0.0%", "1,2": "0.0%" },
  );
  const table = read(grid);
  const audit = auditTable({
    grid,
    table,
    answers: new Map([[metricKey("Churn"), { ...lever, threshold: "> 3%" }]]),
  });
  const plan = planWrite(grid, audit);
  if (!plan.ok) throw new Error(plan.message);
  const brief = plan.plan.sheets.find((s) => s.name === "MBR Brief")!;
  const text = brief.rows.map((r) => r[0]).join("\n");
  expect(text).toContain("Churn is red at 3.4% against > 3%.");
});

test("a plain ratio under a '%' threshold is never 'red at 0.14 against below 15%'", () => {
  const grid = g([
    ["Metric", "Jan", "Feb"],
    ["Gross margin ratio", 0.16, 0.14],
  ]);
  const lines = briefOf(grid, { "Gross margin ratio": { ...lever, threshold: "below 15%" } });
  const line = lines.find((l) => l.startsWith("Gross margin ratio is red"))!;
  expect(line).toMatch(/^Gross margin ratio is red at 14% against below 15%\./);
  expect(line).not.toMatch(/0\.14/);
});

test("a two-row header's current value and its format reach the brief", () => {
  const grid = g(
    [
      ["KPI", "Jan", null, "Feb", null],
      [null, "Actual", "Target", "Actual", "Target"],
      ["Churn", 0.031, 0.03, 0.034, 0.03],
    ],
    { "2,1": "0.0%", "2,2": "0.0%", "2,3": "0.0%", "2,4": "0.0%" },
  );
  const lines = briefOf(grid, { Churn: { ...lever, threshold: "> 3%" } });
  expect(lines).toContain(
    "Churn is red at 3.4% against > 3%. Dana Lee is using the authority to pause the pricing rollout.",
  );
});

test.each([
  // [value, format, shown]: Excel rounds the decimal value half away from zero, not its binary float
  [1_150_000, '"$"#,##0.0,,"M"', "$1.2M"],
  [1_250_000, '"$"#,##0.0,,"M"', "$1.3M"],
  [0.0345, "0.0%", "3.5%"],
  [2.675, "0.00", "2.68"],
  [1.005, "0.00", "1.01"],
  [-1.15, "0.0", "-1.2"],
  [1.14, "0.0", "1.1"],
])("%d under %s reads %s, as Excel shows it", (value, format, shown) => {
  expect(formatCellValue(value, format)).toBe(shown);
  expect(formatCellValueExactly(value, format)).toBeNull();
  expect(
    formatCellValueExactly(
      Number(shown.replace(/[^\d.-]/g, "")) * (format.includes(",,") ? 1e6 : format.includes("%") ? 0.01 : 1),
      format,
    ),
  ).toBe(shown);
});

test("a trigger the cell's format shows exactly reads in that format in the brief's delegation", () => {
  const grid = g(
    [
      ["Metric", "Jan", "Feb"],
      ["Revenue", 1_300_000, 1_150_000],
      ["Bookings", 1_300_000, 1_150_000],
    ],
    { "1,1": '"$"#,##0.0,,"M"', "1,2": '"$"#,##0.0,,"M"', "2,1": '"$"#,##0.0,,"M"', "2,2": '"$"#,##0.0,,"M"' },
  );
  const table = read(grid);
  const audit = auditTable({
    grid,
    table,
    answers: new Map([
      [metricKey("Revenue"), { ...lever, threshold: "< $1.2M" }],
      [metricKey("Bookings"), { owner: "Sam Ortiz", lever: "cut paid spend by 20%", threshold: "< 1234567" }],
    ]),
  });
  expect(delegationText(audit, "Dana Lee", grid)).toBe(
    "You own Revenue. If it drops below $1.2M you may pause the pricing rollout without asking.",
  );
  // $1.2M would round 1,234,567: the trigger is never shown rounded.
  expect(delegationText(audit, "Sam Ortiz", grid)).toBe(
    "You own Bookings. If it drops below 1,234,567 you may cut paid spend by 20% without asking.",
  );
  expect(mbrBriefLines(audit, grid).join("\n")).toContain("Revenue is red at $1.2M against < $1.2M.");
});

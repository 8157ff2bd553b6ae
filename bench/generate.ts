/**
 * Generated KPI sheets for the benchmarks: a title, a header with months across, Target,
 * Owner, Threshold and Lever columns, section rows every 25 metrics, and answers of every kind.
 */
import type { CellValue, Grid } from "../src/governance/grid";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const NAMES = ["Churn", "MRR", "CAC", "NPS", "Gross Margin", "Lead Quality", "Bug Density", "Cycle Time", "Win Rate"];
const OWNERS = ["Dana Lee", "Sam Ortiz", "Sales team", "", "VP Sales", "CEO", "TBD", "Priya Shah / Ken Mori"];
const THRESHOLDS = ["> 3%", "below 40", "", "high", "3%", ">= $500", "1.2M", "TBD"];
const LEVERS = [
  "authorize up to $10k in credits",
  "pause the pricing rollout for 30 days",
  "escalate to CEO",
  "",
  "monitor",
  "cut paid ad spend by up to 20%",
  "freeze hiring",
  "discuss at MBR",
];

export const HEADER = ["Metric", ...MONTHS, "Target", "Owner", "Threshold", "Lever"];

/** Rows of a KPI sheet with `metrics` metric rows (plus title, header and section rows). */
export function kpiRows(metrics: number): CellValue[][] {
  const rows: CellValue[][] = [["Generated KPI dashboard"], [], HEADER];
  for (let i = 0; i < metrics; i++) {
    if (i % 25 === 0) rows.push([`Section ${i / 25 + 1}`]);
    const base = 10 + (i % 90);
    const row: CellValue[] = [`${NAMES[i % NAMES.length]} ${i + 1}`];
    for (let m = 0; m < 12; m++) row.push(base + m * 0.5);
    row.push(
      base + 3,
      OWNERS[i % OWNERS.length],
      THRESHOLDS[(i >> 3) % THRESHOLDS.length],
      LEVERS[(i >> 6) % LEVERS.length],
    );
    rows.push(row.map((v) => (v === "" ? null : v)));
  }
  return rows;
}

export function kpiGrid(metrics: number): Grid {
  return {
    sheetName: "Dashboard",
    values: kpiRows(metrics),
    origin: { row: 0, col: 0 },
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
}

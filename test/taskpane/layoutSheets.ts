/**
 * Small sheets in the layouts other than "metrics in rows", for the pane's tests: metrics as
 * columns (periods down the rows, a governance side table to the right) and one KPI as
 * label / value cells over a monthly table.
 *
 * The pane is tested through `decide`, with the real detection. Where this branch has no
 * reader for a layout yet (the readers land from other branches), `ensureLayout` installs a
 * STAND-IN reader for the test file and says so with a console.warn: the stand-ins below read
 * these sheets the way issue 13 says the real readers must (current value from the last filled
 * period, answers from the side table or the labelled value cells). Once the real reader
 * detects the sheet, the stand-in is never installed.
 */
import {
  cellAt,
  cellText,
  detectKpiTable,
  type CellRef,
  type CellValue,
  type GovernanceKind,
  type Grid,
  type KpiTable,
  type MetricRow,
  type Orientation,
} from "../../src/governance";
import { LAYOUT_READERS, type LayoutReader } from "../../src/governance/layouts";

export function grid(sheetName: string, values: CellValue[][], formats: Record<string, string> = {}): Grid {
  const numberFormats = values.map((r, i) => r.map((_, j) => formats[`${i},${j}`]));
  return {
    sheetName,
    values,
    origin: { row: 0, col: 0 },
    numberFormats,
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Metrics as columns on sheet "Data" (A1:D13): Month | MRR ($) | Churn % | NPS, Jan–Dec in
 * A2:A13 as text, values for Jan–Sep (next months' rows are empty). MRR in Sep is $1,250;
 * Churn 3.4% (a fraction with a percent format); NPS 41. With `sideTable`, an earlier run's
 * side table at F1:J4 (Metric | Owner | Threshold | Lever | Governance) where MRR's owner is
 * Dana Lee (G2).
 */
export function columnsSheet(options: { sideTable?: boolean; sheetName?: string } = {}): Grid {
  const values: CellValue[][] = [["Month", "MRR ($)", "Churn %", "NPS"]];
  const formats: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    const filled = i < 9;
    values.push([
      MONTHS[i],
      filled ? 1000 + i * 25 + (i === 8 ? 50 : 0) : null,
      filled ? 0.026 + i * 0.001 : null,
      filled ? 33 + i : null,
    ]);
    formats[`${i + 1},1`] = "$#,##0";
    formats[`${i + 1},2`] = "0.0%";
  }
  if (options.sideTable) {
    const side: CellValue[][] = [
      ["Metric", "Owner", "Threshold", "Lever", "Governance"],
      ["MRR ($)", "Dana Lee", null, null, null],
      ["Churn %", null, null, null, null],
      ["NPS", null, null, null, null],
    ];
    side.forEach((r, i) => values[i].push(null, ...r));
  }
  return grid(options.sheetName ?? "Data", values, formats);
}

/**
 * One KPI as label / value cells, sheet "Goal": B2 "Goal Title" → C2 "Reduce ticket backlog",
 * B4 "Owners" → C4 "<Enter Owners & Contributors>" (a placeholder: no owner), B6 "Unit" → C6
 * "tickets"; the monthly table's header in row 9 (Sr no | Month | Current Actuals | Monthly
 * targets, B9:E9), months Jan 2025–Dec 2025 as text in C10:C21, actuals for Jan–Sep (Sep: 212,
 * in D18).
 */
export function blocksSheet(): Grid {
  const values: CellValue[][] = [
    [],
    [null, "Goal Title", "Reduce ticket backlog"],
    [],
    [null, "Owners", "<Enter Owners & Contributors>"],
    [],
    [null, "Unit", "tickets"],
    [],
    [],
    [null, "Sr no", "Month", "Current Actuals", "Monthly targets"],
  ];
  for (let i = 0; i < 12; i++)
    values.push([null, i + 1, `${MONTHS[i]} 2025`, i < 9 ? 300 - i * 11 : null, 300 - (i + 1) * 10]);
  return grid("Goal", values);
}

function find(g: Grid, test: (text: string) => boolean): CellRef | null {
  for (let r = 0; r < g.values.length; r++)
    for (let c = 0; c < (g.values[r]?.length ?? 0); c++) {
      const v = g.values[r][c];
      if (typeof v === "string" && test(v.trim())) return { row: r, col: c };
    }
  return null;
}

const EMPTY_GOVERNANCE = { owner: null, threshold: null, lever: null, governance: null };

/** STAND-IN for the columns reader: header row 1, periods in A, one metric per numeric column, a side table's answers. */
export const standInColumnsReader: LayoutReader = {
  orientation: "columns",
  read(g) {
    const header = g.values[0] ?? [];
    if (cellText(cellAt(g, 0, 0)) !== "Month") return [];
    const side = find(g, (t) => t === "Metric");
    let lastRow = 0;
    while (cellText(cellAt(g, lastRow + 1, 0)) !== "") lastRow++;
    const metrics: MetricRow[] = [];
    for (let c = 1; c < header.length && (side === null || c < side.col - 1); c++) {
      const name = cellText(header[c]).trim();
      if (!name) continue;
      const values: CellRef[] = [];
      for (let r = 1; r <= lastRow; r++) if (typeof cellAt(g, r, c) === "number") values.push({ row: r, col: c });
      if (values.length === 0) continue;
      const current = values[values.length - 1];
      const i = metrics.length;
      const answerCells: MetricRow["answerCells"] = {};
      if (side) {
        const kinds: GovernanceKind[] = ["owner", "threshold", "lever", "governance"];
        kinds.forEach((k, j) => (answerCells[k] = { row: side.row + 1 + i, col: side.col + 1 + j }));
      }
      metrics.push({
        row: side ? side.row + 1 + i : i + 1,
        name,
        unit: /%/.test(g.numberFormats?.[current.row]?.[c] ?? "") ? "percent-fraction" : "number",
        cell: { row: 0, col: c },
        values,
        current,
        currentPeriod: cellText(cellAt(g, current.row, 0)),
        answerCells: side ? answerCells : undefined,
      });
    }
    if (metrics.length === 0) return [];
    const right = metrics[metrics.length - 1].cell!.col;
    return [
      {
        sheetName: g.sheetName,
        orientation: "columns",
        area: { top: 0, left: 0, bottom: lastRow, right },
        headerRow: 0,
        headers: header.map((h) => cellText(h)),
        metricColumn: 0,
        valueColumns: [],
        currentColumn: null,
        referenceColumns: [],
        governance: EMPTY_GOVERNANCE,
        firstRow: 1,
        lastRow,
        lastColumn: right,
        metrics,
        skipped: [],
        tableName: null,
        confidence: 0.9,
        notes: [],
      },
    ];
  },
};

/** STAND-IN for the blocks reader: the goal title names the KPI, "Owners" holds its owner, the actuals column its values. */
export const standInBlocksReader: LayoutReader = {
  orientation: "blocks",
  read(g) {
    const title = find(g, (t) => t === "Goal Title");
    const owners = find(g, (t) => t === "Owners");
    const actuals = find(g, (t) => t === "Current Actuals");
    const month = find(g, (t) => t === "Month");
    if (!title || !owners || !actuals || !month) return [];
    const values: CellRef[] = [];
    for (let r = actuals.row + 1; r < g.values.length; r++)
      if (typeof cellAt(g, r, actuals.col) === "number") values.push({ row: r, col: actuals.col });
    const current = values[values.length - 1] ?? null;
    const label = (text: string): CellRef | undefined => {
      const at = find(g, (t) => t === text);
      return at ? { row: at.row, col: at.col + 1 } : undefined;
    };
    const answerCells: MetricRow["answerCells"] = { owner: { row: owners.row, col: owners.col + 1 } };
    for (const [k, text] of [
      ["threshold", "Threshold"],
      ["lever", "Lever"],
      ["governance", "Governance"],
    ] as const) {
      const at = label(text);
      if (at) answerCells[k] = at;
    }
    const table: KpiTable = {
      sheetName: g.sheetName,
      orientation: "blocks",
      area: { top: title.row, left: title.col, bottom: g.values.length - 1, right: actuals.col + 1 },
      headerRow: actuals.row,
      headers: (g.values[actuals.row] ?? []).map((h) => cellText(h)),
      metricColumn: title.col,
      valueColumns: [],
      currentColumn: null,
      referenceColumns: [],
      governance: EMPTY_GOVERNANCE,
      firstRow: actuals.row + 1,
      lastRow: g.values.length - 1,
      lastColumn: actuals.col + 1,
      metrics: [
        {
          row: owners.row,
          name: cellText(cellAt(g, title.row, title.col + 1)),
          unit: "number",
          cell: { row: title.row, col: title.col + 1 },
          values,
          current,
          currentPeriod: current ? cellText(cellAt(g, current.row, month.col)) : undefined,
          answerCells,
        },
      ],
      skipped: [],
      tableName: null,
      confidence: 0.9,
      notes: [],
    };
    return [table];
  },
};

const installed = new Set<Orientation>();

/**
 * Makes sure `orientation` is read on `sample`: by the real reader when this branch has one
 * that detects it (returns "real"), else by installing the stand-in for this test file
 * (returns "stand-in", and warns).
 */
export function ensureLayout(sample: Grid, orientation: "columns" | "blocks"): "real" | "stand-in" {
  const found = detectKpiTable(sample);
  const tables = found.ok ? [found.table, ...(found.others ?? [])] : [];
  if (tables.some((t) => t.orientation === orientation)) return "real";
  if (!installed.has(orientation)) {
    installed.add(orientation);
    (LAYOUT_READERS as LayoutReader[]).push(orientation === "columns" ? standInColumnsReader : standInBlocksReader);
    console.warn(
      `No ${orientation} layout reader on this branch reads the test sheet: a STAND-IN reader is used (test/taskpane/layoutSheets.ts).`,
    );
  }
  return "stand-in";
}

/**
 * A reader for sheets named "Pivot…" only, read as metrics as columns whose governance may go
 * only on the summary sheets (`summaryOnly`), as a pivot table's must: what the pane says then
 * does not depend on which reader sets it.
 */
export function installSummaryOnlyReader(): void {
  (LAYOUT_READERS as LayoutReader[]).unshift({
    orientation: "columns",
    read: (g) =>
      /^Pivot/.test(g.sheetName)
        ? standInColumnsReader.read(g, {}).map((t) => ({
            ...t,
            confidence: 1,
            summaryOnly: `'${g.sheetName}' is a pivot table: cells beside it are overwritten when it refreshes.`,
          }))
        : [],
  });
}

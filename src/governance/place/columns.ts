/**
 * Columns: one metric per column, periods down the rows. The rows under the data are the
 * next periods' (next month's row goes there), so nothing is written below the data: each
 * metric's governance goes in a side table to the right of the data, one empty column apart
 * and clear of tables (full-column ranges too), drawings, merges and spacers:
 *
 *   Metric | Owner | Threshold | Lever | Governance
 *   MRR ($)| …
 *
 * on the table's header row, one row per metric column. Each metric's header cell is
 * highlighted by its verdict, and its name turns red when it is past its threshold. A re-run
 * finds the side table (the reader gives each metric its row and answer cells there) and
 * writes into it again.
 */
import { columnLetter, type Grid } from "../grid";
import { GOVERNANCE_HEADERS, GOVERNANCE_WIDTHS, HIGHLIGHTS, RED_NOW, STATUS_LABELS } from "../labels";
import { SIDE_TABLE_HEADER } from "../layouts/columns";
import type { Audit, PlannedCell, PlannedColumn, PlannedRule } from "../types";
import { LAST_COLUMN, whatIsIn } from "./free";
import { KINDS } from "./rows";
import type { Placement, Placer } from "./types";

export const placeColumns: Placer = (grid: Grid, audit: Audit): Placement => {
  const { table } = audit;
  const top = table.headerRow;
  const existing = table.metrics.find((m) => m.answerCells?.owner)?.answerCells?.owner;
  const lastRow = Math.max(top + 1, ...audit.metrics.map((m) => m.row));
  let side: number;
  if (existing) side = existing.col - 1;
  else {
    const found = sideTableColumn(grid, audit, top, lastRow);
    if (!found.ok) return found;
    side = found.col;
  }
  const created = !existing;
  const columns: PlannedColumn[] = KINDS.map((kind, i) => ({
    kind,
    col: side + 1 + i,
    header: GOVERNANCE_HEADERS[kind],
    created,
    ...(created ? { width: GOVERNANCE_WIDTHS[kind] } : {}),
  }));
  const style = { row: top, col: table.metrics[0]?.cell?.col ?? table.metricColumn };
  const headers: PlannedCell[] = [];
  if (created)
    SIDE_TABLE_HEADER.forEach((h, i) => headers.push({ row: top, col: side + i, value: h, styleLike: style }));
  // The Metric column: each metric's name on its row (a new metric's row on a re-run).
  for (const m of audit.metrics) {
    const name = grid.values[m.row - grid.origin.row]?.[side - grid.origin.col];
    if (created || name === null || name === undefined || (typeof name === "string" && name.trim() === ""))
      headers.push({ row: m.row, col: side, value: m.name });
  }
  const slots = audit.metrics.map((m) => ({
    owner: { row: m.row, col: side + 1 },
    threshold: { row: m.row, col: side + 2 },
    lever: { row: m.row, col: side + 3 },
    governance: { row: m.row, col: side + 4 },
  }));
  const governanceCol = side + 4;
  return {
    ok: true,
    columns,
    headers,
    slots,
    ours: (cell) => !created && cell.col === governanceCol && cell.row > top,
    rules: highlightRules(audit, side, governanceCol),
  };
};

type Column = { ok: true; col: number } | { ok: false; code: "no-room"; message: string };

/**
 * The side table's first column: the first run of five free columns right of the data (and
 * of its Excel table) with an empty column before it, free in the side table's rows.
 */
function sideTableColumn(grid: Grid, audit: Audit, top: number, bottom: number): Column {
  const { table } = audit;
  const own = table.tableName === null ? undefined : grid.tables.find((t) => t.name === table.tableName);
  const after = Math.max(table.lastColumn, table.area?.right ?? -1, own?.range.right ?? -1);
  const width = SIDE_TABLE_HEADER.length;
  const blocker = (col: number, spacers: boolean) => whatIsIn(grid, col, top, bottom, undefined, spacers);
  for (const spacers of [true, false]) {
    let run = 0;
    for (let col = after + 1; col <= LAST_COLUMN; col++) {
      // The gap column only needs to be empty; the side table's own columns must be wide enough too.
      const free = blocker(col, run > 0 && spacers) === null;
      run = free ? run + 1 : 0;
      if (run === width + 1) return { ok: true, col: col - width + 1 };
    }
  }
  return {
    ok: false,
    code: "no-room",
    message:
      `There is no room for Decision Map's side table (${width} columns) to the right of the data on sheet ` +
      `'${table.sheetName}' (${blocker(after + 1, false) ?? "the sheet ends"}). Nothing was changed: make room beside the data, then run again.`,
  };
}

/**
 * The highlight: each metric's header cell by the word its Governance cell starts with, and
 * white on dark red when it is past its threshold (first, so it wins); the side table's rows
 * by their Governance cell, and the red metric's name there too.
 */
function highlightRules(audit: Audit, side: number, governanceCol: number): PlannedRule[] {
  const rules: PlannedRule[] = [];
  if (audit.metrics.length === 0) return rules;
  const g = columnLetter(governanceCol);
  const first = Math.min(...audit.metrics.map((m) => m.row));
  const last = Math.max(...audit.metrics.map((m) => m.row));
  const red = (ref: string) => `ISNUMBER(SEARCH("${RED_NOW}",${ref}))`;
  const starts = (ref: string, label: string) => `LEFT(${ref},${label.length})="${label}"`;
  rules.push({
    range: { top: first, left: side, bottom: last, right: side },
    formula: red(`$${g}${first + 1}`),
    style: "red",
    ...HIGHLIGHTS.red,
  });
  for (const m of audit.metrics) {
    const ref = `$${g}$${m.row + 1}`;
    rules.push({ range: cellRange(m.cell), formula: red(ref), style: "red", ...HIGHLIGHTS.red });
  }
  for (const style of ["vanity", "incomplete"] as const) {
    const label = STATUS_LABELS[style];
    rules.push({
      range: { top: first, left: side, bottom: last, right: governanceCol },
      formula: starts(`$${g}${first + 1}`, label),
      style,
      ...HIGHLIGHTS[style],
    });
    for (const m of audit.metrics) {
      rules.push({
        range: cellRange(m.cell),
        formula: starts(`$${g}$${m.row + 1}`, label),
        style,
        ...HIGHLIGHTS[style],
      });
    }
  }
  return rules;
}

function cellRange(c: { row: number; col: number }) {
  return { top: c.row, left: c.col, bottom: c.row, right: c.col };
}

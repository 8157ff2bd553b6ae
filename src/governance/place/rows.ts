/**
 * Rows (and long exports): one metric per row, so its governance goes in four columns on its
 * row. Columns the sheet already has are reused; the others take the first run of free
 * columns to the right of the table. When the KPI table is an Excel table, the new columns
 * join it when the columns right beside it are free; when one of them is taken, they go in
 * the first free run further right, outside the table (`outsideTableNote` says so).
 */
import {
  cellAt,
  cellText,
  columnLetter,
  gridColumnEnd,
  isEmptyValue,
  isFormulaAt,
  type CellRange,
  type Grid,
} from "../grid";
import { GOVERNANCE_HEADERS, GOVERNANCE_WIDTHS, HIGHLIGHTS, RED_NOW, STATUS_LABELS } from "../labels";
import type { Audit, CellRef, GovernanceKind, KpiTable, PlannedCell, PlannedColumn, PlannedRule } from "../types";
import { freeRun, uniqueHeader, whatIsIn } from "./free";
import type { Placement, Placer } from "./types";

export const KINDS: GovernanceKind[] = ["owner", "threshold", "lever", "governance"];

export const placeRows: Placer = (grid: Grid, audit: Audit): Placement => {
  const { table } = audit;
  const placed = placeColumns(grid, table);
  if (!placed.ok) return placed;
  const columns = placed.columns;
  const colOf = {} as Record<GovernanceKind, number>;
  for (const c of columns) colOf[c.kind] = c.col;
  const headers: PlannedCell[] = columns
    .filter((c) => c.created)
    .map((c) => ({
      row: table.headerRow,
      col: c.col,
      value: c.header,
      styleLike: { row: table.headerRow, col: table.metricColumn },
    }));
  const slots = audit.metrics.map((m) => ({
    owner: { row: m.row, col: colOf.owner },
    threshold: { row: m.row, col: colOf.threshold },
    lever: { row: m.row, col: colOf.lever },
    governance: { row: m.row, col: colOf.governance },
  }));
  const existing = table.governance.governance;
  const moved = table.orientation === "long" ? newPeriodRows(grid, audit, colOf) : null;
  if (moved) headers.push(...moved.carried);
  return {
    ok: true,
    columns,
    headers,
    slots,
    ours: (cell) => existing !== null && cell.col === existing,
    rules: rowRules(audit, columns, colOf.governance),
    ...(moved && moved.clear.length > 0 ? { clear: moved.clear } : {}),
  };
};

/** Whether a cell holds a Governance verdict as Decision Map writes it ("VANITY: no owner"). */
function holdsOurVerdict(grid: Grid, row: number, col: number): boolean {
  if (isFormulaAt(grid, row, col)) return false;
  const v = cellAt(grid, row, col);
  if (typeof v !== "string") return false;
  const t = v.trimStart();
  return Object.values(STATUS_LABELS).some((label) => t === label || t.startsWith(`${label}:`));
}

/**
 * A long export after a new period's rows arrived: each metric's current row is the new one.
 * The answers the person typed on an earlier row of the metric (read from there, see
 * `MetricRow.answerCells`) are written again on the new row, so they stay with the metric;
 * the earlier run's verdicts on the metric's earlier rows are cleared, so last month's
 * verdict is not read as this month's. Only a Governance cell holding our verdict text (no
 * formula) is cleared; the person's answers on the earlier rows are left as they are.
 */
function newPeriodRows(
  grid: Grid,
  audit: Audit,
  colOf: Record<GovernanceKind, number>,
): { carried: PlannedCell[]; clear: CellRef[] } {
  const carried: PlannedCell[] = [];
  const clear: CellRef[] = [];
  const governance = audit.table.governance.governance;
  const byRow = new Map(audit.table.metrics.map((m) => [m.row, m]));
  const current = new Set(audit.metrics.map((m) => m.row));
  const cleared = new Set<number>();
  for (const m of audit.metrics) {
    const read = byRow.get(m.row);
    if (!read) continue;
    for (const kind of ["owner", "threshold", "lever"] as const) {
      const from = read.answerCells?.[kind];
      if (!from || from.row === m.row || m.sources[kind] !== "sheet") continue;
      if (!isEmptyValue(cellAt(grid, m.row, colOf[kind])) || isFormulaAt(grid, m.row, colOf[kind])) continue;
      const v = cellAt(grid, from.row, from.col);
      carried.push({ row: m.row, col: colOf[kind], value: typeof v === "number" ? v : m.answers[kind] });
    }
    if (governance === null) continue;
    for (const cell of read.values ?? []) {
      if (cell.row === m.row || current.has(cell.row) || cleared.has(cell.row)) continue;
      if (!holdsOurVerdict(grid, cell.row, governance)) continue;
      cleared.add(cell.row);
      clear.push({ row: cell.row, col: governance });
    }
  }
  clear.sort((a, b) => a.row - b.row);
  return { carried, clear };
}

/**
 * The highlight: each metric's row from its name to its Governance cell, by the word its
 * Governance cell starts with; and a red metric's name, white on dark red (first, so it wins
 * over the row's fill on the name).
 */
function rowRules(audit: Audit, columns: PlannedColumn[], governanceCol: number): PlannedRule[] {
  const { table } = audit;
  const rules: PlannedRule[] = [];
  if (audit.metrics.length === 0) return rules;
  let top = Infinity;
  let bottom = -Infinity;
  for (const m of audit.metrics) {
    if (m.row < top) top = m.row;
    if (m.row > bottom) bottom = m.row;
  }
  const left = Math.min(table.metricColumn, ...columns.map((c) => c.col));
  const right = Math.max(table.lastColumn, ...columns.map((c) => c.col));
  const ref = `$${columnLetter(governanceCol)}${top + 1}`;
  rules.push({
    range: { top, left: table.metricColumn, bottom, right: table.metricColumn },
    formula: `ISNUMBER(SEARCH("${RED_NOW}",${ref}))`,
    style: "red",
    ...HIGHLIGHTS.red,
  });
  // Governance columns an Excel table could not take in (another table, a note beside it)
  // are highlighted on their own, so nothing between them is coloured; the same on a re-run.
  const cols = columns.map((c) => c.col);
  const apart = table.tableName !== null && Math.min(...cols) > table.lastColumn + 1;
  const ranges: CellRange[] = apart
    ? [
        { top, left, bottom, right: table.lastColumn },
        { top, left: Math.min(...cols), bottom, right: Math.max(...cols) },
      ]
    : [{ top, left, bottom, right }];
  for (const style of ["vanity", "incomplete"] as const) {
    const label = STATUS_LABELS[style];
    for (const range of ranges)
      rules.push({ range, formula: `LEFT(${ref},${label.length})="${label}"`, style, ...HIGHLIGHTS[style] });
  }
  return rules;
}

type Columns = { ok: true; columns: PlannedColumn[] } | { ok: false; code: "no-room"; message: string };

/**
 * Where the governance columns go: free means nothing of the person's in the table's rows
 * (no value, no formula, whatever it shows), no merged area, no chart, shape or picture, no
 * other Excel table, not hidden and not a narrow spacer.
 */
function placeColumns(grid: Grid, table: KpiTable): Columns {
  const wanted = KINDS.filter((k) => table.governance[k] === null);
  const own = table.tableName === null ? undefined : grid.tables.find((t) => t.name === table.tableName);
  const top = own ? Math.min(own.range.top, table.headerRow) : table.headerRow;
  const bottom = own ? Math.max(own.range.bottom, table.lastRow) : table.lastRow;
  const after = Math.max(table.lastColumn, ...KINDS.map((k) => table.governance[k] ?? -1), own?.range.right ?? -1);
  const blocker = (col: number, spacers: boolean) => whatIsIn(grid, col, top, bottom, own?.name, spacers);

  let start = after + 1;
  // The Excel table's own columns are the ones right beside it; when one of them is taken,
  // the governance columns go in the first free run further right, outside the table.
  let join = own;
  if (wanted.length > 0 && own) {
    for (let col = start; col < start + wanted.length && join; col++)
      if (blocker(col, false) !== null) join = undefined;
  }
  if (wanted.length > 0 && !join) {
    const found =
      freeRun(start, wanted.length, (col) => blocker(col, true) === null) ??
      freeRun(start, wanted.length, (col) => blocker(col, false) === null);
    if (found === null)
      return {
        ok: false,
        code: "no-room",
        message:
          `There is no room for Decision Map's ${wanted.length} columns to the right of the table on sheet ` +
          `'${table.sheetName}' (${blocker(start, false) ?? "the sheet ends"}). Nothing was changed: make room beside the table, then run again.`,
      };
    start = found;
  }

  const columns: PlannedColumn[] = [];
  let next = start;
  for (const kind of KINDS) {
    const existing = table.governance[kind];
    if (existing !== null) columns.push({ kind, col: existing, header: GOVERNANCE_HEADERS[kind], created: false });
    else
      columns.push({
        kind,
        col: next++,
        header: join ? uniqueHeader(grid, join, GOVERNANCE_HEADERS[kind]) : GOVERNANCE_HEADERS[kind],
        created: true,
        width: GOVERNANCE_WIDTHS[kind],
        ...(join ? { table: join.name } : {}),
      });
  }
  return { ok: true, columns };
}

/**
 * The note to give when a KPI table is an Excel table but the governance columns stand
 * outside it (the columns beside it were taken), or null: sorting the table would not carry
 * them along.
 */
export function outsideTableNote(table: KpiTable, columns: PlannedColumn[]): string | null {
  if (table.tableName === null) return null;
  const created = columns.filter((c) => c.created);
  if (created.length === 0 || created.some((c) => c.table !== undefined)) return null;
  const cols = created.map((c) => c.col);
  const span = `${columnLetter(Math.min(...cols))}:${columnLetter(Math.max(...cols))}`;
  return (
    `The governance columns ${span} stand outside the Excel table '${table.tableName}' (the columns beside it are taken): ` +
    "sorting or filtering the table will not carry them along."
  );
}

/**
 * An Excel table whose governance columns an earlier run put outside it (further right, in
 * its header row, as the run of headers Decision Map writes): the table with those columns,
 * so their answers are read and the Governance cells rewritten, never added a second time.
 */
export function withGovernanceOutside(grid: Grid, table: KpiTable): KpiTable {
  if (table.tableName === null || (table.orientation ?? "rows") !== "rows") return table;
  const wanted = KINDS.filter((k) => table.governance[k] === null);
  if (wanted.length === 0) return table;
  const h = table.headerRow;
  const header = (c: number) => cellText(cellAt(grid, h, c)).trim();
  for (let c = table.lastColumn + 1; c + wanted.length <= gridColumnEnd(grid); c++) {
    if (!wanted.every((k, i) => header(c + i) === GOVERNANCE_HEADERS[k])) continue;
    const governance = { ...table.governance };
    wanted.forEach((k, i) => (governance[k] = c + i));
    return { ...table, governance };
  }
  return table;
}

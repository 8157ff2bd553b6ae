/**
 * The write plan: the exact cells, columns, rules and sheets an audit puts into a workbook.
 * It never targets a cell the person filled unless that cell is a recognized governance
 * cell; when it would, it refuses and names the cell.
 */
import { reasonsText, shortReasonsText, shortWarningsText } from "./audit";
import { delegationOwners, delegationText, mbrBriefLines } from "./brief";
import {
  cellAddress,
  cellAt,
  cellText,
  isEmptyValue,
  isFormulaAt,
  numberFormatAt,
  quoteSheetName,
  sameSheetName,
  type Grid,
} from "./grid";
import { GOVERNANCE_HEADERS, STATUS_LABELS } from "./labels";
import { shorten } from "./place/free";
import { placerFor } from "./place";
import { SHEET_PROTECTED_SUMMARY_ONLY } from "./summaryOnly";
import type { Audit, GovernanceKind, KpiTable, MetricAudit, PlanResult, PlannedCell, PlannedSheet } from "./types";

export { GOVERNANCE_HEADERS, GOVERNANCE_WIDTHS, HIGHLIGHTS, RED_NOW, STATUS_LABELS } from "./labels";
export { SPACER_WIDTH } from "./place/free";

export const DECISION_MAP_SHEET = "Decision Map";
export const MBR_BRIEF_SHEET = "MBR Brief";

/** The header row of the Decision Map sheet; a re-run recognizes its own sheet by it. */
export const DECISION_MAP_HEADER = [
  "Metric",
  "Owner",
  "Threshold",
  "Lever",
  "Current value",
  "Status",
  "Red",
  "Reasons",
  "Warnings",
] as const;

/**
 * The Governance cell: the status word, then why in a few words ("VANITY: no owner, no
 * lever"), then what to notice ("DECISION-READY: red now"). The full sentences, with what to
 * do, are on the Decision Map sheet and in the pane.
 */
export function governanceText(m: MetricAudit): string {
  const label = STATUS_LABELS[m.status];
  const why = shortReasonsText(m);
  const notes = shortWarningsText(m);
  if (why === "") return notes === "" ? label : `${label}: ${notes}`;
  return notes === "" ? `${label}: ${why}` : `${label}: ${why}; ${notes}`;
}

/** The most characters an Excel cell holds. */
export const MAX_CELL_CHARS = 32767;

/** Text cut to what a cell holds (a sentence quoting a 32,767-character answer would not fit). */
function fitCell<T extends string | number | null>(value: T): T {
  if (typeof value !== "string" || value.length <= MAX_CELL_CHARS) return value;
  return `${value.slice(0, MAX_CELL_CHARS - 1)}…` as T;
}

/** The table as it may be written on its sheet: on a protected sheet, summary-only (unless it already is). */
export function withSheetProtection(grid: Grid, table: KpiTable): KpiTable {
  return grid.protected && table.summaryOnly === undefined
    ? { ...table, summaryOnly: SHEET_PROTECTED_SUMMARY_ONLY }
    : table;
}

export { SHEET_PROTECTED_SUMMARY_ONLY, summaryOnlyNote } from "./summaryOnly";

export function planWrite(grid: Grid, audit: Audit): PlanResult {
  // Nothing is written on a protected sheet: its governance goes to the summary sheets only
  // (decide() marks its table so, for every face to say; a plan made without it is the same).
  const table = withSheetProtection(grid, audit.table);
  const sheet = quoteSheetName(table.sheetName);

  const sheets: PlannedSheet[] = [decisionMapSheet(audit, grid), mbrBriefSheet(audit, grid)].map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) => row.map(fitCell)),
  }));
  const placer = table.summaryOnly === undefined ? placerFor(table.orientation) : null;
  if (placer === null)
    return { ok: true, plan: { sheetName: table.sheetName, columns: [], cells: [], rules: [], sheets } };
  const placed = placer(grid, audit);
  if (!placed.ok) return placed;
  const { columns, slots } = placed;

  const cells: PlannedCell[] = [...placed.headers];
  const headerCells = new Set(placed.headers);
  // Cells the person explicitly replaced (after a confirmation) are theirs to change.
  const replaced = new Set<PlannedCell>();
  const kindOf = new Map<PlannedCell, GovernanceKind>();
  audit.metrics.forEach((m, i) => {
    const slot = slots[i];
    for (const kind of ["owner", "threshold", "lever"] as const) {
      const source = m.sources[kind];
      if (source === "answers" || source === "ask") {
        const cell: PlannedCell = { ...slot[kind], value: m.answers[kind] };
        kindOf.set(cell, kind);
        cells.push(cell);
      } else if (source === "replaced") {
        const cell: PlannedCell = { ...slot[kind], value: m.answers[kind] || null };
        kindOf.set(cell, kind);
        replaced.add(cell);
        cells.push(cell);
      }
    }
    const verdict: PlannedCell = { ...slot.governance, value: governanceText(m) };
    kindOf.set(verdict, "governance");
    cells.push(verdict);
  });
  // Sentences wrap in the columns we create, so a printed page shows them whole.
  const created = new Set(columns.filter((c) => c.created).map((c) => c.col));
  for (const c of cells) {
    const kind = kindOf.get(c);
    if ((kind === "lever" || kind === "governance") && created.has(c.col)) c.wrap = true;
  }

  // Our own verdicts may be rewritten; anything else must be empty before we write it.
  for (const cell of cells) {
    const formula = isFormulaAt(grid, cell.row, cell.col);
    if (replaced.has(cell) && !formula) continue;
    const current = cellAt(grid, cell.row, cell.col);
    if (isEmptyValue(current) && !formula) continue;
    if (!headerCells.has(cell) && kindOf.get(cell) === "governance" && placed.ours(cell) && !formula) continue;
    const where = `${sheet}!${cellAddress(cell.row, cell.col)}`;
    const kind = headerCells.has(cell) ? String(cell.value) : GOVERNANCE_HEADERS[kindOf.get(cell) ?? "governance"];
    const holds = formula ? "holds a formula" : `already holds '${shorten(cellText(current))}'`;
    return {
      ok: false,
      code: "cell-occupied",
      cell: where,
      message:
        `Cell ${where} ${holds}, where Decision Map would write the ${kind} column. Nothing was ` +
        `changed: ${formula ? "move that formula" : "clear that cell"} or write the ${kind} there yourself, then run again.`,
    };
  }

  // Our own verdicts on rows that are no longer a metric's (a long export's earlier periods).
  for (const c of placed.clear ?? []) cells.push({ row: c.row, col: c.col, value: null });
  for (const c of cells) c.value = fitCell(c.value);
  return { ok: true, plan: { sheetName: table.sheetName, columns, cells, rules: placed.rules, sheets } };
}

/** The widest text in a column of rows, in characters, between `min` and `max`. */
function fitWidth(rows: (string | number | null)[][], col: number, min: number, max: number): number {
  let widest = 0;
  for (const row of rows) {
    const v = row[col];
    const n = v === null || v === undefined ? 0 : String(v).length;
    if (n > widest) widest = n;
  }
  return Math.min(max, Math.max(min, widest + 2));
}

/** Where the Decision Map sheet shows each metric's current value. */
const CURRENT_VALUE_COLUMN = DECISION_MAP_HEADER.indexOf("Current value");

function decisionMapSheet(audit: Audit, grid: Grid): PlannedSheet {
  const rows: (string | number | null)[][] = [[...DECISION_MAP_HEADER]];
  // Current values in the sheet's own formats (98%, $1.2M), never as raw fractions.
  const formats: (string | null)[][] = [[]];
  for (const m of audit.metrics) {
    const format = m.currentCell ? numberFormatAt(grid, m.currentCell.row, m.currentCell.col) : "";
    const row: (string | null)[] = [];
    row[CURRENT_VALUE_COLUMN] = format && format !== "General" ? format : null;
    formats.push(row);
    rows.push([
      m.name,
      m.answers.owner || null,
      m.answers.threshold || null,
      m.answers.lever || null,
      m.current,
      STATUS_LABELS[m.status],
      m.breached === null ? null : m.breached ? "RED" : "no",
      reasonsText(m) || null,
      m.warnings.map((w) => w.message).join(" ") || null,
    ]);
  }
  return {
    name: DECISION_MAP_SHEET,
    rows,
    numberFormats: formats,
    // Names, owners and thresholds as wide as they are (within reason); sentences wrap.
    widths: [fitWidth(rows, 0, 12, 48), fitWidth(rows, 1, 10, 28), fitWidth(rows, 2, 11, 24), 40, 14, 16, 6, 60, 60],
    wrap: [3, 7, 8],
    header: true,
    landscape: true,
  };
}

/** The brief, then each owner's delegation text, ready to copy into a message. */
function mbrBriefSheet(audit: Audit, grid: Grid): PlannedSheet {
  const lines = mbrBriefLines(audit, grid);
  const owners = delegationOwners(audit);
  if (owners.length > 0) {
    lines.push("", "Delegation, ready to send to each owner:");
    for (const owner of owners) {
      lines.push("", `To ${owner}:`, ...delegationText(audit, owner, grid).split("\n"));
    }
  }
  return { name: MBR_BRIEF_SHEET, rows: lines.map((line) => [line]), widths: [120], wrap: [0], landscape: true };
}

/** The name Decision Map gives a sheet that Excel would take for one of ours, or null. */
export function ourSheetName(name: string): typeof DECISION_MAP_SHEET | typeof MBR_BRIEF_SHEET | null {
  if (sameSheetName(name, DECISION_MAP_SHEET)) return DECISION_MAP_SHEET;
  if (sameSheetName(name, MBR_BRIEF_SHEET)) return MBR_BRIEF_SHEET;
  return null;
}

/**
 * A sheet named like one of ours (without regard to case, as Excel compares names) that we
 * did not make would be overwritten by a re-run: returns the refusal to show, or null when
 * the sheet is ours (or empty).
 */
export function ownSheetConflict(name: string, existing: Grid): string | null {
  const empty = existing.values.every((row) => row.every(isEmptyValue));
  return empty || isOwnSheet(name, existing) ? null : sheetConflictMessage(name);
}

/** Whether a sheet's first row is the one Decision Map writes on a sheet of that name. */
export function isOwnSheet(name: string, existing: Grid): boolean {
  const ours = ourSheetName(name);
  if (ours === DECISION_MAP_SHEET)
    return DECISION_MAP_HEADER.every((h, i) => cellText(cellAt(existing, 0, i)).trim() === h);
  if (ours === MBR_BRIEF_SHEET)
    return cellText(cellAt(existing, 0, 0))
      .trim()
      .startsWith("MBR brief:");
  return true;
}

export function sheetConflictMessage(name: string): string {
  const ours = ourSheetName(name) ?? name;
  const same = ours === name ? "" : ` (Excel takes it for '${ours}')`;
  return `The workbook already has a sheet named '${name}'${same} that Decision Map did not make. Rename that sheet, then run again.`;
}

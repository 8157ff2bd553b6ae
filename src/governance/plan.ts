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
  columnLetter,
  gridColumnEnd,
  gridRowEnd,
  isEmptyValue,
  isFormulaAt,
  quoteSheetName,
  rangeAddress,
  sameSheetName,
  type CellRange,
  type Grid,
  type GridTable,
} from "./grid";
import type {
  Audit,
  GovernanceKind,
  KpiTable,
  MetricAudit,
  PlanResult,
  PlannedCell,
  PlannedColumn,
  PlannedRule,
  PlannedSheet,
  Status,
} from "./types";

export const GOVERNANCE_HEADERS: Record<GovernanceKind, string> = {
  owner: "Owner",
  threshold: "Threshold",
  lever: "Lever",
  governance: "Governance",
};

/** The word each Governance cell starts with; the highlight rules test for it. */
export const STATUS_LABELS: Record<Status, string> = {
  "decision-ready": "DECISION-READY",
  incomplete: "INCOMPLETE",
  vanity: "VANITY",
};

export const HIGHLIGHTS = {
  vanity: { fill: "#FFC7CE", font: "#9C0006" },
  incomplete: { fill: "#FFEB9C", font: "#9C5700" },
  /** A metric past its threshold: its name, white on dark red, whatever its status. */
  red: { fill: "#C00000", font: "#FFFFFF" },
} as const;

/** The words in a Governance cell that say the metric is past its threshold. */
export const RED_NOW = "red now";

/** Widths (characters) of the columns a plan adds. */
export const GOVERNANCE_WIDTHS: Record<GovernanceKind, number> = {
  owner: 18,
  threshold: 14,
  lever: 40,
  governance: 60,
};

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

const KINDS: GovernanceKind[] = ["owner", "threshold", "lever", "governance"];

export function planWrite(grid: Grid, audit: Audit): PlanResult {
  const { table } = audit;
  const sheet = quoteSheetName(table.sheetName);
  if (grid.protected) {
    return {
      ok: false,
      code: "sheet-protected",
      message: `Sheet '${table.sheetName}' is protected. Unprotect it (Review > Unprotect Sheet), or audit a copy.`,
    };
  }

  const placed = placeColumns(grid, table);
  if (!placed.ok) return placed;
  const columns = placed.columns;
  const colOf = (kind: GovernanceKind) => columns.find((c) => c.kind === kind)!.col;

  const cells: PlannedCell[] = [];
  for (const c of columns) {
    if (c.created) {
      cells.push({
        row: table.headerRow,
        col: c.col,
        value: c.header,
        styleLike: { row: table.headerRow, col: table.metricColumn },
      });
    }
  }
  // Cells the person explicitly replaced (after a confirmation) are theirs to change.
  const replaced = new Set<PlannedCell>();
  for (const m of audit.metrics) {
    for (const kind of ["owner", "threshold", "lever"] as const) {
      const source = m.sources[kind];
      if (source === "answers" || source === "ask")
        cells.push({ row: m.row, col: colOf(kind), value: m.answers[kind] });
      else if (source === "replaced") {
        const cell: PlannedCell = { row: m.row, col: colOf(kind), value: m.answers[kind] || null };
        replaced.add(cell);
        cells.push(cell);
      }
    }
    cells.push({ row: m.row, col: colOf("governance"), value: governanceText(m) });
  }
  // Sentences wrap in the columns we create, so a printed page shows them whole.
  const wrapped = new Set(
    columns.filter((c) => c.created && (c.kind === "lever" || c.kind === "governance")).map((c) => c.col),
  );
  for (const c of cells) if (wrapped.has(c.col) && c.row !== table.headerRow) c.wrap = true;

  // Governance cells may be rewritten; anything else must be empty before we write it.
  const governanceCol = colOf("governance");
  for (const cell of cells) {
    const formula = isFormulaAt(grid, cell.row, cell.col);
    if (replaced.has(cell) && !formula) continue;
    const current = cellAt(grid, cell.row, cell.col);
    if (isEmptyValue(current) && !formula) continue;
    if (cell.col === governanceCol && table.governance.governance !== null && !formula) continue;
    const where = `${sheet}!${cellAddress(cell.row, cell.col)}`;
    const kind = columnKindAt(columns, cell.col);
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

  const rules: PlannedRule[] = [];
  if (audit.metrics.length > 0) {
    let top = Infinity;
    let bottom = -Infinity;
    for (const m of audit.metrics) {
      if (m.row < top) top = m.row;
      if (m.row > bottom) bottom = m.row;
    }
    const left = Math.min(table.metricColumn, ...columns.map((c) => c.col));
    const right = Math.max(table.lastColumn, ...columns.map((c) => c.col));
    const ref = `$${columnLetter(governanceCol)}${top + 1}`;
    // Red metrics' names stand out, so the brief's red list can be seen on the sheet; this
    // rule comes first, so it wins over the row's fill on the name.
    rules.push({
      range: { top, left: table.metricColumn, bottom, right: table.metricColumn },
      formula: `ISNUMBER(SEARCH("${RED_NOW}",${ref}))`,
      style: "red",
      ...HIGHLIGHTS.red,
    });
    for (const style of ["vanity", "incomplete"] as const) {
      const label = STATUS_LABELS[style];
      rules.push({
        range: { top, left, bottom, right },
        formula: `LEFT(${ref},${label.length})="${label}"`,
        style,
        ...HIGHLIGHTS[style],
      });
    }
  }

  const sheets: PlannedSheet[] = [decisionMapSheet(audit), mbrBriefSheet(audit)].map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) => row.map(fitCell)),
  }));
  for (const c of cells) c.value = fitCell(c.value);
  return { ok: true, plan: { sheetName: table.sheetName, columns, cells, rules, sheets } };
}

/** Narrower than this (in characters), an empty column is a spacer the person keeps between blocks. */
export const SPACER_WIDTH = 5;

type Placement = { ok: true; columns: PlannedColumn[] } | { ok: false; code: "no-room"; message: string };

/**
 * Where the governance columns go. Columns the sheet already has are reused; the others
 * take the first run of free columns to the right of the table: free means nothing of the
 * person's in the table's rows (no value, no formula, whatever it shows), no merged area,
 * no chart, shape or picture, no other Excel table, not hidden and not a narrow spacer.
 * When the KPI table is an Excel table, the new columns join it, so they must be the
 * columns right beside it; what stands there is named.
 */
function placeColumns(grid: Grid, table: KpiTable): Placement {
  const wanted = KINDS.filter((k) => table.governance[k] === null);
  const own = table.tableName === null ? undefined : grid.tables.find((t) => t.name === table.tableName);
  const top = own ? Math.min(own.range.top, table.headerRow) : table.headerRow;
  const bottom = own ? Math.max(own.range.bottom, table.lastRow) : table.lastRow;
  const after = Math.max(table.lastColumn, ...KINDS.map((k) => table.governance[k] ?? -1), own?.range.right ?? -1);
  const blocker = (col: number, spacers: boolean) => whatIsIn(grid, col, top, bottom, own?.name, spacers);

  let start = after + 1;
  if (wanted.length > 0 && own) {
    for (let col = start; col < start + wanted.length; col++) {
      const what = blocker(col, false);
      if (what !== null)
        return {
          ok: false,
          code: "no-room",
          message:
            `Decision Map adds its columns to the Excel table '${own.name}', but column ${columnLetter(col)} beside ` +
            `it is not free: ${what}. Nothing was changed: move that out of column ${columnLetter(col)}, then run again.`,
        };
    }
  } else if (wanted.length > 0) {
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
        header: own ? uniqueHeader(grid, own, GOVERNANCE_HEADERS[kind]) : GOVERNANCE_HEADERS[kind],
        created: true,
        width: GOVERNANCE_WIDTHS[kind],
        ...(own ? { table: own.name } : {}),
      });
  }
  return { ok: true, columns };
}

/** Excel's last column (XFD), 0-based. */
const LAST_COLUMN = 16383;

function freeRun(from: number, length: number, free: (col: number) => boolean): number | null {
  let run = 0;
  for (let col = from; col <= LAST_COLUMN; col++) {
    run = free(col) ? run + 1 : 0;
    if (run === length) return col - length + 1;
  }
  return null;
}

const intersects = (r: CellRange, col: number, top: number, bottom: number) =>
  r.left <= col && col <= r.right && r.top <= bottom && top <= r.bottom;

/** What makes a column unfit for our text in rows top..bottom, in words, or null when it is free. */
function whatIsIn(
  grid: Grid,
  col: number,
  top: number,
  bottom: number,
  ownTable: string | undefined,
  spacers: boolean,
): string | null {
  const letter = columnLetter(col);
  if (col > LAST_COLUMN) return "the sheet ends there";
  if (col >= grid.origin.col && col < gridColumnEnd(grid)) {
    for (let row = Math.max(top, grid.origin.row); row <= bottom && row < gridRowEnd(grid); row++) {
      if (isFormulaAt(grid, row, col)) return `${letter}${row + 1} holds a formula`;
      const v = cellAt(grid, row, col);
      if (!isEmptyValue(v)) return `${letter}${row + 1} holds '${shorten(cellText(v))}'`;
    }
  }
  for (const m of grid.merges)
    if (intersects(m, col, top, bottom)) return `merged cells ${rangeAddress(m)} reach into it`;
  for (const t of grid.tables)
    if (t.name !== ownTable && intersects(t.range, col, top, bottom)) return `the Excel table '${t.name}' is there`;
  for (const d of grid.drawings ?? [])
    if (intersects(d, col, top, bottom)) return `a chart, shape or picture covers ${rangeAddress(d)}`;
  if (grid.hiddenColumns?.includes(col)) return `column ${letter} is hidden`;
  const width = grid.columnWidths?.[col];
  if (spacers && width !== undefined && width < SPACER_WIDTH) return `column ${letter} is a narrow spacer`;
  return null;
}

/** A header for a new column of an Excel table: column names are unique there, without case. */
function uniqueHeader(grid: Grid, table: GridTable, header: string): string {
  const taken = new Set<string>();
  for (let col = table.range.left; col <= table.range.right; col++)
    taken.add(
      cellText(cellAt(grid, table.range.top, col))
        .trim()
        .toUpperCase(),
    );
  let name = header;
  for (let n = 2; taken.has(name.toUpperCase()); n++) name = `${header}${n}`;
  return name;
}

function columnKindAt(columns: PlannedColumn[], col: number): string {
  return columns.find((c) => c.col === col)?.header ?? "Governance";
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

function decisionMapSheet(audit: Audit): PlannedSheet {
  const rows: (string | number | null)[][] = [[...DECISION_MAP_HEADER]];
  for (const m of audit.metrics) {
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
    widths: [28, 20, 14, 40, 14, 16, 6, 60, 60],
    wrap: [3, 7, 8],
    header: true,
    landscape: true,
  };
}

/** The brief, then each owner's delegation text, ready to copy into a message. */
function mbrBriefSheet(audit: Audit): PlannedSheet {
  const lines = mbrBriefLines(audit);
  const owners = delegationOwners(audit);
  if (owners.length > 0) {
    lines.push("", "Delegation, ready to send to each owner:");
    for (const owner of owners) {
      lines.push("", `To ${owner}:`, ...delegationText(audit, owner).split("\n"));
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

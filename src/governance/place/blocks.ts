/**
 * Blocks: each metric is a block of label / value cells, so its governance is more label /
 * value pairs ("Threshold" | answer, "Lever" | answer, "Governance" | verdict) in a free
 * block beside its Owner label. Labels the block already has are reused, their value cells
 * are the slots; the missing pairs go directly under the block's last label when those cells
 * are free, else in the first free pair of columns to the right, in the Owner label's rows.
 * The name's value cell is highlighted by the verdict.
 *
 * The pairs sit in two columns the plan marks as created (the label column first in the
 * list under the kind "threshold" too, after the real ones), so the record of what was added
 * (record.ts, rows × columns of created cells) covers exactly the pairs, and "Remove
 * governance" takes them out again.
 */
import { cellAt, cellText, columnLetter, gridColumnEnd, isEmptyValue, isFormulaAt, type Grid, mergeAt } from "../grid";
import { GOVERNANCE_HEADERS, HIGHLIGHTS, RED_NOW, STATUS_LABELS } from "../labels";
import type { Audit, CellRef, GovernanceKind, PlannedCell, PlannedColumn, PlannedRule } from "../types";
import { LAST_COLUMN, whatIsIn } from "./free";
import { KINDS } from "./rows";
import type { Placement, Placer, Slots } from "./types";

/** Widths (characters) of a label and a value column the plan fills from empty. */
const LABEL_WIDTH = 14;
const VALUE_WIDTH = 40;

interface Pairs {
  /** Label column and value column (the value column right beside it). */
  labelCol: number;
  valueCol: number;
  /** First row of the pairs; one pair per row. */
  top: number;
  kinds: GovernanceKind[];
}

/** Whether text in a cell left of `col` runs over into it (long unwrapped text and empty cells between). */
function spillsInto(grid: Grid, row: number, col: number): boolean {
  let room = 0;
  for (let c = col - 1; c >= Math.max(0, col - 16); c--) {
    const v = cellAt(grid, row, c);
    if (!isEmptyValue(v) || isFormulaAt(grid, row, c)) {
      return typeof v === "string" && !v.includes("\n") && v.trim().length > room + width(grid, c);
    }
    room += width(grid, c);
  }
  return false;
}

/** A column's width in characters as shown: a hidden column shows nothing, text runs over it. */
function width(grid: Grid, col: number): number {
  if (grid.hiddenColumns?.includes(col)) return 0;
  return grid.columnWidths?.[col] ?? 8.43;
}

/** Whether each cell of a column in rows top..bottom is free for our text, and visible. */
function freeCells(
  grid: Grid,
  col: number,
  top: number,
  bottom: number,
  taken: Set<string>,
  spacers: boolean,
): boolean {
  if (col < 0 || col > LAST_COLUMN) return false;
  if (whatIsIn(grid, col, top, bottom, undefined, spacers) !== null) return false;
  const hidden = grid.hiddenRows ?? [];
  for (let row = top; row <= bottom; row++) {
    if (hidden.includes(row) || taken.has(`${row}:${col}`) || isFormulaAt(grid, row, col)) return false;
    if (spillsInto(grid, row, col)) return false;
  }
  return true;
}

/** Whether a column holds nothing at all on the sheet (so setting its width changes nothing of the person's). */
function emptyColumn(grid: Grid, col: number): boolean {
  if (col < grid.origin.col || col >= gridColumnEnd(grid)) return true;
  for (let i = 0; i < grid.values.length; i++) {
    const row = grid.origin.row + i;
    if (!isEmptyValue(cellAt(grid, row, col)) || isFormulaAt(grid, row, col)) return false;
  }
  return true;
}

/** The first column pair right of `from` free in rows top..bottom (narrow spacers skipped when possible). */
function pairRight(grid: Grid, from: number, top: number, bottom: number, taken: Set<string>): number | null {
  for (const spacers of [true, false]) {
    for (let col = from; col < LAST_COLUMN; col++) {
      if (freeCells(grid, col, top, bottom, taken, spacers) && freeCells(grid, col + 1, top, bottom, taken, spacers))
        return col;
    }
  }
  return null;
}

export const placeBlocks: Placer = (grid: Grid, audit: Audit): Placement => {
  const { table } = audit;
  const taken = new Set<string>();
  const plans: { pairs: Pairs | null; slots: Partial<Slots>; styleFrom: CellRef }[] = [];

  for (const [i, m] of audit.metrics.entries()) {
    const row = table.metrics[i];
    const cells = row?.answerCells ?? {};
    const slots: Partial<Slots> = {};
    for (const k of KINDS) if (cells[k]) slots[k] = cells[k];
    const missing = KINDS.filter((k) => slots[k] === undefined);
    // The Owner label (its value's left neighbour) gives the look and the place.
    const ownerValue = cells.owner;
    const ownerLabel = ownerValue ? labelLeftOf(grid, ownerValue) : null;
    const styleFrom = ownerLabel ?? m.cell;
    if (missing.length === 0) {
      plans.push({ pairs: null, slots, styleFrom });
      continue;
    }
    const nameArea = mergeAt(grid, m.cell.row, m.cell.col);
    const start = Math.max(nameArea?.right ?? m.cell.col, m.cell.col) + 1;
    const pairs = findPairs(
      grid,
      m.row,
      start,
      ownerLabel,
      ownerValue ?? null,
      Object.values(slots),
      missing,
      taken,
      m.cell.row,
    );
    if (pairs === null)
      return {
        ok: false,
        code: "no-room",
        message:
          `There is no free room beside '${m.name}' on sheet '${table.sheetName}' for Decision Map's ` +
          `${missing.length} label / value pairs. Nothing was changed: clear ${missing.length} rows of two columns beside its Owner label, then run again.`,
      };
    pairs.kinds.forEach((k, j) => {
      slots[k] = { row: pairs.top + j, col: pairs.valueCol };
      taken.add(`${pairs.top + j}:${pairs.labelCol}`);
      taken.add(`${pairs.top + j}:${pairs.valueCol}`);
    });
    plans.push({ pairs, slots, styleFrom });
  }

  // The record of what was added is one rectangle: when the pairs of several blocks are in
  // different columns, or would span cells of the person's, all pairs go into one pair of
  // columns right of them all.
  const placed = plans.filter((p) => p.pairs !== null);
  const oneColumnPair = placed.every(
    (p) => p.pairs!.labelCol === placed[0].pairs!.labelCol && p.pairs!.valueCol === placed[0].pairs!.valueCol,
  );
  if (placed.length > 1 && (!oneColumnPair || !boxIsOurs(grid, placed, taken))) {
    const top = Math.min(...placed.map((p) => p.pairs!.top));
    const bottom = Math.max(...placed.map((p) => p.pairs!.top + p.pairs!.kinds.length - 1));
    taken.clear();
    const col = pairRight(grid, Math.max(...placed.map((p) => p.pairs!.valueCol + 1)), top, bottom, taken);
    if (col === null)
      return {
        ok: false,
        code: "no-room",
        message: `There is no free pair of columns on sheet '${table.sheetName}' for Decision Map's label / value pairs. Nothing was changed: make room beside the blocks, then run again.`,
      };
    for (const p of placed) {
      const pairs = p.pairs!;
      pairs.labelCol = col;
      pairs.valueCol = col + 1;
      pairs.kinds.forEach((k, j) => (p.slots[k] = { row: pairs.top + j, col: col + 1 }));
    }
  }

  const headers: PlannedCell[] = [];
  for (const p of placed) {
    const pairs = p.pairs!;
    pairs.kinds.forEach((k, j) =>
      headers.push({ row: pairs.top + j, col: pairs.labelCol, value: GOVERNANCE_HEADERS[k], styleLike: p.styleFrom }),
    );
  }

  const columns = plannedColumns(grid, plans);
  const slots = plans.map((p) => p.slots as Slots);
  const ours = new Set(
    audit.metrics.flatMap((m, i) => {
      const g = table.metrics[i]?.answerCells?.governance;
      return g ? [`${g.row}:${g.col}`] : [];
    }),
  );
  return {
    ok: true,
    columns,
    headers,
    slots,
    ours: (cell) => ours.has(`${cell.row}:${cell.col}`),
    rules: nameRules(audit, slots),
  };
};

/** The label cell left of a value cell (past a merged label), or null. */
function labelLeftOf(grid: Grid, value: CellRef): CellRef | null {
  for (let col = value.col - 1; col >= Math.max(0, value.col - 3); col--) {
    const m = mergeAt(grid, value.row, col);
    const at = m ? { row: m.top, col: m.left } : { row: value.row, col };
    if (cellText(cellAt(grid, at.row, at.col)).trim() !== "") return at;
  }
  // Value below its label.
  const above = { row: value.row - 1, col: value.col };
  const m = mergeAt(grid, above.row, above.col);
  const at = m ? { row: m.top, col: m.left } : above;
  return cellText(cellAt(grid, at.row, at.col)).trim() !== "" ? at : null;
}

/** How far right of a block, and how many rows past its last pair, a nearby free block is looked for. */
const NEAR_COLUMNS = 24;
const NEAR_ROWS_BELOW = 2;

/** A short text in a cell (or the top-left of its merged area): a label of a label / value pair. */
function labelText(grid: Grid, row: number, col: number): boolean {
  const m = mergeAt(grid, row, col);
  const v = cellAt(grid, m ? m.top : row, m ? m.left : col);
  return typeof v === "string" && v.trim() !== "" && v.trim().length <= 40;
}

/**
 * The last row of the label / value pairs from the Owner label down (Owner, then "Due Date",
 * "Unit", … in the same label column, one after the other).
 */
function lastPairRow(grid: Grid, labelCol: number, from: number): number {
  let row = from;
  for (let n = 0; n < 40; n++) {
    const next = row + 1;
    if (!labelText(grid, next, labelCol)) break;
    row = mergeAt(grid, next, labelCol)?.bottom ?? next;
  }
  return row;
}

/** Whether a column holds nothing (no value, no formula) in rows top..bottom: the gap left of a free block. */
function blankIn(grid: Grid, col: number, top: number, bottom: number): boolean {
  if (col < 0) return true;
  for (let row = top; row <= bottom; row++) {
    if (!isEmptyValue(cellAt(grid, row, col)) || isFormulaAt(grid, row, col)) return false;
    const m = mergeAt(grid, row, col);
    if (m && !isEmptyValue(cellAt(grid, m.top, m.left))) return false;
  }
  return true;
}

/**
 * Where the missing pairs go, nearest first:
 * 1. directly under the block's last label / value pair, in its label and value columns, when
 *    those cells are free and a row after them stays free;
 * 2. the nearest free block of two columns right of the block's pairs, in the block's rows
 *    (or just under them), with a blank column left of it so it reads as a block of its own;
 * 3. the first free pair of columns right of everything in the Owner label's rows.
 * Every cell is free under the safety rules (nothing in it, no merge, drawing, hidden row or
 * column, spacer, no text running over into it).
 */
function findPairs(
  grid: Grid,
  anchorRow: number,
  start: number,
  ownerLabel: CellRef | null,
  ownerValue: CellRef | null,
  existing: CellRef[],
  kinds: GovernanceKind[],
  taken: Set<string>,
  nameRow: number,
): Pairs | null {
  const n = kinds.length;
  let blockBottom = anchorRow;
  if (ownerLabel && ownerValue && ownerValue.row === ownerLabel.row) {
    const labelArea = mergeAt(grid, ownerLabel.row, ownerLabel.col);
    const valueArea = mergeAt(grid, ownerValue.row, ownerValue.col);
    const adjacent = (labelArea?.right ?? ownerLabel.col) + 1 === ownerValue.col;
    let last = Math.max(labelArea?.bottom ?? ownerLabel.row, valueArea?.bottom ?? ownerValue.row);
    for (const c of existing) if (c.col === ownerValue.col && c.row > last) last = c.row;
    last = lastPairRow(grid, ownerLabel.col, last);
    blockBottom = last;
    if (adjacent && (labelArea === null || labelArea.left === labelArea.right)) {
      const top = last + 1;
      const bottom = top + n - 1;
      if (
        freeCells(grid, ownerLabel.col, top, bottom, taken, false) &&
        freeCells(grid, ownerValue.col, top, bottom, taken, false) &&
        // A row after them stays free, so the pairs do not run into what follows.
        rowGapBelow(grid, ownerLabel.col, ownerValue.col, bottom + 1)
      )
        return { labelCol: ownerLabel.col, valueCol: ownerValue.col, top, kinds };
    }
  }
  let from = ownerValue ? (mergeAt(grid, ownerValue.row, ownerValue.col)?.right ?? ownerValue.col) + 1 : start;
  for (const c of existing) from = Math.max(from, c.col + 1);
  const origin = ownerLabel ?? { row: anchorRow, col: start - 1 };

  // The nearest free block beside the pairs.
  let best: { col: number; top: number; score: number } | null = null;
  const firstRow = Math.min(nameRow, anchorRow);
  for (let top = firstRow; top <= blockBottom + NEAR_ROWS_BELOW; top++) {
    const bottom = top + n - 1;
    const rowCost = 2 * Math.abs(top - anchorRow);
    for (let col = from; col <= Math.min(LAST_COLUMN - 1, from + NEAR_COLUMNS); col++) {
      const score = col - origin.col + rowCost;
      if (best !== null && score >= best.score) break;
      if (
        blankIn(grid, col - 1, top, bottom) &&
        freeCells(grid, col, top, bottom, taken, true) &&
        freeCells(grid, col + 1, top, bottom, taken, true)
      ) {
        best = { col, top, score };
        break;
      }
    }
  }
  if (best !== null) return { labelCol: best.col, valueCol: best.col + 1, top: best.top, kinds };

  // Right of everything the block has in the Owner label's rows.
  const top = anchorRow;
  const col = pairRight(grid, from, top, top + n - 1, taken);
  return col === null ? null : { labelCol: col, valueCol: col + 1, top, kinds };
}

function rowGapBelow(grid: Grid, labelCol: number, valueCol: number, row: number): boolean {
  return [labelCol, valueCol].every((c) => isEmptyValue(cellAt(grid, row, c)) && !isFormulaAt(grid, row, c));
}

/** Whether the rectangle around all the pairs holds nothing but them. */
function boxIsOurs(grid: Grid, placed: { pairs: Pairs | null }[], taken: Set<string>): boolean {
  const top = Math.min(...placed.map((p) => p.pairs!.top));
  const bottom = Math.max(...placed.map((p) => p.pairs!.top + p.pairs!.kinds.length - 1));
  const left = Math.min(...placed.map((p) => p.pairs!.labelCol));
  const right = Math.max(...placed.map((p) => p.pairs!.valueCol));
  for (let col = left; col <= right; col++) {
    const rows: number[] = [];
    for (let row = top; row <= bottom; row++) if (!taken.has(`${row}:${col}`)) rows.push(row);
    for (const row of rows) if (!freeCells(grid, col, row, row, new Set(), false)) return false;
  }
  return true;
}

/**
 * The columns: each kind's value column (the Owner's existing one, or where its pair goes)
 * and, when pairs are added, their label column too, so the record covers the labels.
 */
function plannedColumns(grid: Grid, plans: { pairs: Pairs | null; slots: Partial<Slots> }[]): PlannedColumn[] {
  const first = plans.find((p) => p.pairs !== null)?.pairs ?? null;
  const anySlots = plans[0]?.slots ?? {};
  const columns: PlannedColumn[] = KINDS.map((kind) => {
    const placedHere = first !== null && first.kinds.includes(kind);
    const col = placedHere ? first.valueCol : (anySlots[kind]?.col ?? 0);
    return placedHere
      ? {
          kind,
          col,
          header: GOVERNANCE_HEADERS[kind],
          created: true,
          ...(emptyColumn(grid, col) && kind === first.kinds[0] ? { width: VALUE_WIDTH } : {}),
        }
      : { kind, col, header: GOVERNANCE_HEADERS[kind], created: false };
  });
  if (first !== null)
    columns.push({
      kind: first.kinds[0],
      col: first.labelCol,
      header: GOVERNANCE_HEADERS[first.kinds[0]],
      created: true,
      ...(emptyColumn(grid, first.labelCol) ? { width: LABEL_WIDTH } : {}),
    });
  return columns;
}

/** Each metric's name cell: white on dark red when red now, else filled by its status. */
function nameRules(audit: Audit, slots: Slots[]): PlannedRule[] {
  const rules: PlannedRule[] = [];
  audit.metrics.forEach((m, i) => {
    const g = slots[i].governance;
    const ref = `$${columnLetter(g.col)}$${g.row + 1}`;
    const range = { top: m.cell.row, left: m.cell.col, bottom: m.cell.row, right: m.cell.col };
    rules.push({ range, formula: `ISNUMBER(SEARCH("${RED_NOW}",${ref}))`, style: "red", ...HIGHLIGHTS.red });
    for (const style of ["vanity", "incomplete"] as const) {
      const label = STATUS_LABELS[style];
      rules.push({ range, formula: `LEFT(${ref},${label.length})="${label}"`, style, ...HIGHLIGHTS[style] });
    }
  });
  return rules;
}

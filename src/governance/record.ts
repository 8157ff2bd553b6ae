/**
 * What Decision Map added to a sheet, kept in the workbook by both hosts in one form: a
 * sheet-scoped defined name that refers to the cells of the columns it created (so Excel keeps
 * it right when rows or columns are inserted), with a comment holding those columns' widths
 * from before. "Remove governance" in Excel reads it, whichever host wrote it.
 */
import type { CellRange } from "./grid";
import type { WritePlan } from "./types";
import { STANDARD_WIDTH_POINTS } from "./width";

export const RECORD_NAME = "DecisionMap_Added";

export interface AddedRecord {
  /** The cells of the columns Decision Map created, header to last metric. */
  range: CellRange;
  /** Each column's width in points from before Decision Map set it, left to right; null: not set by us. */
  widths: (number | null)[];
}

export function recordComment(widths: (number | null)[]): string {
  return JSON.stringify({ decisionMap: 1, widths });
}

/** The widths a record's comment holds, null where a width was not set by us; [] when the comment is not ours. */
export function recordWidths(comment: string | null | undefined): (number | null)[] {
  try {
    const parsed = JSON.parse(comment ?? "") as { decisionMap?: unknown; widths?: unknown };
    if (parsed.decisionMap !== 1 || !Array.isArray(parsed.widths)) return [];
    return parsed.widths.map((w) => (typeof w === "number" && Number.isFinite(w) && w >= 0 ? w : null));
  } catch {
    return [];
  }
}

/** The cells of the columns a plan creates (they are side by side), header to last metric; null when it creates none. */
export function createdRange(plan: WritePlan): CellRange | null {
  const created = plan.columns.filter((c) => c.created).map((c) => c.col);
  if (created.length === 0) return null;
  let top = Infinity;
  let bottom = -Infinity;
  for (const c of plan.cells) {
    if (!created.includes(c.col)) continue;
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
  }
  if (top > bottom) return null;
  // A column beside the created ones that the plan writes and the sheet did not have (a side
  // table's Metric column) goes with them.
  const sheets = new Set(plan.columns.filter((c) => !c.created).map((c) => c.col));
  const writes = (col: number) =>
    !sheets.has(col) && plan.cells.some((c) => c.col === col && c.row >= top && c.row <= bottom);
  let left = Math.min(...created);
  let right = Math.max(...created);
  while (writes(left - 1)) left--;
  while (writes(right + 1)) right++;
  return { top, bottom, left, right };
}

/**
 * The record after a plan that created `fresh`: the smallest range holding both, with the
 * widths an earlier run recorded kept as they were and `widthBefore` asked for the others.
 */
export function mergeRecord(
  old: AddedRecord | null,
  fresh: CellRange,
  widthBefore: (col: number) => number | null,
): AddedRecord {
  const range = old
    ? {
        top: Math.min(old.range.top, fresh.top),
        left: Math.min(old.range.left, fresh.left),
        bottom: Math.max(old.range.bottom, fresh.bottom),
        right: Math.max(old.range.right, fresh.right),
      }
    : fresh;
  const widths: (number | null)[] = [];
  for (let col = range.left; col <= range.right; col++) {
    const inOld = old !== null && col >= old.range.left && col <= old.range.right;
    widths.push(inOld ? (old.widths[col - old.range.left] ?? null) : widthBefore(col));
  }
  return { range, widths };
}

export { STANDARD_WIDTH_POINTS };

/**
 * The width to give each of `count` removed columns back, in points, or null to leave it.
 * A record whose comment was lost (LibreOffice drops defined-name comments on save) or is
 * shorter than its range gives those columns Excel's standard width: they were empty
 * columns Decision Map widened, and a standard width is what an empty column has.
 */
export function widthsToRestore(widths: (number | null)[], count: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < count; i++) out.push(i < widths.length ? widths[i] : STANDARD_WIDTH_POINTS);
  return out;
}

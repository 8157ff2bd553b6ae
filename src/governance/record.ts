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
  /**
   * The cells that took a look of ours, when some lie under the range's first row (a block's
   * "Threshold" / "Lever" / "Governance" labels copy the Owner label's): removal clears their
   * formats and no other cell's, so the person's own formatting stays. Absent: the first row.
   */
  styled?: CellRange[];
}

/** A range created by a plan, with the cells in it that copy a look when some lie under its first row. */
export type CreatedRange = CellRange & { styled?: CellRange[] };

/**
 * The record's comment: the widths, and the styled cells relative to the range's top-left
 * corner ([row, col, rows, cols]), so they move with the range when rows or columns are
 * inserted above or left of it.
 */
export function recordComment(record: (number | null)[] | AddedRecord): string {
  if (Array.isArray(record)) return JSON.stringify({ decisionMap: 1, widths: record });
  const { range, widths, styled } = record;
  const inside = (styled ?? []).filter(
    (r) => r.top >= range.top && r.bottom <= range.bottom && r.left >= range.left && r.right <= range.right,
  );
  if (inside.length === 0) return JSON.stringify({ decisionMap: 1, widths });
  const rel = inside.map((r) => [r.top - range.top, r.left - range.left, r.bottom - r.top + 1, r.right - r.left + 1]);
  return JSON.stringify({ decisionMap: 1, widths, styled: rel });
}

/** The styled cells a record's comment holds, placed in `range`; [] when none or not ours. */
export function recordStyled(comment: string | null | undefined, range: CellRange): CellRange[] {
  try {
    const parsed = JSON.parse(comment ?? "") as { decisionMap?: unknown; styled?: unknown };
    if (parsed.decisionMap !== 1 || !Array.isArray(parsed.styled)) return [];
    const out: CellRange[] = [];
    for (const x of parsed.styled) {
      if (!Array.isArray(x) || x.length !== 4 || !x.every((n) => Number.isInteger(n) && n >= 0)) continue;
      const [dr, dc, rows, cols] = x as number[];
      if (rows < 1 || cols < 1) continue;
      const r = {
        top: range.top + dr,
        left: range.left + dc,
        bottom: range.top + dr + rows - 1,
        right: range.left + dc + cols - 1,
      };
      // Only cells of the record: a comment edited by hand never reaches the person's cells.
      if (r.bottom <= range.bottom && r.right <= range.right) out.push(r);
    }
    return out;
  } catch {
    return [];
  }
}

/** A record read back from the sheet: its range and its comment's widths and styled cells. */
export function recordFrom(range: CellRange, comment: string | null | undefined): AddedRecord {
  const styled = recordStyled(comment, range);
  return { range, widths: recordWidths(comment), ...(styled.length > 0 ? { styled } : {}) };
}

/**
 * The cells whose formats "Remove governance" clears: the styled cells the record names (a
 * block's labels), else its first row (the headers that took a table's header look). Every
 * other cell of the record only loses its contents: its look is the person's.
 */
export function formatsToClear(range: CellRange, comment: string | null | undefined): CellRange[] {
  const styled = recordStyled(comment, range);
  return styled.length > 0 ? styled : [{ ...range, bottom: range.top }];
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

/**
 * The cells of the columns a plan creates (they are side by side), header to last metric;
 * null when it creates none. When cells under its first row copy a look (styleLike: a block's
 * labels), all its cells that do are listed in `styled`, one range per run of rows in a column.
 */
export function createdRange(plan: WritePlan): CreatedRange | null {
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
  const range = { top, bottom, left, right };
  const styled = styledRuns(plan, range);
  return styled.length > 0 ? { ...range, styled } : range;
}

/**
 * The plan's cells in the range that copy a look, as runs of rows per column, when some lie
 * under its first row (a block's labels); [] when only the first row does (column headers),
 * which removal clears as a whole.
 */
function styledRuns(plan: WritePlan, range: CellRange): CellRange[] {
  const byCol = new Map<number, number[]>();
  let below = false;
  for (const c of plan.cells) {
    if (!c.styleLike || c.row < range.top || c.row > range.bottom || c.col < range.left || c.col > range.right)
      continue;
    if (c.row > range.top) below = true;
    const rows = byCol.get(c.col) ?? [];
    rows.push(c.row);
    byCol.set(c.col, rows);
  }
  const out: CellRange[] = [];
  for (const [col, rows] of [...byCol].sort((a, b) => a[0] - b[0])) {
    rows.sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      out.push({ top: start, bottom: rows[i - 1], left: col, right: col });
      if (i < rows.length) start = rows[i];
    }
  }
  return below ? out : [];
}

/**
 * The record after a plan that created `fresh`: the smallest range holding both, with the
 * widths an earlier run recorded kept as they were and `widthBefore` asked for the others.
 */
export function mergeRecord(
  old: AddedRecord | null,
  fresh: CreatedRange,
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
  // A part recorded without styled cells had its first row styled (headers): kept as such.
  const firstRow = (r: CellRange) => ({ top: r.top, left: r.left, bottom: r.top, right: r.right });
  const freshStyled = fresh.styled ?? [];
  const oldStyled = old ? (old.styled ?? []) : [];
  const styled =
    old === null || (oldStyled.length === 0 && freshStyled.length === 0)
      ? freshStyled
      : [
          ...(oldStyled.length > 0 ? oldStyled : [firstRow(old.range)]),
          ...(freshStyled.length > 0 ? freshStyled : [firstRow(fresh)]),
        ];
  const plain = { top: range.top, left: range.left, bottom: range.bottom, right: range.right };
  return styled.length > 0 ? { range: plain, widths, styled } : { range: plain, widths };
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

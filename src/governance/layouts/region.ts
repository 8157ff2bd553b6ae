/** What every layout reader needs of a sheet's cells: the region it reads, numbers and text. */
import { gridColumnEnd, gridRowEnd, type CellRange, type CellValue, type Grid } from "../grid";

/** Cells a reader looks at, 0-based and inclusive; `Region` is a CellRange known to be inside the grid. */
export type Region = CellRange;

/** Widest table any reader considers (columns). */
export const MAX_COLUMNS = 512;

export function isNumber(v: CellValue): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

export function textOf(v: CellValue): string {
  return typeof v === "string" ? v.trim() : "";
}

/** The grid's used cells within `r` (all of them without it), at most `maxColumns` wide; null when none. */
export function clampRegion(grid: Grid, r: CellRange | null | undefined, maxColumns = MAX_COLUMNS): Region | null {
  const top0 = grid.origin.row;
  const left0 = grid.origin.col;
  const bottom0 = gridRowEnd(grid) - 1;
  const right0 = gridColumnEnd(grid) - 1;
  if (bottom0 < top0 || right0 < left0) return null;
  const region = r
    ? {
        top: Math.max(top0, r.top),
        left: Math.max(left0, r.left),
        bottom: Math.min(bottom0, r.bottom),
        right: Math.min(right0, r.right),
      }
    : { top: top0, left: left0, bottom: bottom0, right: right0 };
  if (region.bottom < region.top || region.right < region.left) return null;
  if (region.right - region.left + 1 > maxColumns) region.right = region.left + maxColumns - 1;
  return region;
}

/**
 * How numbers under a "%" name with a General format are stored: points (3 for 3%) unless
 * every number is a fraction and one is not whole (0.08 for 8%, as data-frame exports write).
 */
export function percentStorage(values: Iterable<CellValue>): "percent-points" | "percent-fraction" {
  let numbers = 0;
  let fractional = false;
  for (const v of values) {
    if (!isNumber(v)) continue;
    numbers++;
    if (Math.abs(v) > 1) return "percent-points";
    if (!Number.isInteger(v)) fractional = true;
  }
  return numbers > 0 && fractional ? "percent-fraction" : "percent-points";
}

/**
 * Several tables on one sheet: the rows reader reads the one table it finds best; this
 * reader reads each other table on the sheet (each Excel table, and each block of cells set
 * apart from the rest by blank rows and columns) the same way, so the person can be offered
 * them (`--table NAME`, `--range A1:D9`, the pane's selection). It never outranks the rows
 * reader's own choice: the default stays what the rows reader reads.
 */
import { tableArea } from "../area";
import { cellAt, gridColumnEnd, gridRowEnd, isEmptyValue, type CellRange, type Grid } from "../grid";
import type { DetectHints, KpiTable } from "../types";
// Read at call time, not load time: ./index lists this reader too.
import { LAYOUT_READERS } from ".";
import { readRows } from "./rows";
import type { LayoutReader } from "./types";

/** Past this many cells, blocks are not looked for (Excel tables still are). */
const MAX_BLOCK_CELLS = 250_000;
/** At most this many tables are read per sheet. */
const MAX_REGIONS = 40;

const overlaps = (a: CellRange, b: CellRange) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

function clip(r: CellRange, to: CellRange): CellRange | null {
  const c = {
    top: Math.max(r.top, to.top),
    left: Math.max(r.left, to.left),
    bottom: Math.min(r.bottom, to.bottom),
    right: Math.min(r.right, to.right),
  };
  return c.top <= c.bottom && c.left <= c.right ? c : null;
}

/**
 * Blocks of filled cells: cells that touch (sides or corners) belong to one block, so a
 * blank row or column sets two tables apart. Only blocks of at least 2 rows and 2 columns.
 */
export function cellBlocks(grid: Grid, within: CellRange): CellRange[] {
  const top = Math.max(within.top, grid.origin.row);
  const left = Math.max(within.left, grid.origin.col);
  const bottom = Math.min(within.bottom, gridRowEnd(grid) - 1);
  const right = Math.min(within.right, gridColumnEnd(grid) - 1);
  if (top > bottom || left > right) return [];
  const h = bottom - top + 1;
  const w = right - left + 1;
  if (h * w > MAX_BLOCK_CELLS) return [];
  const filled = new Uint8Array(h * w);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) if (!isEmptyValue(cellAt(grid, top + r, left + c))) filled[r * w + c] = 1;
  // A merged area is filled wherever it reaches.
  for (const m of grid.merges) {
    const k = clip(m, { top, left, bottom, right });
    if (!k || isEmptyValue(cellAt(grid, m.top, m.left))) continue;
    for (let r = k.top; r <= k.bottom; r++)
      for (let c = k.left; c <= k.right; c++) filled[(r - top) * w + c - left] = 1;
  }
  const seen = new Uint8Array(h * w);
  const blocks: CellRange[] = [];
  const stack: number[] = [];
  for (let start = 0; start < h * w; start++) {
    if (!filled[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    const b = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
    while (stack.length > 0) {
      const i = stack.pop()!;
      const r = Math.floor(i / w);
      const c = i % w;
      if (r < b.top) b.top = r;
      if (r > b.bottom) b.bottom = r;
      if (c < b.left) b.left = c;
      if (c > b.right) b.right = c;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= h || cc >= w) continue;
          const j = rr * w + cc;
          if (filled[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    if (b.bottom > b.top && b.right > b.left)
      blocks.push({ top: top + b.top, left: left + b.left, bottom: top + b.bottom, right: left + b.right });
  }
  return blocks;
}

/** The sheet's tables as ranges to read: each Excel table, then each block no Excel table reaches into. */
export function tableRegions(grid: Grid, within?: CellRange): CellRange[] {
  const all: CellRange = within ?? {
    top: grid.origin.row,
    left: grid.origin.col,
    bottom: gridRowEnd(grid) - 1,
    right: gridColumnEnd(grid) - 1,
  };
  const regions: CellRange[] = [];
  for (const t of grid.tables) {
    if (!t.hasHeaderRow) continue;
    const r = clip(t.range, { ...all, bottom: Math.min(all.bottom, gridRowEnd(grid) - 1) });
    if (r && r.top === t.range.top) regions.push(r);
  }
  const tables = [...regions];
  for (const b of cellBlocks(grid, all)) if (!tables.some((t) => overlaps(t, b))) regions.push(b);
  return regions.slice(0, MAX_REGIONS);
}

function readTables(grid: Grid, hints: DetectHints): KpiTable[] {
  const regions = tableRegions(grid, hints.within);
  if (regions.length < 2) return [];
  const main = readRows(grid, hints);
  const taken: CellRange[] = main.ok ? [tableArea(main.table)] : [];
  const found: KpiTable[] = [];
  for (const region of regions) {
    const best = readRegion(grid, { ...hints, within: region });
    if (best === null) continue;
    const area = tableArea(best);
    if (taken.some((t) => overlaps(t, area))) continue;
    taken.push(area);
    // Never above the rows reader's own choice: the default does not change.
    const confidence = main.ok ? Math.min(best.confidence, main.table.confidence - 0.01) : best.confidence;
    found.push({ ...best, area, confidence: Math.max(0, Math.round(confidence * 100) / 100) });
  }
  return found.sort((a, b) => b.confidence - a.confidence);
}

/** The table one region reads as, in whichever layout reads it with the most confidence. */
function readRegion(grid: Grid, hints: DetectHints): KpiTable | null {
  let best: KpiTable | null = null;
  const rows = readRows(grid, hints);
  if (rows.ok && rows.table.metrics.length > 0) best = { ...rows.table, orientation: "rows" };
  for (const reader of LAYOUT_READERS) {
    if (reader === tablesReader) continue;
    for (const t of reader.read(grid, hints))
      if (t.metrics.length > 0 && (best === null || t.confidence > best.confidence))
        best = { ...t, orientation: reader.orientation };
  }
  return best;
}

export const tablesReader: LayoutReader = { orientation: "rows", read: readTables };

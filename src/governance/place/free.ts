/**
 * What makes a column unfit for Decision Map's text: the workbook-safety rules every placer
 * follows (nothing of the person's, no formula, no merged area, no drawing, no other table,
 * no pivot table nor the columns and rows it grows into nor its report filters above it, not
 * hidden, not a narrow spacer).
 */
import {
  cellAt,
  cellText,
  columnLetter,
  gridColumnEnd,
  gridRowEnd,
  isEmptyValue,
  isFormulaAt,
  rangeAddress,
  type CellRange,
  type Grid,
  type GridTable,
} from "../grid";

/** Narrower than this (in characters), an empty column is a spacer the person keeps between blocks. */
export const SPACER_WIDTH = 5;

/** Excel's last column (XFD), 0-based. */
export const LAST_COLUMN = 16383;

/** The first column from `from` that starts `length` free columns in a row, or null. */
export function freeRun(from: number, length: number, free: (col: number) => boolean): number | null {
  let run = 0;
  for (let col = from; col <= LAST_COLUMN; col++) {
    run = free(col) ? run + 1 : 0;
    if (run === length) return col - length + 1;
  }
  return null;
}

export const intersects = (r: CellRange, col: number, top: number, bottom: number) =>
  r.left <= col && col <= r.right && r.top <= bottom && top <= r.bottom;

/**
 * Columns right of a pivot table that stay clear of our text: a refresh that brings a new
 * item across (a new month, a new product) widens the pivot into them, and Excel then refuses
 * the refresh or writes over what is there.
 */
export const PIVOT_GROWTH_COLUMNS = 2;

/** Excel's last row (1,048,576), 0-based. */
export const LAST_ROW = 1_048_575;

/**
 * Rows under a pivot table that stay clear of our text, at the least: a refresh that brings a
 * new row item (next month, a new product, a new rep) lengthens the pivot downward, over
 * whatever is there. Twelve rows hold a year of new months, the growth a monthly pivot sees
 * between two looks at its workbook.
 */
export const PIVOT_GROWTH_ROWS = 12;

/**
 * How far a pivot may grow downward: twelve rows, or its own height when it is taller. A list
 * of items that has grown to n rows can as well grow by as many again (a product range, a
 * team, the days of a quarter), and the space under a pivot in its own columns costs a
 * placement little: the governance goes to the right, beside the data, not under a pivot.
 */
export function pivotGrowthRows(p: CellRange): number {
  return Math.max(PIVOT_GROWTH_ROWS, p.bottom - p.top + 1);
}

/**
 * The cells a pivot table covers and may grow into when it refreshes: its range, the columns
 * right of it and the rows under it (over its columns and the growth columns). Its report
 * filter area above is `Grid.pivotFilters`, where the host knows it.
 */
export function pivotReach(p: CellRange): CellRange {
  return {
    ...p,
    right: Math.min(LAST_COLUMN, p.right + PIVOT_GROWTH_COLUMNS),
    bottom: Math.min(LAST_ROW, p.bottom + pivotGrowthRows(p)),
  };
}

/**
 * The report filter area above a pivot at `range`: `rows` rows of filters `columns` blocks
 * across (each a label and a value, a blank column between blocks), and the blank row Excel
 * keeps between them and the pivot. Null when it has none.
 */
export function pivotFilterArea(range: CellRange, rows: number, columns: number): CellRange | null {
  if (rows <= 0 || range.top === 0) return null;
  const across = Math.max(1, columns);
  return {
    top: Math.max(0, range.top - rows - 1),
    left: range.left,
    bottom: range.top - 1,
    right: Math.min(LAST_COLUMN, range.left + 3 * across - 2),
  };
}

/** What makes a column unfit for our text in rows top..bottom, in words, or null when it is free. */
export function whatIsIn(
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
  for (const p of grid.pivots ?? [])
    if (intersects(pivotReach(p), col, top, bottom)) return `the pivot table at ${rangeAddress(p)} is there`;
  for (const f of grid.pivotFilters ?? [])
    if (intersects(f, col, top, bottom)) return `a pivot table's report filters (${rangeAddress(f)}) are there`;
  for (const d of grid.drawings ?? [])
    if (intersects(d, col, top, bottom)) return `a chart, shape or picture covers ${rangeAddress(d)}`;
  if (grid.hiddenColumns?.includes(col)) return `column ${letter} is hidden`;
  const width = grid.columnWidths?.[col];
  if (spacers && width !== undefined && width < SPACER_WIDTH) return `column ${letter} is a narrow spacer`;
  return null;
}

/** A header for a new column of an Excel table: column names are unique there, without case. */
export function uniqueHeader(grid: Grid, table: GridTable, header: string): string {
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

/** A cell's text cut short enough to quote in a one-line message. */
export function shorten(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

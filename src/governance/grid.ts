/**
 * The Grid: what one sheet holds, as plain data. It is the only thing a host (Office.js or
 * an .xlsx file) hands to the core. Coordinates are 0-based everywhere in the core
 * (row 0 is sheet row 1, column 0 is column A); they become "A1" / 1-based only at the edges.
 */

/** An Excel error value such as #N/A or #DIV/0!. */
export interface CellError {
  error: string;
}

export type CellValue = string | number | boolean | CellError | null;

/** An inclusive rectangle of cells, 0-based. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An Excel table (ListObject) on the sheet. */
export interface GridTable {
  name: string;
  /** The table's range as the workbook declares it (it may run far past the used cells). */
  range: CellRange;
  /** Whether the first row of `range` is a header row. */
  hasHeaderRow: boolean;
  /** Whether the last row of `range` is a totals row. */
  hasTotalsRow: boolean;
}

/** A conditional-format rule already on the sheet, as far as the core needs to know it. */
export interface GridConditionalFormat {
  /** The ranges the rule applies to. */
  ranges: CellRange[];
  /** "cellIs", "expression", "colorScale", ... as the host reports it. */
  type: string;
  /** For cellIs: "greaterThan", "lessThan", "between", ... */
  operator?: string;
  /** The rule's formulas, without a leading "=". */
  formulas: string[];
  /** The fill or font colour the rule applies, as #RRGGBB, when the host knows it. */
  color?: string;
}

export interface Grid {
  sheetName: string;
  /**
   * Cell values of the used range, row by row. `values[i][j]` is the cell at sheet row
   * `origin.row + i`, column `origin.col + j`. Rows may be shorter than the widest row
   * (missing cells are empty). Dates are serial numbers with a date number format.
   */
  values: CellValue[][];
  /** Sheet position of `values[0][0]`. */
  origin: { row: number; col: number };
  /** Number formats, same shape as `values` where known; missing means "General". */
  numberFormats?: (string | null | undefined)[][];
  /** True where the cell holds a formula, same shape as `values` where known. */
  formulas?: (boolean | undefined)[][];
  /** Display text where the host knows it (Excel does, a file does not). */
  text?: (string | undefined)[][];
  merges: CellRange[];
  tables: GridTable[];
  /** 0-based sheet rows that are hidden. */
  hiddenRows?: number[];
  /** 0-based sheet columns that are hidden. */
  hiddenColumns?: number[];
  /** Whether the sheet is protected (no writes are possible). */
  protected: boolean;
  /**
   * Cells covered by drawings anchored on the sheet (charts, shapes, images), as the host
   * knows them. Occupied space: nothing is written under a chart.
   */
  drawings?: CellRange[];
  /**
   * Column widths in characters (Excel's width unit), indexed by 0-based sheet column, where
   * the sheet sets one; missing means the sheet's default width.
   */
  columnWidths?: (number | undefined)[];
  conditionalFormats: GridConditionalFormat[];
  /**
   * The cells of the pivot tables on the sheet, where the host knows them. A pivot rewrites
   * its cells (and the ones beside it) when it refreshes: nothing is written there.
   */
  pivots?: CellRange[];
  /**
   * The report filter areas (page fields) above the pivot tables, where the host knows them:
   * the filter cells and the blank row Excel keeps between them and the pivot. A pivot's own
   * range (`pivots`) leaves them out, yet a refresh or a new filter rewrites them: nothing is
   * written there either.
   */
  pivotFilters?: CellRange[];
}

/** Number of rows the grid spans from sheet row 0 (one past the last used row). */
export function gridRowEnd(grid: Grid): number {
  return grid.origin.row + grid.values.length;
}

/** One past the last used column, from sheet column 0. */
export function gridColumnEnd(grid: Grid): number {
  let width = 0;
  for (const row of grid.values) if (row.length > width) width = row.length;
  return grid.origin.col + width;
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  const r = grid.values[row - grid.origin.row];
  if (r === undefined) return null;
  const v = r[col - grid.origin.col];
  return v === undefined ? null : v;
}

export function numberFormatAt(grid: Grid, row: number, col: number): string {
  const r = grid.numberFormats?.[row - grid.origin.row];
  return r?.[col - grid.origin.col] ?? "General";
}

export function isFormulaAt(grid: Grid, row: number, col: number): boolean {
  return grid.formulas?.[row - grid.origin.row]?.[col - grid.origin.col] === true;
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

export function isEmptyValue(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** A cell's value as text, the way a person reads it (numbers plain, errors as "#N/A"). */
export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return v.error;
}

/** "A", "B", ..., "Z", "AA", ... for a 0-based column. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column from letters ("A" → 0, "AA" → 26); -1 when not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) return -1;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** "B7" for a 0-based row and column. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** "A5:N40" for a range (a single cell gives "A5"). */
export function rangeAddress(r: CellRange): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Parses "B7", "$B$7", "A5:N40" (no sheet name) into a range; null when it is not one. */
export function parseRange(ref: string): CellRange | null {
  const parts = ref.replace(/\$/g, "").split(":");
  if (parts.length > 2) return null;
  const cells = parts.map((p) => /^([A-Za-z]{1,3})(\d{1,7})$/.exec(p.trim()));
  if (cells.some((m) => m === null)) return null;
  const [a, b] = [cells[0]!, cells[cells.length - 1]!];
  const r1 = Number(a[2]) - 1;
  const r2 = Number(b[2]) - 1;
  const c1 = columnIndex(a[1]);
  const c2 = columnIndex(b[1]);
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/**
 * Whether two sheet names are the same name to Excel, which compares them without case
 * ("mbr brief" is "MBR Brief"): a workbook cannot hold both.
 */
export function sameSheetName(a: string, b: string): boolean {
  return a === b || a.normalize("NFC").toUpperCase() === b.normalize("NFC").toUpperCase();
}

/** A sheet name quoted for use in an address when it needs quotes ("'Q3 KPIs'!A1"). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The merged area holding a cell, or null when the cell is in none. */
export function mergeAt(grid: Grid, row: number, col: number): CellRange | null {
  for (const m of grid.merges) if (m.top <= row && row <= m.bottom && m.left <= col && col <= m.right) return m;
  return null;
}

/// <reference types="office-js" />
/**
 * Pure helpers of the Excel host: Office.js data shapes → the core's Grid, and a WritePlan →
 * the 2D writes the host queues. Nothing here calls Office.js, so all of it is unit-testable.
 */
import { parseRange, type CellRange, type CellValue, type GridConditionalFormat } from "../governance/grid";
import type { PlannedCell, PlannedSheet } from "../governance/types";

const ERROR_VALUES =
  /^#(N\/A|DIV\/0!|REF!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/;

/** A value from Range.values: "" is an empty cell, error strings ("#N/A") become CellErrors. */
export function toCellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string") return ERROR_VALUES.test(v) ? { error: v } : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** "Dashboard!B3:D9", "'Q3 KPIs'!B3" or "B3:D9" → the sheet name (or null) and the range. */
export function splitAddress(address: string): { sheet: string | null; range: CellRange | null } {
  const bang = address.lastIndexOf("!");
  const ref = bang >= 0 ? address.slice(bang + 1) : address;
  let sheet: string | null = null;
  if (bang >= 0) {
    const raw = address.slice(0, bang).trim();
    sheet = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
  }
  return { sheet, range: parseRange(ref.trim()) };
}

/** A RangeAreas address ("S!A1:B2, S!D4") → its ranges. Sheet names never hold ", " unquoted. */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  // A quoted sheet name may contain a comma; split only on commas outside quotes.
  let part = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      const r = splitAddress(part).range;
      if (r) out.push(r);
      part = "";
    } else part += ch;
  }
  const r = splitAddress(part).range;
  if (r) out.push(r);
  return out;
}

/** "Custom" → "expression", "CellValue" → "cellIs"; other types in lower camel case, as the xlsx host names them. */
export function conditionalFormatType(type: string): string {
  if (type === "Custom") return "expression";
  if (type === "CellValue") return "cellIs";
  return type.charAt(0).toLowerCase() + type.slice(1);
}

/** One existing conditional format as the core sees it. */
export function toGridConditionalFormat(cf: {
  type: string;
  rangesAddress: string | null;
  operator?: string;
  formulas: (string | undefined | null)[];
  color?: string | null;
}): GridConditionalFormat {
  const out: GridConditionalFormat = {
    ranges: cf.rangesAddress ? parseAreas(cf.rangesAddress) : [],
    type: conditionalFormatType(cf.type),
    formulas: cf.formulas
      .filter((f): f is string => typeof f === "string" && f !== "")
      .map((f) => (f.startsWith("=") ? f.slice(1) : f)),
  };
  if (cf.operator) out.operator = cf.operator.charAt(0).toLowerCase() + cf.operator.slice(1);
  if (cf.color) out.color = cf.color.toUpperCase();
  return out;
}

/**
 * Text goes in as text. Range.values reads a string the way Excel reads typed input: the
 * office-js reference for Range.values says a value starting with "+", "-" or "=" is
 * interpreted as a formula, and "@" is the implicit-intersection operator of a formula.
 * A leading apostrophe is Excel's own "this is text" mark: Excel stores the rest as text
 * and flags the cell quotePrefix (the apostrophe is not part of the value). We prefer it
 * over numberFormat "@" because it touches only this value: a "@" format would stay on the
 * cell and turn whatever a person types there later into text too, and it would need a
 * second 2D write per column. A value that itself starts with "'" gets one too, or Excel
 * would eat its apostrophe. So does text Excel would turn into something else: a number
 * (" 42 ", "1,234", "$10k" is kept, "$10" is not), a percentage ("3%" would become 0.03), a
 * date or time ("1/2", "9:30"), TRUE / FALSE, or an error literal ("#N/A").
 */
export function asTypedText(value: string | number | null): string | number | null {
  return typeof value === "string" && excelWouldConvert(value) ? `'${value}` : value;
}

const CONVERTED = [
  /^[=+\-@']/, // a formula, or Excel's own text mark
  /^\s*[-+]?\s*[$€£¥]?\s*(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?\s*%?\s*$/i, // numbers, money, percentages
  /^\s*\(?[$€£¥]?\s*\d[\d,]*\.?\d*\)?\s*$/, // (1,234) accounting negatives
  /^\s*\d{1,4}\s*[/\-.]\s*\d{1,2}(\s*[/\-.]\s*\d{1,4})?\s*$/, // dates
  /^\s*\d{1,2}\s*:\s*\d{2}/, // times
  /^\s*\d+\s+\d+\s*\/\s*\d+\s*$/, // fractions: 1 1/2
  /^\s*(true|false)\s*$/i,
  /^\s*#(N\/A|DIV\/0!|REF!|VALUE!|NAME\?|NUM!|NULL!)/i,
];

/** Whether Excel, reading this as typed input, would store something other than this text. */
export function excelWouldConvert(text: string): boolean {
  return CONVERTED.some((re) => re.test(text));
}

export interface ColumnWrite {
  col: number;
  top: number;
  /** One 1-element row per sheet row from `top`; null leaves that cell as it was. */
  rows: (string | number | null)[][];
}

/**
 * One column's planned cells as a single 2D write over their span. Cells the plan does not
 * target are null, which Excel leaves unchanged ("null input in 2-D array", Microsoft Learn:
 * excel-add-ins-blank-null-values). A planned null value clears the cell (""), as the
 * .xlsx host writes an empty cell.
 */
export function columnWrites(cells: PlannedCell[]): ColumnWrite[] {
  const byCol = new Map<number, PlannedCell[]>();
  for (const c of cells) {
    const list = byCol.get(c.col);
    if (list) list.push(c);
    else byCol.set(c.col, [c]);
  }
  return [...byCol].map(([col, list]) => {
    let top = Infinity;
    let bottom = -Infinity;
    for (const c of list) {
      if (c.row < top) top = c.row;
      if (c.row > bottom) bottom = c.row;
    }
    const rows: (string | number | null)[][] = Array.from({ length: bottom - top + 1 }, () => [null]);
    for (const c of list) rows[c.row - top][0] = asTypedText(c.value === null ? "" : c.value);
    return { col, top, rows };
  });
}

/** A planned sheet's rows, padded to a rectangle ("" for empty cells), text kept as text. */
export function sheetRows(sheet: PlannedSheet): (string | number)[][] {
  let width = 1;
  for (const r of sheet.rows) if (r.length > width) width = r.length;
  return sheet.rows.map((r) => Array.from({ length: width }, (_, i) => asTypedText(r[i] ?? null) ?? ""));
}

/** A rough JSON size of a 2D array, to keep one request under Excel on the web's payload cap. */
export function estimateBytes(rows: unknown[][]): number {
  let n = 2;
  for (const r of rows) {
    n += 3;
    for (const v of r) n += v === null ? 5 : typeof v === "string" ? v.length + 3 : 12;
  }
  return n;
}

/**
 * The highlight rules Decision Map adds: `=LEFT($S5,6)="VANITY"`, its INCOMPLETE twin, and
 * `=ISNUMBER(SEARCH("red now",$S5))` on the names of red metrics.
 */
const OWN_RULE =
  /^=?(?:LEFT\(\$[A-Z]{1,3}\$?\d+,(?:6|10)\)="(?:VANITY|INCOMPLETE)"|ISNUMBER\(SEARCH\("red now",\$[A-Z]{1,3}\$?\d+\)\))$/;

/** Whether a custom rule's formula is one Decision Map wrote (to replace or remove it). */
export function isOwnRule(formula: string | null | undefined): boolean {
  return typeof formula === "string" && OWN_RULE.test(formula.trim());
}

/// <reference types="office-js" />
/**
 * The Excel host: the only module that calls Office.js. It reads the active sheet into the
 * core's Grid and applies a WritePlan, with a fixed number of round trips (context.sync) that
 * does not grow with the number of metrics: one to read, two to write (the checks, then the
 * writes; a batch is not a transaction, so nothing is written until the checks pass).
 *
 * Requirement sets used (manifest.xml declares ExcelApi 1.9, the highest of them):
 * getUsedRangeOrNullObject and getItemOrNullObject 1.4, custom conditional formats 1.6,
 * Range.copyFrom 1.9.
 */
import { cellAddress, columnIndex, rangeAddress, type CellValue, type Grid } from "../governance/grid";
import type { PlannedCell, PlannedSheet, WritePlan } from "../governance/types";

export type ExcelHostErrorCode = "sheet-protected" | "empty-sheet" | "no-sheet";

/** A refusal the person can act on; nothing was written when it is thrown. */
export class ExcelHostError extends Error {
  readonly code: ExcelHostErrorCode;
  constructor(code: ExcelHostErrorCode, message: string) {
    super(message);
    this.name = "ExcelHostError";
    this.code = code;
  }
}

export interface ExcelReadResult {
  grid: Grid;
  /** "Dashboard!A1:P40". */
  address: string;
}

const ERROR_VALUES =
  /^#(N\/A|DIV\/0!|REF!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

function toCellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string") return ERROR_VALUES.test(v) ? { error: v } : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** "Dashboard!B3:D9" or "'Q3 KPIs'!B3" → its top-left cell, 0-based. */
function topLeftOf(address: string): { row: number; col: number } {
  const ref = address
    .slice(address.lastIndexOf("!") + 1)
    .split(":")[0]
    .replace(/\$/g, "");
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : { row: 0, col: 0 };
}

/** Reads the active sheet's used range (values, number formats, formula flags) in one sync. */
export async function readSheet(context: Excel.RequestContext): Promise<ExcelReadResult> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  const used = sheet.getUsedRangeOrNullObject(true);
  sheet.load("name, protection/protected");
  used.load("address, values, numberFormat, formulas");
  await context.sync();
  if (used.isNullObject) {
    throw new ExcelHostError(
      "empty-sheet",
      `Sheet '${sheet.name}' is empty. Open the sheet that holds your KPIs, then try again.`,
    );
  }
  const origin = topLeftOf(used.address);
  const values = used.values.map((row) => row.map(toCellValue));
  const formulas = used.formulas.map((row) => row.map((f) => typeof f === "string" && f.startsWith("=")));
  const numberFormats = used.numberFormat.map((row) => row.map((f) => (f === "General" ? undefined : String(f))));
  const grid: Grid = {
    sheetName: sheet.name,
    values,
    origin,
    numberFormats,
    formulas,
    merges: [],
    tables: [],
    protected: sheet.protection.protected,
    conditionalFormats: [],
  };
  return { grid, address: used.address };
}

/**
 * Text goes in as text: Excel reads a value that starts with "=", "+", "-" or "@" as a formula
 * when it is set through `values`, exactly as if typed. A leading apostrophe is Excel's own
 * "this is text" mark (it is not part of the stored value), so such answers get one.
 */
export function asTypedText(value: string | number | null): string | number | null {
  return typeof value === "string" && /^[=+\-@']/.test(value) ? `'${value}` : value;
}

/** One column's planned cells as a single 2D write over their span; null leaves a cell as it was. */
function columnWrites(cells: PlannedCell[]): { col: number; top: number; rows: (string | number | null)[][] }[] {
  const byCol = new Map<number, PlannedCell[]>();
  for (const c of cells) byCol.set(c.col, [...(byCol.get(c.col) ?? []), c]);
  return [...byCol].map(([col, list]) => {
    const top = Math.min(...list.map((c) => c.row));
    const bottom = Math.max(...list.map((c) => c.row));
    const rows: (string | number | null)[][] = Array.from({ length: bottom - top + 1 }, () => [null]);
    for (const c of list) rows[c.row - top][0] = asTypedText(c.value === null ? "" : c.value);
    return { col, top, rows };
  });
}

function sheetRows(sheet: PlannedSheet): (string | number)[][] {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  return sheet.rows.map((r) => Array.from({ length: width }, (_, i) => asTypedText(r[i] ?? null) ?? ""));
}

/** Applies a plan to the workbook: checks first (one sync), then every write in one batch. */
export async function applyPlanToWorkbook(context: Excel.RequestContext, plan: WritePlan): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(plan.sheetName);
  sheet.load("name, protection/protected");
  // Our earlier highlight rules, to replace rather than pile up (a re-run is idempotent).
  const formats = sheet.getRange().conditionalFormats;
  formats.load("items/type, items/custom/rule/formula");
  const others = plan.sheets.map((s) => context.workbook.worksheets.getItemOrNullObject(s.name));
  for (const o of others) o.load("name");
  await context.sync();

  if (sheet.isNullObject) {
    throw new ExcelHostError(
      "no-sheet",
      `Sheet '${plan.sheetName}' is no longer in this workbook. Refresh the pane, then try again.`,
    );
  }
  if (sheet.protection.protected) {
    throw new ExcelHostError(
      "sheet-protected",
      `Sheet '${plan.sheetName}' is protected. Unprotect it (Review > Unprotect Sheet), or audit a copy.`,
    );
  }

  for (const w of columnWrites(plan.cells)) {
    const range = sheet.getRange(`${cellAddress(w.top, w.col)}:${cellAddress(w.top + w.rows.length - 1, w.col)}`);
    range.values = w.rows;
  }
  for (const c of plan.cells) {
    if (c.styleLike) {
      sheet
        .getRange(cellAddress(c.row, c.col))
        .copyFrom(sheet.getRange(cellAddress(c.styleLike.row, c.styleLike.col)), "Formats");
    }
  }
  for (const col of plan.columns) {
    // columnWidth is in points; a character of Calibri 11 is about 7 points wide.
    if (col.created && col.width !== undefined)
      sheet.getRange(cellAddress(0, col.col)).format.columnWidth = col.width * 7;
  }

  const planned = new Set(plan.rules.map((r) => `=${r.formula}`));
  for (const cf of formats.items) {
    if (cf.type === "Custom" && planned.has(cf.custom.rule.formula)) cf.delete();
  }
  for (const rule of plan.rules) {
    const cf = sheet.getRange(rangeAddress(rule.range)).conditionalFormats.add("Custom");
    cf.custom.rule.formula = `=${rule.formula}`;
    cf.custom.format.fill.color = rule.fill;
    cf.custom.format.font.color = rule.font;
  }

  plan.sheets.forEach((planned, i) => {
    const existing = others[i];
    const target = existing.isNullObject ? context.workbook.worksheets.add(planned.name) : existing;
    if (!existing.isNullObject) target.getRange().clear("Contents");
    const rows = sheetRows(planned);
    if (rows.length > 0) {
      target.getRange(`A1:${cellAddress(rows.length - 1, rows[0].length - 1)}`).values = rows;
    }
  });
  await context.sync();
}

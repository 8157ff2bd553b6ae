/// <reference types="office-js" />
/**
 * The Excel host: the only module that calls Office.js. It reads a sheet into the core's
 * Grid and applies a WritePlan with the same semantics as the .xlsx host (src/xlsx/write.ts),
 * with a fixed number of round trips (context.sync) that does not grow with the number of
 * metrics (docs/ARCHITECTURE "The cost model that matters in Excel"):
 *
 * - readSheet: 2 syncs (1: the range's address/size, sheet, protection, tables, conditional
 *   formats; 2: values, number formats, formulas, table and rule ranges, merged areas).
 *   Only a range above MAX_CELLS_PER_REQUEST is read in row chunks, one sync per chunk.
 * - applyPlanToWorkbook: 3 syncs (1: the checks, the rules to replace, the record of what
 *   was added, nothing written; 2: every write to the audited sheet; 3: the Decision Map and
 *   MBR Brief sheets). Only a batch above WRITE_BUDGET_BYTES is split, by rows.
 * - removeGovernance: 3 syncs (what was added and the checks; whose the summary sheets are;
 *   taking it out).
 *
 * Requirement sets used (manifest.xml declares ExcelApi 1.9): getUsedRangeOrNullObject and
 * getItemOrNullObject 1.4, conditional formats (customOrNullObject, cellValueOrNullObject)
 * 1.6, ConditionalFormat.getRanges and Range.copyFrom 1.9. Merged areas need 1.13 and are
 * read only where the host supports it; an event's triggerSource (1.14) is used where present.
 */
import {
  cellAddress,
  quoteSheetName,
  rangeAddress,
  type CellRange,
  type Grid,
  type GridTable,
} from "../governance/grid";
import {
  DECISION_MAP_HEADER,
  DECISION_MAP_SHEET,
  MBR_BRIEF_SHEET,
  isOwnSheet,
  sheetConflictMessage,
} from "../governance/plan";
import { createdRange, mergeRecord, RECORD_NAME, recordComment, recordWidths } from "../governance/record";
import type { WritePlan } from "../governance/types";
import {
  columnWrites,
  estimateBytes,
  isOwnRule,
  parseAreas,
  sheetRows,
  splitAddress,
  toCellValue,
  toGridConditionalFormat,
} from "./convert";

export { asTypedText } from "./convert";

export type ExcelHostErrorCode =
  "sheet-protected" | "empty-sheet" | "edit-mode" | "too-large" | "no-sheet" | "nothing-to-remove";

/** A refusal the person can act on; the message says what to do. */
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
  /**
   * Why writing would be refused before anything is written: a sheet named 'Decision Map' or
   * 'MBR Brief' that Decision Map did not make. Null when writing may go ahead.
   */
  conflict: string | null;
}

/** Our summary sheets' first row, read to tell ours from a person's sheet of the same name. */
const SUMMARY_SHEETS = [DECISION_MAP_SHEET, MBR_BRIEF_SHEET];
const FIRST_ROW = `A1:${cellAddress(0, DECISION_MAP_HEADER.length - 1)}`;

/** Loads, for the next sync, the first row and used range of our summary sheets that exist (worksheets loaded). */
function loadSummarySheets(worksheets: Excel.WorksheetCollection) {
  return worksheets.items
    .filter((w) => SUMMARY_SHEETS.includes(w.name))
    .map((w) => {
      const firstRow = w.getRange(FIRST_ROW);
      firstRow.load("values");
      const used = w.getUsedRangeOrNullObject(true);
      used.load("address");
      return { name: w.name, sheet: w, firstRow, used };
    });
}

function summaryConflict(name: string, firstRow: Excel.Range, used: Excel.Range): string | null {
  if (used.isNullObject) return null; // an empty sheet of that name is written into
  const grid: Grid = {
    sheetName: name,
    values: [firstRow.values[0].map(toCellValue)],
    origin: { row: 0, col: 0 },
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
  return isOwnSheet(name, grid) ? null : sheetConflictMessage(name);
}

/**
 * Excel on the web caps one request and one response at about 5 MB. Reading values,
 * numberFormat and formulas costs roughly 40 bytes a cell as JSON ("General" alone is 10),
 * so 100,000 cells (~4 MB) is the most we read in one sync. A 10,000-metric sheet of 6
 * columns is 60,000 cells: one read. Above the cap we read in row chunks, one sync each:
 * then, and only then, the number of syncs grows with the sheet.
 */
export const MAX_CELLS_PER_REQUEST = 100_000;
/** The largest used range we read at all (about 50 requests); beyond it we refuse. */
export const MAX_CELLS_TOTAL = 5_000_000;
/** Writes queued per sync, by their estimated JSON size (under the ~5 MB request cap). */
export const WRITE_BUDGET_BYTES = 4_000_000;

/** Office.js errors a person can act on, as ExcelHostErrors; anything else as it was. */
function hostError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "InvalidOperationInCellEditMode")
    return new ExcelHostError(
      "edit-mode",
      "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
    );
  if (code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded")
    return new ExcelHostError(
      "too-large",
      "This sheet is too large for one request to Excel. Select just the KPI table, then try again.",
    );
  return e;
}

async function sync(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    throw hostError(e);
  }
}

/** Whether the host has a requirement set; outside Office (tests) everything is assumed. */
function supports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const requirements = office?.context?.requirements;
  return requirements ? requirements.isSetSupported("ExcelApi", version) : true;
}

const CF_LOAD =
  "items/type, items/customOrNullObject/rule/formula, items/customOrNullObject/format/fill/color," +
  " items/cellValueOrNullObject/rule, items/cellValueOrNullObject/format/fill/color";

/**
 * Reads the active sheet's used range (or `options.address`, "Dashboard!A1:P40" or "A1:P40"
 * on the active sheet) into a Grid. With `selection`, the grid is still the whole used range
 * (the plan must see every neighbouring cell it could write over) and `address` is the
 * person's selection, for detection to look only there.
 */
export async function readSheet(
  context: Excel.RequestContext,
  options?: { address?: string; selection?: boolean },
): Promise<ExcelReadResult> {
  const worksheets = context.workbook.worksheets;
  const wanted = options?.address ? splitAddress(options.address) : null;
  if (options?.address && !wanted?.range)
    throw new ExcelHostError(
      "empty-sheet",
      `'${options.address}' is not a range. Select the KPI table, then try again.`,
    );
  const sheet = wanted?.sheet ? worksheets.getItem(wanted.sheet) : worksheets.getActiveWorksheet();
  const range = wanted?.range ? sheet.getRange(rangeAddress(wanted.range)) : sheet.getUsedRangeOrNullObject(true);

  // Sync 1: where the data is, and the sheet's furniture.
  const selected = options?.selection ? context.workbook.getSelectedRange() : null;
  selected?.load("address");
  sheet.load("name, protection/protected");
  range.load("address, rowIndex, columnIndex, rowCount, columnCount");
  const tables = sheet.tables;
  tables.load("items/name, items/showHeaders, items/showTotals");
  const formats = sheet.getRange().conditionalFormats;
  formats.load(CF_LOAD);
  worksheets.load("items/name");
  await sync(context);

  if (range.isNullObject)
    throw new ExcelHostError(
      "empty-sheet",
      `Sheet '${sheet.name}' is empty. Open the sheet that holds your KPIs, then try again.`,
    );
  const rowCount = range.rowCount;
  const columnCount = range.columnCount;
  const cells = rowCount * columnCount;
  if (cells > MAX_CELLS_TOTAL)
    throw new ExcelHostError(
      "too-large",
      `Sheet '${sheet.name}' uses ${rowCount} rows by ${columnCount} columns, too many to read. Select just the KPI table, then try again.`,
    );

  // Sync 2: the cells (the first chunk only, for a range above the cap) and the addresses
  // of the tables and rules found in sync 1.
  const tableRanges = tables.items.map((t) => {
    const r = t.getRange();
    r.load("address");
    return r;
  });
  const ruleRanges = formats.items.map((cf) => {
    const r = cf.getRanges();
    r.load("address");
    return r;
  });
  const merged = supports("1.13") ? range.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  const summaries = loadSummarySheets(worksheets);

  const rowsPerChunk = Math.max(1, Math.floor(MAX_CELLS_PER_REQUEST / Math.max(1, columnCount)));
  const values: unknown[][] = [];
  const numberFormat: unknown[][] = [];
  const formulas: unknown[][] = [];
  if (rowCount <= rowsPerChunk) {
    range.load("values, numberFormat, formulas");
    await sync(context);
    values.push(...range.values);
    numberFormat.push(...range.numberFormat);
    formulas.push(...range.formulas);
  } else {
    // Above the cap: one sync per row chunk (the first one shares sync 2).
    for (let start = 0; start < rowCount; start += rowsPerChunk) {
      const chunk = range
        .getCell(start, 0)
        .getResizedRange(Math.min(rowsPerChunk, rowCount - start) - 1, columnCount - 1);
      chunk.load("values, numberFormat, formulas");
      await sync(context);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- synced just above (sync() wraps context.sync())
      values.push(...chunk.values);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- synced just above (sync() wraps context.sync())
      numberFormat.push(...chunk.numberFormat);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- synced just above (sync() wraps context.sync())
      formulas.push(...chunk.formulas);
    }
  }

  const gridValues = values.map((row) => row.map(toCellValue));
  if (wanted && gridValues.every((row) => row.every((v) => v === null)))
    throw new ExcelHostError(
      "empty-sheet",
      `${options!.address} is empty. Select the range that holds your KPIs, then try again.`,
    );

  const gridTables: GridTable[] = tables.items.flatMap((t, i) => {
    const r = splitAddress(tableRanges[i].address).range;
    return r ? [{ name: t.name, range: r, hasHeaderRow: t.showHeaders, hasTotalsRow: t.showTotals }] : [];
  });
  const conditionalFormats = formats.items.map((cf, i) => {
    const custom = cf.customOrNullObject;
    const cellValue = cf.cellValueOrNullObject;
    if (!custom.isNullObject)
      return toGridConditionalFormat({
        type: cf.type,
        rangesAddress: ruleRanges[i].address,
        formulas: [custom.rule.formula],
        color: custom.format.fill.color,
      });
    if (!cellValue.isNullObject) {
      const rule = cellValue.rule;
      return toGridConditionalFormat({
        type: cf.type,
        rangesAddress: ruleRanges[i].address,
        operator: rule.operator,
        formulas: [rule.formula1, rule.formula2],
        color: cellValue.format.fill.color,
      });
    }
    return toGridConditionalFormat({ type: cf.type, rangesAddress: ruleRanges[i].address, formulas: [] });
  });

  const grid: Grid = {
    sheetName: sheet.name,
    values: gridValues,
    origin: { row: range.rowIndex, col: range.columnIndex },
    numberFormats: numberFormat.map((row) =>
      row.map((f) => (typeof f === "string" && f !== "General" ? f : undefined)),
    ),
    formulas: formulas.map((row) => row.map((f) => typeof f === "string" && f.startsWith("="))),
    merges: merged && !merged.isNullObject ? parseAreas(merged.address) : [],
    tables: gridTables,
    protected: sheet.protection.protected,
    conditionalFormats,
  };
  let conflict: string | null = null;
  for (const x of summaries) conflict ??= summaryConflict(x.name, x.firstRow, x.used);
  return { grid, address: selected ? selected.address : range.address, conflict };
}

/** Custom rules of a sheet with their formulas, loaded for sync 1. */
function loadRules(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const formats = sheet.getRange().conditionalFormats;
  formats.load("items/type, items/customOrNullObject/rule/formula");
  return formats;
}

/** The highlight rules Decision Map added (and only those), from rules loaded with loadRules. */
function ownRules(formats: Excel.ConditionalFormatCollection): Excel.ConditionalFormat[] {
  return formats.items.filter(
    (cf) => !cf.customOrNullObject.isNullObject && isOwnRule(cf.customOrNullObject.rule.formula),
  );
}

function loadRecord(sheet: Excel.Worksheet): { item: Excel.NamedItem; range: Excel.Range } {
  const item = sheet.names.getItemOrNullObject(RECORD_NAME);
  item.load("comment");
  const range = item.getRangeOrNullObject();
  range.load("address");
  return { item, range };
}

/** The record's range, or null when there is none (or it no longer refers to cells). */
function recordRange(record: { item: Excel.NamedItem; range: Excel.Range }): CellRange | null {
  if (record.item.isNullObject || record.range.isNullObject) return null;
  return splitAddress(record.range.address).range;
}

/**
 * Refuses, before anything is written, a sheet that is gone or protected. `sheet` must have
 * been loaded with "name, protection/protected" and synced.
 */
function refuseUnwritable(sheet: Excel.Worksheet, name: string, protectedAdvice: string): void {
  if (sheet.isNullObject)
    throw new ExcelHostError(
      "no-sheet",
      `Sheet '${name}' is no longer in this workbook. Refresh the pane, then try again.`,
    );
  if (sheet.protection.protected)
    throw new ExcelHostError(
      "sheet-protected",
      `Sheet '${sheet.name}' is protected. Unprotect it (Review > Unprotect Sheet), ${protectedAdvice}.`,
    );
}

/** Queues writes, syncing early only when a batch would pass WRITE_BUDGET_BYTES. */
function writeBudget(context: Excel.RequestContext): (bytes: number) => Promise<void> {
  let queued = 0;
  return async (bytes: number) => {
    if (queued > 0 && queued + bytes > WRITE_BUDGET_BYTES) {
      await sync(context);
      queued = 0;
    }
    queued += bytes;
  };
}

/**
 * Rows in blocks of at most WRITE_BUDGET_BYTES / 2 (one block when they are smaller), so a
 * very long column or summary sheet still goes out in requests under the cap.
 */
function rowBlocks<T>(rows: T[][]): { offset: number; rows: T[][] }[] {
  if (rows.length === 0) return [];
  const bytes = estimateBytes(rows);
  if (bytes <= WRITE_BUDGET_BYTES / 2) return [{ offset: 0, rows }];
  const per = Math.max(1, Math.floor(rows.length / Math.ceil(bytes / (WRITE_BUDGET_BYTES / 2))));
  const out: { offset: number; rows: T[][] }[] = [];
  for (let i = 0; i < rows.length; i += per) out.push({ offset: i, rows: rows.slice(i, i + per) });
  return out;
}

/**
 * Applies a plan: the checks first (one sync, nothing queued but loads: a batch is not a
 * transaction, so a refusal must come before any write), then the audited sheet's writes,
 * then the Decision Map and MBR Brief sheets. Records what it created, for removeGovernance.
 */
export async function applyPlanToWorkbook(context: Excel.RequestContext, plan: WritePlan): Promise<void> {
  const worksheets = context.workbook.worksheets;
  const sheet = worksheets.getItemOrNullObject(plan.sheetName);
  sheet.load("name, protection/protected");
  // Our earlier highlight rules, to replace rather than pile up (a re-run is idempotent).
  const formats = loadRules(sheet);
  const record = loadRecord(sheet);
  const created = plan.columns.filter((c) => c.created).sort((a, b) => a.col - b.col);
  const widthsBefore = created.map((c) => {
    const r = sheet.getRange(cellAddress(0, c.col));
    r.load("format/columnWidth");
    return r;
  });
  const others = plan.sheets.map((s) => {
    const o = worksheets.getItemOrNullObject(s.name);
    o.load("name");
    return o;
  });
  await sync(context);

  refuseUnwritable(sheet, plan.sheetName, "or audit a copy");

  // Sync 2: the audited sheet. Excel on the web refuses a request above ~5 MB, so only a batch
  // past WRITE_BUDGET_BYTES is flushed early (a sheet of tens of thousands of metrics).
  const budget = writeBudget(context);
  for (const w of columnWrites(plan.cells)) {
    for (const block of rowBlocks(w.rows)) {
      await budget(estimateBytes(block.rows));
      const top = w.top + block.offset;
      const address = rangeAddress({ top, left: w.col, bottom: top + block.rows.length - 1, right: w.col });
      sheet.getRange(address).values = block.rows;
    }
  }
  for (const c of plan.cells) {
    if (!c.styleLike) continue;
    await budget(100);
    sheet
      .getRange(cellAddress(c.row, c.col))
      .copyFrom(sheet.getRange(cellAddress(c.styleLike.row, c.styleLike.col)), "Formats");
  }
  for (const col of plan.columns) {
    // format.columnWidth is in points; a character of Calibri 11 is about 7 points wide.
    if (col.created && col.width !== undefined)
      sheet.getRange(cellAddress(0, col.col)).format.columnWidth = col.width * 7;
  }
  for (const cf of ownRules(formats)) cf.delete();
  for (const rule of plan.rules) {
    const cf = sheet.getRange(rangeAddress(rule.range)).conditionalFormats.add("Custom");
    cf.custom.rule.formula = `=${rule.formula}`;
    cf.custom.format.fill.color = rule.fill;
    cf.custom.format.font.color = rule.font;
  }
  if (created.length > 0) writeRecord(sheet, plan, created, widthsBefore, record);
  await sync(context);

  // Sync 3: the summary sheets.
  const budget3 = writeBudget(context);
  for (let i = 0; i < plan.sheets.length; i++) {
    const planned = plan.sheets[i];
    const existing = others[i];
    const target = existing.isNullObject ? worksheets.add(planned.name) : existing;
    if (!existing.isNullObject) target.getRange().clear("Contents");
    const rows = sheetRows(planned);
    const width = rows[0]?.length ?? 0;
    for (const block of rowBlocks(rows)) {
      await budget3(estimateBytes(block.rows));
      const bottom = block.offset + block.rows.length - 1;
      target.getRange(rangeAddress({ top: block.offset, left: 0, bottom, right: width - 1 })).values = block.rows;
    }
    (planned.widths ?? []).forEach((w, col) => {
      target.getRange(cellAddress(0, col)).format.columnWidth = w * 7;
    });
  }
  await sync(context);
}

/** Records (or widens the record of) the columns the plan created, with their widths from before. */
function writeRecord(
  sheet: Excel.Worksheet,
  plan: WritePlan,
  created: WritePlan["columns"],
  widthsBefore: Excel.Range[],
  record: { item: Excel.NamedItem; range: Excel.Range },
): void {
  const fresh = createdRange(plan);
  if (fresh === null) return;
  const old = recordRange(record);
  const merged = mergeRecord(old && { range: old, widths: recordWidths(record.item.comment) }, fresh, (col) => {
    const k = created.findIndex((c) => c.col === col);
    return k >= 0 ? widthsBefore[k].format.columnWidth : null;
  });
  if (!record.item.isNullObject) record.item.delete();
  sheet.names.add(RECORD_NAME, sheet.getRange(rangeAddress(merged.range)), recordComment(merged.widths));
}

/** What removeGovernance took out, for the pane to say. */
export interface Removal {
  /** The cells of the columns Decision Map had created ("Dashboard!Q5:T40"), or null. */
  columns: string | null;
  rules: number;
  sheets: string[];
}

/**
 * Takes out exactly what Decision Map added to the active sheet (or `sheetName`): the columns
 * it created (their cells and header look, and their old widths back), its highlight rules,
 * its record, and its Decision Map and MBR Brief sheets. Everything else stays as it is.
 * Three syncs: what was added and the checks; the summary sheets' first rows; the removal.
 */
export async function removeGovernance(context: Excel.RequestContext, sheetName?: string): Promise<Removal> {
  const worksheets = context.workbook.worksheets;
  const sheet = sheetName ? worksheets.getItemOrNullObject(sheetName) : worksheets.getActiveWorksheet();
  sheet.load("name, protection/protected");
  const formats = loadRules(sheet);
  const record = loadRecord(sheet);
  worksheets.load("items/name");
  await sync(context);

  refuseUnwritable(sheet, sheetName ?? "", "then remove governance again");
  // Our own summary sheets, recognized by their first row: a person's sheet of that name stays.
  const summaries = loadSummarySheets(worksheets);
  await sync(context);
  const ours = summaries.filter((x) => !x.used.isNullObject && summaryConflict(x.name, x.firstRow, x.used) === null);
  const added = recordRange(record);
  const rules = ownRules(formats);
  if (added === null && rules.length === 0 && ours.length === 0) {
    throw new ExcelHostError(
      "nothing-to-remove",
      `Decision Map has added nothing to sheet '${sheet.name}'. Open the sheet you audited, then try again.`,
    );
  }

  for (const cf of rules) cf.delete();
  if (added !== null) {
    const widths = recordWidths(record.item.comment);
    sheet.getRange(rangeAddress(added)).clear("Contents");
    // The header cells took the table's header look (copyFrom); the body cells only values.
    sheet.getRange(rangeAddress({ ...added, bottom: added.top })).clear("Formats");
    widths.forEach((w, i) => {
      if (w !== null) sheet.getRange(cellAddress(0, added.left + i)).format.columnWidth = w;
    });
  }
  if (!record.item.isNullObject) record.item.delete();
  for (const o of ours) o.sheet.delete();
  await sync(context);
  return {
    columns: added === null ? null : `${quoteSheetName(sheet.name)}!${rangeAddress(added)}`,
    rules: rules.length,
    sheets: ours.map((o) => o.name),
  };
}

/** A change a person made to a sheet: its address ("Dashboard!Q7"). */
export type SheetChangeHandler = (address: string) => void;

export type WatchHandle = OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;

/**
 * Calls `onChange` when a person edits the sheet. Changes the add-in made itself are not
 * reported where Excel says so (triggerSource, ExcelApi 1.14); elsewhere the caller must
 * guard against its own writes. Stop with `unwatchSheet`, in a context made from the handle's.
 */
export async function watchSheet(
  context: Excel.RequestContext,
  sheetName: string,
  onChange: SheetChangeHandler,
): Promise<WatchHandle> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const handle = sheet.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
    if ((event as { triggerSource?: string }).triggerSource === "ThisLocalAddin") return;
    onChange(event.address.includes("!") ? event.address : `${quoteSheetName(sheetName)}!${event.address}`);
  });
  await sync(context);
  return handle;
}

export async function unwatchSheet(context: Excel.RequestContext, handle: WatchHandle): Promise<void> {
  handle.remove();
  await sync(context);
}

/// <reference types="office-js" />
/**
 * The Excel host: the only module that calls Office.js. It reads a sheet into the core's
 * Grid and applies a WritePlan with the same semantics as the .xlsx host (src/xlsx/write.ts),
 * with a fixed number of round trips (context.sync) that does not grow with the number of
 * metrics (docs/ARCHITECTURE "The cost model that matters in Excel"):
 *
 * - readSheet: 2 syncs (1: where the data is, the sheet, its tables, pivot tables, rules and
 *   drawings; 2: the cells, number formats, formulas, table, pivot and rule ranges, merged
 *   areas, column widths and, where drawings need them, row heights). Reads are budgeted by
 *   their real size: a chunk of rows is sized from the bytes the rows before it took, and
 *   halved when Excel still refuses it as too large; only then does the number of syncs grow.
 * - applyPlanToWorkbook: 3 syncs (1: every check a write needs, nothing queued: the sheet,
 *   our summary sheets and the workbook's structure; 2: the audited sheet; 3: the Decision Map
 *   and MBR Brief sheets), one more when the plan adds columns to an Excel table.
 * - removeGovernance: 3 syncs (what was added and the checks; whose the summary sheets are;
 *   taking it out).
 *
 * No call hangs off a possible null object before a sync: sheets are taken with getItem
 * (which fails the sync with ItemNotFound, as documented) and the record of what was added
 * is found in the sheet's loaded names, not through getItemOrNullObject(…).getRange….
 *
 * Requirement sets (manifest.xml declares ExcelApi 1.9): members up to 1.9 are used freely;
 * above it only after Office.context.requirements.isSetSupported says yes: merged areas
 * (1.13), Table.resize (1.13), the change event's triggerSource (1.14), delayForCellEdit (1.11,
 * in the callers of Excel.run). test/excel holds the host to that at 1.9, 1.13 and the newest.
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
import {
  createdRange,
  formatsToClear,
  mergeRecord,
  RECORD_NAME,
  recordFrom,
  recordComment,
  recordWidths,
  widthsToRestore,
} from "../governance/record";
import { pivotFilterArea } from "../governance/place/free";
import type { WritePlan } from "../governance/types";
import { columnWidthToPoints, pointsToColumnWidth, STANDARD_WIDTH_POINTS } from "../governance/width";
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
  | "sheet-protected"
  | "workbook-protected"
  | "empty-sheet"
  | "edit-mode"
  | "too-large"
  | "no-sheet"
  | "no-table"
  | "nothing-to-remove"
  | "watch-failed";

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
  /** "Dashboard!A1:P40": the range read, or the person's selection when asked for it. */
  address: string;
  /**
   * Why writing would be refused before anything is written: a sheet named 'Decision Map' or
   * 'MBR Brief' (in any capitals) that Decision Map did not make. Null when writing may go ahead.
   */
  conflict: string | null;
  /** The sheet's id, to find it again after a rename or while another sheet is active. */
  sheetId: string;
  /** What could not be read and what that means ("merged areas…"), for the person. */
  notes: string[];
}

export interface ReadOptions {
  /** Refuse (too-large) a read of more cells than this, before reading any. */
  maxCells?: number;
  /** What to tell the person when `maxCells` refuses. */
  maxCellsAdvice?: string;
  /** "Dashboard!A1:P40", or "A1:P40" on the sheet read: read its rows (across the used columns). */
  address?: string;
  /** Read the rows of the person's selection on the active sheet. */
  selection?: boolean;
  /** Read this sheet (by id) rather than the active one. */
  sheetId?: string;
}

/** Our summary sheets' first row, read to tell ours from a person's sheet of the same name. */
const SUMMARY_SHEETS = [DECISION_MAP_SHEET, MBR_BRIEF_SHEET];
const FIRST_ROW = `A1:${cellAddress(0, DECISION_MAP_HEADER.length - 1)}`;

/** Our name for a sheet whose name is one of ours in any capitals ("mbr brief" → "MBR Brief"), else null. */
export function summarySheetName(name: string): string | null {
  return SUMMARY_SHEETS.find((s) => s.toLowerCase() === name.trim().toLowerCase()) ?? null;
}

/** Excel's sheet names are case-insensitive. */
function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

interface SummarySheet {
  /** Our name for it ("MBR Brief"). */
  ours: string;
  /** Its name in the workbook ("mbr brief"). */
  name: string;
  sheet: Excel.Worksheet;
  firstRow: Excel.Range;
  used: Excel.Range;
}

/** Loads, for the next sync, the first row and used range of our summary sheets that exist (worksheets loaded). */
function loadSummarySheets(worksheets: Excel.WorksheetCollection): SummarySheet[] {
  return worksheets.items.flatMap((w) => {
    const ours = summarySheetName(w.name);
    if (ours === null) return [];
    const firstRow = w.getRange(FIRST_ROW);
    firstRow.load("values");
    const used = w.getUsedRangeOrNullObject(true);
    used.load("address");
    return [{ ours, name: w.name, sheet: w, firstRow, used }];
  });
}

function summaryConflict(x: SummarySheet): string | null {
  if (x.used.isNullObject) return null; // an empty sheet of that name is written into
  const grid: Grid = {
    sheetName: x.name,
    values: [x.firstRow.values[0].map(toCellValue)],
    origin: { row: 0, col: 0 },
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
  return isOwnSheet(x.ours, grid) ? null : sheetConflictMessage(x.ours);
}

/**
 * Excel on the web caps one request and one response at about 5 MB. A read is sized by what
 * its cells really cost as JSON (values, number formats and formulas: a long text is paid for
 * twice), measured on the rows already read; the first chunk assumes 60 bytes a cell.
 */
export const READ_BUDGET_BYTES = 4_000_000;
const FIRST_GUESS_BYTES_PER_CELL = 60;
/** The largest range we read at all (about 50 requests); beyond it we refuse. */
export const MAX_CELLS_TOTAL = 5_000_000;
/** Writes queued per sync, by their estimated JSON size (under the ~5 MB request cap). */
export const WRITE_BUDGET_BYTES = 4_000_000;
/** Rows per merged-areas request: Excel fails one above 512 areas, so they are asked for in row blocks. */
const MERGE_ROWS = 256;
/** Column widths are read for the used columns and this many beyond, up to MAX_WIDTH_COLUMNS. */
const WIDTH_MARGIN = 16;
const MAX_WIDTH_COLUMNS = 1024;
/** Row heights are read (only when the sheet has drawings) for at most this many rows. */
const MAX_HEIGHT_ROWS = 5000;

function errorCode(e: unknown): unknown {
  return (e as { code?: unknown } | null)?.code;
}

function isPayloadError(e: unknown): boolean {
  const code = errorCode(e);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/** Office.js errors a person can act on, as ExcelHostErrors; anything else as it was. */
function hostError(e: unknown): unknown {
  const code = errorCode(e);
  if (code === "InvalidOperationInCellEditMode")
    return new ExcelHostError(
      "edit-mode",
      "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
    );
  // Sheets are taken with getItem, which fails the sync with ItemNotFound when the sheet is gone.
  if (code === "ItemNotFound")
    return new ExcelHostError(
      "no-sheet",
      "The sheet Decision Map was working on is no longer in this workbook. Open the sheet that holds your KPIs, then try again.",
    );
  if (isPayloadError(e))
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

/**
 * Whether the host has a requirement set. Outside Office (the command line's tests of the
 * core never come here) there is no Office: nothing above the manifest's 1.9 is assumed.
 */
export function supports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const requirements = office?.context?.requirements;
  return requirements ? requirements.isSetSupported("ExcelApi", version) : false;
}

/**
 * Excel.run for every batch of the add-in: where Excel has delayForCellEdit (ExcelApi 1.11),
 * a batch that arrives while the person is typing in a cell waits for the edit to end
 * instead of failing with InvalidOperationInCellEditMode.
 */
export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return supports("1.11") ? Excel.run({ delayForCellEdit: true }, batch) : Excel.run(batch);
}

const CF_LOAD =
  "items/type, items/customOrNullObject/rule/formula, items/customOrNullObject/format/fill/color," +
  " items/cellValueOrNullObject/rule, items/cellValueOrNullObject/format/fill/color";

const DRAWING_LOAD = "items/top, items/left, items/width, items/height";

/** The sheet to work on: by id, by name, or the active one; getItem fails the sync if it is gone. */
function takeSheet(worksheets: Excel.WorksheetCollection, key: string | null | undefined): Excel.Worksheet {
  return key ? worksheets.getItem(key) : worksheets.getActiveWorksheet();
}

interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** A loaded range's place (address, rowIndex, columnIndex, rowCount, columnCount loaded and synced). */
function boxOf(range: Excel.Range): Rect {
  return { top: range.rowIndex, left: range.columnIndex, rows: range.rowCount, cols: range.columnCount };
}

/** What to read: the used range, or the rows of a selection across the used columns as well. */
function readRect(part: Rect | null, used: Rect | null): Rect {
  if (!part) return used!;
  if (!used) return part;
  const left = Math.min(part.left, used.left);
  const right = Math.max(part.left + part.cols, used.left + used.cols);
  return { top: part.top, left, rows: part.rows, cols: right - left };
}

/**
 * Reads the active sheet's used range (or the sheet `options.sheetId`) into a Grid. With
 * `selection` (or `address`), only the selection's rows are read, across the used columns as
 * well, so the plan still sees every cell beside the table that it could write over; a stray
 * value far below the table no longer makes the sheet too large.
 */
export async function readSheet(context: Excel.RequestContext, options?: ReadOptions): Promise<ExcelReadResult> {
  const worksheets = context.workbook.worksheets;
  const wanted = options?.address ? splitAddress(options.address) : null;
  if (options?.address && !wanted?.range)
    throw new ExcelHostError(
      "empty-sheet",
      `'${options.address}' is not a range. Select the KPI table, then try again.`,
    );
  const sheet = takeSheet(worksheets, options?.sheetId ?? wanted?.sheet);

  // Sync 1: where the data is, and the sheet's furniture.
  const selected = options?.selection && !wanted ? context.workbook.getSelectedRange() : null;
  selected?.load("address, rowIndex, columnIndex, rowCount, columnCount");
  const explicit = wanted?.range ? sheet.getRange(rangeAddress(wanted.range)) : null;
  explicit?.load("address, rowIndex, columnIndex, rowCount, columnCount");
  sheet.load("name, id, protection/protected");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address, rowIndex, columnIndex, rowCount, columnCount");
  const tables = sheet.tables;
  tables.load("items/name, items/showHeaders, items/showTotals");
  const formats = sheet.getRange().conditionalFormats;
  formats.load(CF_LOAD);
  const charts = sheet.charts;
  charts.load(DRAWING_LOAD);
  const shapes = sheet.shapes;
  shapes.load(DRAWING_LOAD);
  // Pivot tables (ExcelApi 1.8, the manifest asks 1.9; guarded all the same): their cells are
  // rewritten when they refresh, so the core keeps governance out of them, as it does in files.
  const pivotTables = supports("1.8") ? sheet.pivotTables : null;
  pivotTables?.load("items/name");
  worksheets.load("items/name");
  await sync(context);

  const part = explicit ?? selected;
  // eslint-disable-next-line office-addins/call-sync-before-read -- synced just above (sync() wraps context.sync())
  const usedBox = used.isNullObject ? null : boxOf(used);
  if (usedBox === null && !part)
    throw new ExcelHostError(
      "empty-sheet",
      `Sheet '${sheet.name}' is empty. Open the sheet that holds your KPIs, then try again.`,
    );
  const rect = readRect(part ? boxOf(part) : null, usedBox);
  if (options?.maxCells !== undefined && rect.rows * rect.cols > options.maxCells)
    throw new ExcelHostError(
      "too-large",
      `Sheet '${sheet.name}' uses ${rect.rows} rows by ${rect.cols} columns (${rect.rows * rect.cols} cells), more than ${options.maxCells}. ${options.maxCellsAdvice ?? "Select just the KPI table, then try again."}`,
    );
  if (rect.rows * rect.cols > MAX_CELLS_TOTAL)
    throw new ExcelHostError(
      "too-large",
      `Sheet '${sheet.name}' uses ${rect.rows} rows by ${rect.cols} columns, too many to read. Select just the KPI table and use "Use my selection", then try again.`,
    );

  const notes: string[] = [];
  const drawingBoxes = [...charts.items, ...shapes.items].map((d) => ({
    top: d.top,
    left: d.left,
    bottom: d.top + d.height,
    right: d.left + d.width,
  }));
  const mergesReadable = supports("1.13");
  if (!mergesReadable)
    notes.push(
      "This version of Excel cannot tell Decision Map where merged cells are (that needs ExcelApi 1.13): check that the new columns do not run into merged cells.",
    );

  // Sync 2 (with the first chunk of cells): table and rule ranges, merged areas, widths, heights.
  const queueExtras = (withMerges: boolean) => {
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
    const merges = withMerges ? queueMerges(sheet, rect, 0, rect.rows) : [];
    const widthCols = Math.min(rect.left + rect.cols + WIDTH_MARGIN, MAX_WIDTH_COLUMNS, 16_384);
    const widths = Array.from({ length: widthCols }, (_, c) => {
      const r = sheet.getRangeByIndexes(0, c, 1, 1);
      r.load("format/columnWidth");
      return r;
    });
    const heightRows = drawingBoxes.length > 0 ? Math.min(rect.top + rect.rows, MAX_HEIGHT_ROWS) : 0;
    const heights = Array.from({ length: heightRows }, (_, row) => {
      const r = sheet.getRangeByIndexes(row, 0, 1, 1);
      r.load("format/rowHeight");
      return r;
    });
    const summaries = loadSummarySheets(worksheets);
    const pivotItems = pivotTables?.items ?? [];
    const pivotRanges = pivotItems.map((p) => {
      const r = p.layout.getRange();
      r.load("address");
      return r;
    });
    // Each pivot's report filters: how many, for the area above its range they take (ExcelApi 1.8).
    const pivotFilterSets = pivotItems.map((p) => {
      const f = p.filterHierarchies;
      f.load("items/name");
      return f;
    });
    return { tableRanges, ruleRanges, merges, widths, heights, summaries, pivotRanges, pivotFilterSets };
  };

  let extras: ReturnType<typeof queueExtras> | null = queueExtras(mergesReadable);
  let done: ReturnType<typeof queueExtras> | null = null;
  let mergesInBatch = mergesReadable;
  let mergesFailed = false;
  const values: unknown[][] = [];
  const numberFormat: unknown[][] = [];
  const formulas: unknown[][] = [];
  let rowsPerChunk = Math.max(1, Math.floor(READ_BUDGET_BYTES / (Math.max(1, rect.cols) * FIRST_GUESS_BYTES_PER_CELL)));
  let bytesPerRow = 0;
  for (let start = 0; start < rect.rows;) {
    const n = Math.min(rowsPerChunk, rect.rows - start);
    const chunk = sheet.getRangeByIndexes(rect.top + start, rect.left, n, rect.cols);
    chunk.load("values, numberFormat, formulas");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk only above the payload cap
      await context.sync();
    } catch (e) {
      const again = () => extras !== null && (extras = queueExtras(mergesInBatch));
      if (isPayloadError(e) && n > 1) {
        rowsPerChunk = Math.ceil(n / 2);
        again();
        continue;
      }
      if (mergesInBatch && extras !== null && errorCode(e) !== "InvalidOperationInCellEditMode") {
        // Merged areas are the one part of the read that can fail on its own (above 512 areas):
        // read the rest without them, then the merged areas in smaller blocks.
        mergesInBatch = false;
        mergesFailed = true;
        again();
        continue;
      }
      throw hostError(e);
    }
    if (extras) [done, extras] = [extras, null];

    const [v, f, x] = [chunk.values, chunk.numberFormat, chunk.formulas];
    values.push(...v);
    numberFormat.push(...f);
    formulas.push(...x);
    bytesPerRow = Math.max(
      bytesPerRow,
      (JSON.stringify(v).length + JSON.stringify(f).length + JSON.stringify(x).length) / n,
    );
    rowsPerChunk = Math.max(1, Math.floor(READ_BUDGET_BYTES / Math.max(1, bytesPerRow)));
    start += n;
  }
  // Every range Excel gives has a row, so the first chunk's sync has read the extras.
  if (!done) throw new Error(`Decision Map read no rows of sheet '${sheet.name}'.`);

  let mergeAreas: CellRange[] = done.merges.flatMap((m) => (m.isNullObject ? [] : parseAreas(m.address)));
  if (mergesFailed) {
    const result = await readMergesInBlocks(context, sheet, rect);
    mergeAreas = result.areas;
    if (result.skipped.length > 0)
      notes.push(
        `Excel could not list the merged cells of rows ${result.skipped.join(", ")} (more than 512 merged areas): check that the new columns do not run into merged cells there.`,
      );
  }

  const gridValues = values.map((row) => row.map(toCellValue));
  if (part && gridValues.every((row) => row.every((v) => v === null)))
    throw new ExcelHostError(
      "empty-sheet",
      `${options?.address ?? part.address} is empty. Select the range that holds your KPIs, then try again.`,
    );

  const gridTables: GridTable[] = tables.items.flatMap((t, i) => {
    const r = splitAddress(done!.tableRanges[i].address).range;
    return r ? [{ name: t.name, range: r, hasHeaderRow: t.showHeaders, hasTotalsRow: t.showTotals }] : [];
  });
  const conditionalFormats = formats.items.map((cf, i) => {
    const custom = cf.customOrNullObject;
    const cellValue = cf.cellValueOrNullObject;
    const rangesAddress = done!.ruleRanges[i].address;
    if (!custom.isNullObject)
      return toGridConditionalFormat({
        type: cf.type,
        rangesAddress,
        formulas: [custom.rule.formula],
        color: custom.format.fill.color,
      });
    if (!cellValue.isNullObject) {
      const rule = cellValue.rule;
      return toGridConditionalFormat({
        type: cf.type,
        rangesAddress,
        operator: rule.operator,
        formulas: [rule.formula1, rule.formula2],
        color: cellValue.format.fill.color,
      });
    }
    return toGridConditionalFormat({ type: cf.type, rangesAddress, formulas: [] });
  });

  const widthPoints = done.widths.map((r) => r.format.columnWidth);
  const heightPoints = done.heights.map((r) => r.format.rowHeight);
  const grid: Grid = {
    sheetName: sheet.name,
    values: gridValues,
    origin: { row: rect.top, col: rect.left },
    numberFormats: numberFormat.map((row) =>
      row.map((f) => (typeof f === "string" && f !== "General" ? f : undefined)),
    ),
    // A formula is a filled cell, whatever it shows ("" included).
    formulas: formulas.map((row) => row.map((f) => typeof f === "string" && f.startsWith("="))),
    merges: mergeAreas,
    tables: gridTables,
    protected: sheet.protection.protected,
    conditionalFormats,
    columnWidths: widthPoints.map((w) => (typeof w === "number" ? pointsToColumnWidth(w) : undefined)),
  };
  if (drawingBoxes.length > 0) grid.drawings = drawingBoxes.map((b) => drawingCells(b, widthPoints, heightPoints));
  // The pivot's own cells, as the file reader takes them from each pivot's <location ref>.
  const pivots = done.pivotRanges.flatMap((r) => {
    const range = splitAddress(r.address).range;
    return range ? [range] : [];
  });
  if (pivots.length > 0) grid.pivots = pivots;
  // The report filter area above each pivot (getRange leaves it out). Office.js gives the
  // filters' count, not their arrangement: the area holds them laid out any way (n rows of
  // n blocks at most), as the file reader does for a pivot with no page counts.
  const filters = done.pivotRanges.flatMap((r, i) => {
    const range = splitAddress(r.address).range;
    const n = done.pivotFilterSets[i]?.items.length ?? 0;
    const area = range && n > 0 ? pivotFilterArea(range, n, n) : null;
    return area ? [area] : [];
  });
  if (filters.length > 0) grid.pivotFilters = filters;
  let conflict: string | null = null;
  for (const x of done.summaries) conflict ??= summaryConflict(x);
  return {
    grid,
    address: selected ? selected.address : explicit ? explicit.address : used.address,
    conflict,
    sheetId: sheet.id,
    notes,
  };
}

/** Queues the merged-areas requests for rows [from, to) of the read, in blocks of MERGE_ROWS, from column A. */
function queueMerges(
  sheet: Excel.Worksheet,
  rect: Rect,
  from: number,
  to: number,
  rows = MERGE_ROWS,
): Excel.RangeAreas[] {
  const out: Excel.RangeAreas[] = [];
  // Excel lists only the areas whose top-left cell is in the range (OfficeDev/office-js#3611):
  // from column A, so a merge that starts left of the read is found too, and a few columns past
  // the used ones, where the new columns may go (an empty merged area is not "used").
  const cols = Math.min(rect.left + rect.cols + WIDTH_MARGIN, 16_384);
  for (let r = from; r < to; r += rows) {
    const m = sheet.getRangeByIndexes(rect.top + r, 0, Math.min(rows, to - r), cols).getMergedAreasOrNullObject();
    m.load("address");
    out.push(m);
  }
  return out;
}

/** Merged areas block by block, halving a block Excel refuses; a single row it refuses is skipped and named. */
async function readMergesInBlocks(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Rect,
): Promise<{ areas: CellRange[]; skipped: number[] }> {
  const areas: CellRange[] = [];
  const skipped: number[] = [];
  const blocks: [number, number][] = [];
  for (let r = 0; r < rect.rows; r += MERGE_ROWS) blocks.push([r, Math.min(rect.rows, r + MERGE_ROWS)]);
  while (blocks.length > 0) {
    const [from, to] = blocks.shift()!;
    const [m] = queueMerges(sheet, rect, from, to, to - from);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk only above the payload cap
      await context.sync();
    } catch (e) {
      if (errorCode(e) === "InvalidOperationInCellEditMode") throw hostError(e);
      if (to - from === 1) skipped.push(rect.top + from + 1);
      else {
        const mid = from + Math.floor((to - from) / 2);
        blocks.unshift([from, mid], [mid, to]);
      }
      continue;
    }
    if (!m.isNullObject) areas.push(...parseAreas(m.address));
  }
  return { areas, skipped };
}

/**
 * The cells a drawing covers, from its box in points and the sheet's column widths and row
 * heights in points (the standard size past the ones read). An edge exactly on a cell border
 * does not take the next cell.
 */
export function drawingCells(
  box: { top: number; left: number; bottom: number; right: number },
  widths: (number | null | undefined)[],
  heights: (number | null | undefined)[],
): CellRange {
  const at = (sizes: (number | null | undefined)[], standard: number, point: number, edge: boolean): number => {
    let end = 0;
    for (let i = 0; i < 1_048_576; i++) {
      const size = sizes[i];
      end += typeof size === "number" ? size : standard;
      if (edge ? point <= end + 1e-9 : point < end) return i;
      if (i >= sizes.length && standard > 0) {
        // Past the sizes read, every cell is standard: jump there.
        const rest = edge ? point - end : point - end;
        return i + 1 + Math.max(0, edge ? Math.ceil(rest / standard - 1e-9) - 1 : Math.floor(rest / standard));
      }
    }
    return 1_048_575;
  };
  const STANDARD_HEIGHT = 15;
  return {
    top: at(heights, STANDARD_HEIGHT, box.top, false),
    left: at(widths, STANDARD_WIDTH_POINTS, box.left, false),
    bottom: Math.max(at(heights, STANDARD_HEIGHT, box.top, false), at(heights, STANDARD_HEIGHT, box.bottom, true)),
    right: Math.max(
      at(widths, STANDARD_WIDTH_POINTS, box.left, false),
      at(widths, STANDARD_WIDTH_POINTS, box.right, true),
    ),
  };
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

/** The sheet's names, loaded for sync 1: the record of what was added is found among them after it. */
function loadNames(sheet: Excel.Worksheet): Excel.NamedItemCollection {
  const names = sheet.names;
  names.load("items/name, items/comment, items/formula");
  return names;
}

interface Record {
  item: Excel.NamedItem;
  range: CellRange | null;
  comment: string;
}

/** The record of what Decision Map added, from names loaded with loadNames; null when there is none. */
function findRecord(names: Excel.NamedItemCollection): Record | null {
  const item = names.items.find((n) => n.name.toLowerCase() === RECORD_NAME.toLowerCase());
  if (!item) return null;
  // "=Dashboard!$Q$5:$T$40"; a name whose cells were deleted reads "=#REF!".
  const formula = typeof item.formula === "string" ? item.formula.replace(/^=/, "") : "";
  return { item, range: splitAddress(formula).range, comment: item.comment ?? "" };
}

function sheetProtected(name: string, advice: string): ExcelHostError {
  return new ExcelHostError(
    "sheet-protected",
    `Sheet '${name}' is protected. Unprotect it (Review > Unprotect Sheet), ${advice}.`,
  );
}

function workbookProtected(advice: string): ExcelHostError {
  return new ExcelHostError(
    "workbook-protected",
    `The workbook's structure is protected, so Decision Map cannot ${advice}. Unprotect it (Review > Protect Workbook), then try again.`,
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

/** Where a created column joins an Excel table: the table, and the column's name there (unique). */
interface TableJoin {
  col: number;
  table: Excel.Table;
  name: string;
}

/**
 * Applies a plan: the checks first (one sync, nothing queued but loads: a batch is not a
 * transaction, so a refusal must come before any write), then the audited sheet's writes,
 * then the Decision Map and MBR Brief sheets. Records what it created, for removeGovernance.
 * `sheetId` finds the audited sheet even if it was renamed since it was read.
 */
export async function applyPlanToWorkbook(
  context: Excel.RequestContext,
  plan: WritePlan,
  options?: { sheetId?: string },
): Promise<void> {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  const sheet = worksheets.getItem(options?.sheetId ?? plan.sheetName);
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a navigation property, loaded below before the sync
  const tables = sheet.tables;
  tables.load("items/name");
  sheet.load("name, protection/protected");
  const structure = workbook.protection;
  structure.load("protected");
  worksheets.load("items/name, items/protection/protected");
  // Our earlier highlight rules, to replace rather than pile up (a re-run is idempotent).
  const formats = loadRules(sheet);
  const names = loadNames(sheet);
  const created = plan.columns.filter((c) => c.created).sort((a, b) => a.col - b.col);
  const widthsBefore = created.map((c) => {
    const r = sheet.getRangeByIndexes(0, c.col, 1, 1);
    r.load("format/columnWidth");
    return r;
  });
  const joining = created.filter((c) => c.table);
  await sync(context);

  // Every check a write needs, before the first write. A summary-only plan (a pivot's, a
  // protected sheet's) writes nothing on the sheet: its protection is no obstacle then, and
  // nothing on it is touched.
  const onSheet = writesOnSheet(plan);
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- synced just above (sync() wraps context.sync())
  const [locked, sheetName] = [sheet.protection.protected, sheet.name];
  if (locked && onSheet) throw sheetProtected(sheetName, "or audit a copy");
  const targets = plan.sheets.map((s) => ({
    planned: s,
    existing: worksheets.items.find((w) => sameSheetName(w.name, s.name)) ?? null,
  }));
  for (const t of targets)
    if (t.existing?.protection.protected) throw sheetProtected(t.existing.name, "or audit a copy");
  const adding = targets.filter((t) => t.existing === null).map((t) => `'${t.planned.name}'`);
  if (structure.protected && adding.length > 0)
    throw workbookProtected(`add its ${adding.join(" and ")} sheet${adding.length === 1 ? "" : "s"}`);
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- synced above (sync() wraps context.sync())
  const joins = joining.length > 0 ? await tableJoins(context, tables, joining, sheet.name) : [];

  // Sync 2: the audited sheet. Excel on the web refuses a request above ~5 MB, so only a batch
  // past WRITE_BUDGET_BYTES is flushed early (a sheet of tens of thousands of metrics).
  const budget = writeBudget(context);
  // A column of an Excel table first, so sorting the table keeps each verdict with its metric.
  for (const j of joins) j.table.columns.add(undefined, undefined, j.name);
  for (const w of columnWrites(plan.cells)) {
    for (const block of rowBlocks(w.rows)) {
      await budget(estimateBytes(block.rows));
      const top = w.top + block.offset;
      sheet.getRangeByIndexes(top, w.col, block.rows.length, 1).values = block.rows;
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
    if (col.created && col.width !== undefined)
      sheet.getRangeByIndexes(0, col.col, 1, 1).format.columnWidth = columnWidthToPoints(col.width);
  }
  // Sentences wrap, top-aligned, in the cells the plan says (our Lever and Governance columns).
  for (const span of wrapSpans(plan.cells)) {
    const range = sheet.getRangeByIndexes(span.top, span.col, span.bottom - span.top + 1, 1);
    range.format.wrapText = true;
    range.format.verticalAlignment = "Top";
  }
  // Our earlier highlight rules give way to the plan's (none for a summary-only plan); a
  // protected sheet keeps them, untouched.
  if (!locked) for (const cf of ownRules(formats)) cf.delete();
  for (const rule of plan.rules) {
    const cf = sheet.getRange(rangeAddress(rule.range)).conditionalFormats.add("Custom");
    cf.custom.rule.formula = `=${rule.formula}`;
    cf.custom.format.fill.color = rule.fill;
    cf.custom.format.font.color = rule.font;
  }
  if (created.length > 0) writeRecord(sheet, plan, created, widthsBefore, findRecord(names));
  await sync(context);

  // Sync 3: the summary sheets.
  const budget3 = writeBudget(context);
  for (const { planned, existing } of targets) {
    const target = existing ?? worksheets.add(planned.name);
    if (existing) target.getRange().clear("Contents");
    const rows = sheetRows(planned);
    const width = rows[0]?.length ?? 0;
    for (const block of rowBlocks(rows)) {
      await budget3(estimateBytes(block.rows));
      target.getRangeByIndexes(block.offset, 0, block.rows.length, width).values = block.rows;
    }
    (planned.widths ?? []).forEach((w, col) => {
      target.getRangeByIndexes(0, col, 1, 1).format.columnWidth = columnWidthToPoints(w);
    });
    // Values in the sheet's own number formats: one range per run of one format down a column.
    for (const run of formatRuns(planned.numberFormats ?? [])) {
      target.getRangeByIndexes(run.row, run.col, run.count, 1).numberFormat = Array.from({ length: run.count }, () => [
        run.format,
      ]);
    }
    for (const col of planned.wrap ?? []) {
      const range = target.getRangeByIndexes(0, col, Math.max(1, rows.length), 1);
      range.format.wrapText = true;
      range.format.verticalAlignment = "Top";
    }
    if (planned.header && width > 0) {
      target.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      target.freezePanes.freezeRows(1);
    }
    if (planned.landscape) {
      // Landscape, one page wide and as many tall as it takes (0: automatic, as Excel stores it).
      target.pageLayout.orientation = "Landscape";
      target.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    }
  }
  await sync(context);
}

/** Whether a plan writes anything on the audited sheet itself (cells, rules or new columns). */
export function writesOnSheet(plan: WritePlan): boolean {
  return plan.cells.length > 0 || plan.rules.length > 0 || plan.columns.some((c) => c.created);
}

/** Runs of one number format down a column: where each starts, how many rows, which format. */
function formatRuns(formats: (string | null)[][]): { row: number; col: number; count: number; format: string }[] {
  const runs: { row: number; col: number; count: number; format: string }[] = [];
  const open = new Map<number, { row: number; col: number; count: number; format: string }>();
  formats.forEach((cells, row) => {
    const width = Math.max(cells.length, ...[...open.keys()].map((c) => c + 1));
    for (let col = 0; col < width; col++) {
      const format = cells[col] ?? null;
      const run = open.get(col);
      if (run && format === run.format && run.row + run.count === row) {
        run.count++;
        continue;
      }
      if (run) open.delete(col);
      if (format) {
        const fresh = { row, col, count: 1, format };
        runs.push(fresh);
        open.set(col, fresh);
      }
    }
  });
  return runs;
}

/** Column runs of the cells to wrap: one range per column, top to bottom. */
function wrapSpans(cells: WritePlan["cells"]): { col: number; top: number; bottom: number }[] {
  const byCol = new Map<number, { col: number; top: number; bottom: number }>();
  for (const c of cells) {
    if (!c.wrap) continue;
    const span = byCol.get(c.col);
    if (!span) byCol.set(c.col, { col: c.col, top: c.row, bottom: c.row });
    else {
      span.top = Math.min(span.top, c.row);
      span.bottom = Math.max(span.bottom, c.row);
    }
  }
  return [...byCol.values()];
}

/**
 * The tables the plan's created columns join, checked before any write: the table must still
 * be on the sheet and end just left of the column (the column is appended to it), and the
 * column gets a name no other column of that table has. One sync, only for such a plan.
 */
async function tableJoins(
  context: Excel.RequestContext,
  tables: Excel.TableCollection,
  joining: WritePlan["columns"],
  sheetName: string,
): Promise<TableJoin[]> {
  const wanted = [...new Set(joining.map((c) => c.table!))].map((name) => {
    const table = tables.items.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!table)
      throw new ExcelHostError(
        "no-table",
        `The table '${name}' is no longer on sheet '${sheetName}'. Refresh the pane, then try again.`,
      );
    const range = table.getRange();
    range.load("address");
    const columns = table.columns;
    columns.load("items/name");
    return { name, table, range, columns };
  });
  await sync(context);
  const joins: TableJoin[] = [];
  for (const w of wanted) {
    const r = splitAddress(w.range.address).range;
    const taken = new Set(w.columns.items.map((c) => c.name.toLowerCase()));
    let right = r ? r.right : -1;
    for (const c of joining.filter((x) => x.table === w.name).sort((a, b) => a.col - b.col)) {
      if (c.col !== right + 1)
        throw new ExcelHostError(
          "no-table",
          `Column ${cellAddress(0, c.col).replace(/\d+$/, "")} is not next to the table '${w.name}', so it cannot join it. Refresh the pane, then try again.`,
        );
      let name = c.header;
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${c.header} ${k}`;
      taken.add(name.toLowerCase());
      joins.push({ col: c.col, table: w.table, name });
      right = c.col;
    }
  }
  return joins;
}

/** Records (or widens the record of) the columns the plan created, with their widths from before. */
function writeRecord(
  sheet: Excel.Worksheet,
  plan: WritePlan,
  created: WritePlan["columns"],
  widthsBefore: Excel.Range[],
  record: Record | null,
): void {
  const fresh = createdRange(plan);
  if (fresh === null) return;
  const old = record?.range ?? null;
  const merged = mergeRecord(old && recordFrom(old, record!.comment), fresh, (col) => {
    const k = created.findIndex((c) => c.col === col);
    return k >= 0 ? widthsBefore[k].format.columnWidth : null;
  });
  if (record) record.item.delete();
  sheet.names.add(RECORD_NAME, sheet.getRange(rangeAddress(merged.range)), recordComment(merged));
}

/** The last column of a loaded (and synced) range that may be a null object; -1 for a null object. */
function rightEdge(range: Excel.Range): number {
  return range.isNullObject ? -1 : (splitAddress(range.address).range?.right ?? -1);
}

/** What removeGovernance took out, for the pane to say. */
export interface Removal {
  /** The cells of the columns Decision Map had created ("Dashboard!Q5:T40"), or null. */
  columns: string | null;
  rules: number;
  sheets: string[];
}

/**
 * Takes out exactly what Decision Map added to the active sheet (or the sheet named, or with
 * that id): the columns it created (their cells and header look, their old widths back, and
 * their place in an Excel table they joined), its highlight rules, its record, and its
 * Decision Map and MBR Brief sheets. Everything else stays as it is. Three syncs: what was
 * added and the checks; the summary sheets' first rows and the tables; the removal.
 */
export async function removeGovernance(context: Excel.RequestContext, sheetKey?: string): Promise<Removal> {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  const sheet = takeSheet(worksheets, sheetKey);
  sheet.load("name, protection/protected");
  const formats = loadRules(sheet);
  const names = loadNames(sheet);
  const tables = sheet.tables;
  tables.load("items/name");
  const structure = workbook.protection;
  structure.load("protected");
  worksheets.load("items/name, items/protection/protected");
  await sync(context);

  if (sheet.protection.protected) throw sheetProtected(sheet.name, "then remove governance again");
  // Our own summary sheets, recognized by their first row: a person's sheet of that name stays.
  const summaries = loadSummarySheets(worksheets);
  const tableParts = tables.items.map((t) => {
    const range = t.getRange();
    range.load("address");
    const columns = t.columns;
    columns.load("items/name");
    return { table: t, range, columns };
  });
  // Whether any cell lies right of a table: deleting a table column (below ExcelApi 1.13) would
  // shift such cells in the table's rows to the left.
  const usedRange = sheet.getUsedRangeOrNullObject(true);
  usedRange.load("address");
  await sync(context);
  const usedRight = rightEdge(usedRange);
  const ours = summaries.filter((x) => !x.used.isNullObject && summaryConflict(x) === null);
  const record = findRecord(names);
  const added = record?.range ?? null;
  const rules = ownRules(formats);
  if (added === null && rules.length === 0 && ours.length === 0) {
    throw new ExcelHostError(
      "nothing-to-remove",
      `Decision Map has added nothing to sheet '${sheet.name}'. Open the sheet you audited, then try again.`,
    );
  }
  for (const o of ours) if (o.sheet.protection.protected) throw sheetProtected(o.name, "then remove governance again");
  if (ours.length > 0 && structure.protected)
    throw workbookProtected(`delete its ${ours.map((o) => `'${o.name}'`).join(" and ")} sheet`);

  for (const cf of rules) cf.delete();
  if (added !== null) {
    // A record whose widths were lost (a LibreOffice round trip) gives the standard width back.
    const widths = widthsToRestore(recordWidths(record!.comment), added.right - added.left + 1);
    // Columns that joined an Excel table leave it (from the right, so the others keep their places).
    for (const t of tableParts) {
      const r = splitAddress(t.range.address).range;
      if (!r || added.left > r.right || added.right < r.left || added.top < r.top || added.top > r.bottom) continue;
      const from = Math.max(added.left, r.left);
      const keep = from - r.left;
      if (keep <= 0) continue; // the whole table is ours? never: a table holds the person's metrics
      if (supports("1.13")) t.table.resize(rangeAddress({ ...r, right: from - 1 }));
      else if (usedRight <= r.right)
        for (let j = t.columns.items.length - 1; j >= keep; j--) t.columns.items[j].delete();
      // else: the emptied columns stay in the table rather than move the person's cells.
    }
    const body = sheet.getRange(rangeAddress(added));
    body.clear("Contents");
    // Our columns' cells wrapped top-aligned: back to Excel's defaults, as empty columns have.
    body.format.wrapText = false;
    body.format.verticalAlignment = "Bottom";
    // The header cells took the table's header look (copyFrom), as did a block's labels (the
    // record names them); the other body cells only values.
    for (const r of formatsToClear(added, record!.comment)) sheet.getRange(rangeAddress(r)).clear("Formats");
    widths.forEach((w, i) => {
      if (w !== null) sheet.getRangeByIndexes(0, added.left + i, 1, 1).format.columnWidth = w;
    });
  }
  if (record) record.item.delete();
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

export interface WatchOptions {
  /**
   * Whether a change is the add-in's own write, for Excel before 1.14 (no triggerSource): the
   * changed address and, for a single cell, its value after the change.
   */
  isOwnWrite?: (address: string, valueAfter: unknown) => boolean;
}

/**
 * Calls `onChange` when a person at this computer edits the sheet (`sheetKey`: its name or
 * id). Not reported: a co-author's edit (event.source "Remote": their own pane follows it),
 * and the add-in's own writes (triggerSource "ThisLocalAddin" from ExcelApi 1.14; before,
 * `options.isOwnWrite`). A registration Excel refuses is an ExcelHostError the pane shows.
 * Stop with `unwatchSheet`, in a context made from the handle's.
 */
export async function watchSheet(
  context: Excel.RequestContext,
  sheetKey: string,
  onChange: SheetChangeHandler,
  options?: WatchOptions,
): Promise<WatchHandle> {
  const knowsOwn = supports("1.14");
  try {
    const sheet = context.workbook.worksheets.getItem(sheetKey);
    sheet.load("name");
    await sync(context);
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- synced just above (sync() wraps context.sync())
    const name = sheet.name;
    const handle = sheet.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
      if (event.source === "Remote") return;
      if (knowsOwn && event.triggerSource === "ThisLocalAddin") return;
      const valueAfter = event.details ? event.details.valueAfter : undefined;
      if (!knowsOwn && options?.isOwnWrite?.(event.address, valueAfter)) return;
      onChange(event.address.includes("!") ? event.address : `${quoteSheetName(name)}!${event.address}`);
    });
    await context.sync();
    return handle;
  } catch (e) {
    const why = e instanceof Error && e.message ? ` (${e.message})` : "";
    throw new ExcelHostError(
      "watch-failed",
      `Decision Map cannot follow your edits on this sheet${why}. After editing, use Refresh governance to bring the Governance column up to date.`,
    );
  }
}

export async function unwatchSheet(context: Excel.RequestContext, handle: WatchHandle): Promise<void> {
  handle.remove();
  await sync(context);
}

/** A sheet of the workbook as the pane's picker lists it. */
export interface SheetEntry {
  name: string;
  id: string;
  /** Visible to the person (not hidden, not very hidden). */
  visible: boolean;
}

/** The workbook's sheets in order, with whether each is visible: 1 sync, nothing read from cells. */
export async function listSheets(context: Excel.RequestContext): Promise<SheetEntry[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name, items/id, items/visibility");
  await sync(context);
  return worksheets.items.map((w) => ({ name: w.name, id: w.id, visible: w.visibility === "Visible" }));
}

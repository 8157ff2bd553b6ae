/**
 * Pivot tables, read from what they show: "Row Labels" (or its translation) over the row
 * items, the data field ("Sum of Profit") or "Column Labels" over the columns, and "Grand
 * Total" rows and columns, which are never metrics nor current values.
 * - Periods down the rows (Jan … Dec): each data column is one metric, the latest period
 *   row its current value (orientation `columns`).
 * - Otherwise each row item is a metric (orientation `rows`), its current value the latest
 *   period column, or the one data column; items across that are not periods give no
 *   current value (the Grand Total column is never one).
 * Every table read here is `summaryOnly`: a pivot rewrites its cells, and the ones beside
 * it, when it refreshes, so only the summary sheets are written.
 */
import { cellAt, cellText, gridColumnEnd, gridRowEnd, numberFormatAt, type CellRange, type Grid } from "../grid";
import { isDateFormat, isPercentFormat, isPeriodText, isTotalLabel } from "../headers";
import type { DetectHints, KpiTable, MetricRow } from "../types";
import { shownDate } from "./columns";
import type { LayoutReader } from "./types";

/** Why nothing is written beside a pivot table. */
export const PIVOT_SUMMARY_ONLY = "cells beside a pivot table are overwritten when it refreshes";

/** "Row Labels" in the languages Excel writes it in. */
const ROW_LABELS = new Set([
  "row labels",
  "etiquetas de fila",
  "étiquettes de lignes",
  "zeilenbeschriftungen",
  "rótulos de linha",
  "etichette di riga",
  "rijlabels",
  "label baris",
]);
const COLUMN_LABELS = new Set([
  "column labels",
  "etiquetas de columna",
  "étiquettes de colonnes",
  "spaltenbeschriftungen",
  "rótulos de coluna",
  "etichette di colonna",
  "kolomlabels",
  "label kolom",
]);
const TOTALS =
  /^(?:grand total|total result|total general|total général|gesamtergebnis|totale complessivo|eindtotaal|total geral|total keseluruhan)$|\btotal$/i;
/** "Sum of Profit" → "Profit" (and the other languages' "Suma de", "Somme de", "Summe von"). */
const AGGREGATE =
  /^(?:sum|count|average|max|min|product|stddev|var|suma|cuenta|promedio|somme|nombre|moyenne|summe|anzahl|mittelwert|soma|contagem|média|somma|conteggio|media|som|aantal|gemiddelde|jumlah)\s+(?:of|de|von|di|van|dari)\s+(.+)$/i;

const text = (grid: Grid, r: number, c: number) => cellText(cellAt(grid, r, c)).trim();

/** A period item as the pivot shows it: a date by its number format ("Oct-25", "10/1/2025"), else its text. */
function periodAt(grid: Grid, r: number, c: number): string {
  const v = cellAt(grid, r, c);
  const format = numberFormatAt(grid, r, c);
  return typeof v === "number" && isDateFormat(format) ? shownDate(v, format) : text(grid, r, c);
}
const isTotal = (s: string) => TOTALS.test(s) || isTotalLabel(s);

function isPeriodCell(grid: Grid, r: number, c: number): boolean {
  const v = cellAt(grid, r, c);
  if (typeof v === "number") return isDateFormat(numberFormatAt(grid, r, c));
  return typeof v === "string" && isPeriodText(v);
}

/** The header cells that say "a pivot table starts here": its "Row Labels" cells. */
function anchors(grid: Grid, within: CellRange | undefined): { row: number; col: number }[] {
  const found: { row: number; col: number }[] = [];
  const top = Math.max(grid.origin.row, within?.top ?? 0);
  const bottom = Math.min(gridRowEnd(grid) - 1, within?.bottom ?? Infinity, top + 500);
  const left = Math.max(grid.origin.col, within?.left ?? 0);
  const right = Math.min(gridColumnEnd(grid) - 1, within?.right ?? Infinity);
  for (let r = top; r <= bottom; r++)
    for (let c = left; c <= right; c++) {
      const v = cellAt(grid, r, c);
      if (typeof v === "string" && ROW_LABELS.has(v.trim().toLowerCase())) found.push({ row: r, col: c });
    }
  return found;
}

/** The metric a data field's caption names: "Sum of Profit" → "Profit". */
function fieldName(caption: string): string {
  const m = AGGREGATE.exec(caption.trim());
  return m ? m[1].trim() : caption.trim();
}

/** What a pivot shows from its "Row Labels" cell: its data columns, body rows and extent. */
function pivotShape(grid: Grid, anchor: { row: number; col: number }, within?: CellRange) {
  const { row: h, col: c0 } = anchor;
  // Where the host knows the pivot's own cells, they bound it (pivots may stand side by side).
  const own = grid.pivots?.find((p) => p.top <= h && h <= p.bottom && p.left <= c0 && c0 <= p.right);
  const right = Math.min(gridColumnEnd(grid) - 1, within?.right ?? Infinity, own?.right ?? Infinity);
  const bottom = Math.min(gridRowEnd(grid) - 1, within?.bottom ?? Infinity, own?.bottom ?? Infinity);
  // Data columns: the headers right of "Row Labels" up to the first blank one.
  const cols: number[] = [];
  for (let c = c0 + 1; c <= right && text(grid, h, c) !== "" && !ROW_LABELS.has(text(grid, h, c).toLowerCase()); c++)
    cols.push(c);
  // Body: row items down to the Grand Total row or the first blank label.
  const body: number[] = [];
  let last = h;
  for (let r = h + 1; r <= bottom; r++) {
    const label = text(grid, r, c0);
    if (label === "") break;
    last = r;
    if (TOTALS.test(label)) break;
    body.push(r);
  }
  const acrossLabels = COLUMN_LABELS.has(text(grid, h - 1, c0 + 1).toLowerCase());
  const area: CellRange = {
    top: acrossLabels ? h - 1 : h,
    left: c0,
    bottom: last,
    right: cols.length > 0 ? cols[cols.length - 1] : c0,
  };
  return { cols, body, last, acrossLabels, area };
}

function readPivot(grid: Grid, anchor: { row: number; col: number }, within?: CellRange): KpiTable | null {
  const { row: h, col: c0 } = anchor;
  const { cols, body, last, acrossLabels, area } = pivotShape(grid, anchor, within);
  if (cols.length === 0 || body.length === 0) return null;
  // Row fields nested in one column (a date, its region, its department, …) repeat their
  // items and mix kinds: no one label is a metric there.
  const labels = body.map((r) => text(grid, r, c0).toLowerCase());
  if (new Set(labels).size < labels.length) return null;
  const items = body.filter((r) => !isTotal(text(grid, r, c0)));
  // Sprint or week numbers down the rows (62, 63, 64 …) are periods too.
  const numbers = items.map((r) => cellAt(grid, r, c0));
  const counted =
    numbers.every(
      (v) => typeof v === "number" && Number.isInteger(v) && !isDateFormat(numberFormatAt(grid, h + 1, c0)),
    ) && numbers.every((v, i) => i === 0 || (v as number) > (numbers[i - 1] as number));
  const isPeriodRow = (r: number) => counted || isPeriodCell(grid, r, c0);
  const kinds = new Set(items.map(isPeriodRow));
  if (
    kinds.size > 1 ||
    (!counted && items.some((r) => typeof cellAt(grid, r, c0) === "number" && !isPeriodCell(grid, r, c0)))
  )
    return null;
  const dataCols = cols.filter((c) => !isTotal(text(grid, h, c)));
  if (items.length === 0 || dataCols.length === 0) return null;
  const caption = acrossLabels ? text(grid, h - 1, c0) : "";
  const headers: string[] = [];
  for (let c = 0; c <= area.right; c++) headers[c] = c >= c0 ? text(grid, h, c) : "";
  const unitAt = (r: number, c: number) =>
    isPercentFormat(numberFormatAt(grid, r, c)) ? "percent-fraction" : "number";
  const periodsDown = items.filter(isPeriodRow).length * 2 > items.length;
  const periodsAcross = dataCols.filter((c) => isPeriodCell(grid, h, c)).length * 2 > dataCols.length;
  const metrics: MetricRow[] = [];
  let orientation: KpiTable["orientation"];
  if (periodsDown) {
    orientation = "columns";
    dataCols.forEach((c, i) => {
      const values = items.map((r) => ({ row: r, col: c }));
      const filled = values.filter((v) => typeof cellAt(grid, v.row, v.col) === "number");
      const current = filled.length > 0 ? filled[filled.length - 1] : null;
      metrics.push({
        // Identity only (unique, ascending): nothing is written beside a pivot.
        row: h + 1 + i,
        name: fieldName(text(grid, h, c) || caption),
        unit: current ? unitAt(current.row, current.col) : "number",
        cell: { row: h, col: c },
        values,
        current,
        ...(current ? { currentPeriod: periodAt(grid, current.row, c0) } : {}),
      });
    });
  } else {
    orientation = "rows";
    const periodCols = periodsAcross ? dataCols.filter((c) => isPeriodCell(grid, h, c)) : dataCols;
    for (const r of items) {
      // Items across that are not periods (products) are no history, and give no current value.
      const timed = periodsAcross || dataCols.length === 1;
      const values = timed ? periodCols.map((c) => ({ row: r, col: c })) : [];
      const filled = values.filter((v) => typeof cellAt(grid, v.row, v.col) === "number");
      const latest = filled[filled.length - 1] ?? null;
      metrics.push({
        row: r,
        name: text(grid, r, c0),
        unit: latest ? unitAt(latest.row, latest.col) : "number",
        cell: { row: r, col: c0 },
        values,
        current: latest,
        ...(latest && periodsAcross ? { currentPeriod: periodAt(grid, h, latest.col) } : {}),
      });
    }
  }
  const periods = periodsDown ? items.length : periodsAcross ? dataCols.length : 0;
  const currentColumn =
    orientation === "rows" && (periodsAcross || dataCols.length === 1) ? dataCols[dataCols.length - 1] : null;
  return {
    sheetName: grid.sheetName,
    orientation,
    area,
    summaryOnly: PIVOT_SUMMARY_ONLY,
    headerRow: h,
    headers,
    metricColumn: c0,
    valueColumns: dataCols,
    currentColumn,
    referenceColumns: [],
    governance: { owner: null, threshold: null, lever: null, governance: null },
    firstRow: h + 1,
    lastRow: last,
    lastColumn: area.right,
    metrics: metrics.filter((m) => m.name !== "" && !isTotal(m.name)),
    skipped: body
      .filter((r) => isTotal(text(grid, r, c0)))
      .concat(last !== body[body.length - 1] ? [last] : [])
      .map((r) => ({ row: r, kind: "total" as const })),
    tableName: null,
    // A pivot with a time line reads as a KPI; the longer the history, the more so.
    confidence: periods > 0 ? 0.85 + Math.min(periods, 12) / 100 : 0.5,
    notes: [`A pivot table: ${PIVOT_SUMMARY_ONLY}, so only the summary sheets are written.`],
  };
}

/** The areas of the pivot tables the sheet shows (from their "Row Labels" cells). */
export function pivotAreas(grid: Grid): CellRange[] {
  return anchors(grid, undefined).map((a) => pivotShape(grid, a).area);
}

function readPivots(grid: Grid, hints: DetectHints): KpiTable[] {
  const tables: KpiTable[] = [];
  for (const a of anchors(grid, hints.within)) {
    const t = readPivot(grid, a, hints.within);
    if (t && t.metrics.length > 0) tables.push(t);
  }
  return tables.sort((a, b) => b.confidence - a.confidence);
}

export const pivotReader: LayoutReader = { orientation: "rows", read: readPivots };

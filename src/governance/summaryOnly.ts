/**
 * What every face says about a table whose governance goes only to the summary sheets. A
 * module of its own, with no governance core behind it, so the pane's first chunk can say it.
 */
import { quoteSheetName } from "./grid";
import type { KpiTable } from "./types";

/**
 * Why only the summary sheets are written for a table on a protected sheet (the table's
 * `summaryOnly`): nothing can be written beside its metrics, and a new sheet can.
 */
export const SHEET_PROTECTED_SUMMARY_ONLY = "the sheet is protected";

/**
 * What every face says, in one line, about a table whose governance goes only to the
 * summary sheets, or null when it goes beside the metrics. `written`: after the write (the
 * command line, the ribbon, the pane's notice after writing), or before it (the pane).
 */
export function summaryOnlyNote(table: KpiTable, written = true): string | null {
  if (table.summaryOnly === undefined) return null;
  const sheet = quoteSheetName(table.sheetName);
  if (table.summaryOnly === SHEET_PROTECTED_SUMMARY_ONLY)
    return `${sheet} is protected: governance ${written ? "was" : "is"} written to the Decision Map sheet only; unprotect it to write beside the metrics.`;
  return written
    ? `Only the Decision Map and MBR Brief sheets were written, nothing on '${table.sheetName}': ${table.summaryOnly}.`
    : `Only the Decision Map and MBR Brief sheets are written for this table, nothing beside it: ${table.summaryOnly}`;
}

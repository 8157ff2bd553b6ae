/**
 * Which sheet of a workbook to audit, and whether our summary sheets' names are free: the
 * same choice for the command line and for the pane working on a file in a browser.
 */
import { detectKpiTable, hasKpiTable } from "../governance/detect";
import { sameSheetName, type Grid } from "../governance/grid";
import { ourSheetName, ownSheetConflict } from "../governance/plan";
import type { XlsxWorkbook } from "./index";

export type SheetChoice =
  | { ok: true; name: string; grid: Grid }
  | { ok: false; code: "no-such-sheet" | "metrics-in-columns" | "no-kpi-table"; message: string };

/**
 * The named sheet; else the active one when it holds a KPI table, else the first sheet that
 * does (visible ones before hidden ones; never our own summary sheets). `howToName` ends the
 * message when no sheet qualifies ("Name a sheet with --sheet to see why.").
 */
export function chooseKpiSheet(wb: XlsxWorkbook, wanted?: string, howToName = ""): SheetChoice {
  if (wanted !== undefined) {
    // Excel's sheet names are one name whatever the case: "--sheet kpis" finds "KPIs".
    const named = wb.sheetNames.find((n) => n === wanted) ?? wb.sheetNames.find((n) => sameSheetName(n, wanted));
    if (named === undefined) {
      const names = wb.sheetNames.map((n) => `'${n}'`).join(", ");
      return { ok: false, code: "no-such-sheet", message: `No sheet named '${wanted}'. The sheets are: ${names}.` };
    }
    return { ok: true, name: named, grid: wb.readGrid(named) };
  }
  const visible = wb.sheetNames.filter((n) => ourSheetName(n) === null && !wb.hiddenSheets.includes(n));
  const order = [wb.activeSheet, ...visible.filter((n) => n !== wb.activeSheet), ...wb.hiddenSheets];
  const sideways: string[] = [];
  for (const name of order) {
    if (ourSheetName(name) !== null || !wb.sheetNames.includes(name)) continue;
    const grid = wb.readGrid(name);
    if (hasKpiTable(grid)) return { ok: true, name, grid };
    const found = detectKpiTable(grid);
    if (!found.ok && found.code === "metrics-in-columns") sideways.push(name);
  }
  if (sideways.length > 0) {
    const names =
      sideways
        .slice(0, 3)
        .map((n) => `'${n}'`)
        .join(", ") + (sideways.length > 3 ? ", …" : "");
    return {
      ok: false,
      code: "metrics-in-columns",
      message:
        `No sheet lists one metric per row: ${names} ${sideways.length === 1 ? "has" : "have"} metrics across the top and ` +
        "dates down the rows. Add a summary sheet with one metric per row (name, then values), or transpose one, and run again.",
    };
  }
  const tail = howToName ? ` ${howToName}` : "";
  return {
    ok: false,
    code: "no-kpi-table",
    message: `No sheet in this workbook holds a KPI table (metric names down a column, numbers beside them).${tail}`,
  };
}

/** Why writing the summary sheets would be refused (a sheet of that name that is not ours), or null. */
export function summarySheetConflict(wb: XlsxWorkbook): string | null {
  for (const name of wb.sheetNames) {
    if (ourSheetName(name) === null) continue;
    const conflict = ownSheetConflict(name, wb.readGrid(name));
    if (conflict) return conflict;
  }
  return null;
}

/**
 * Which sheet of a workbook to audit, and whether our summary sheets' names are free: the
 * same choice for the command line and for the pane working on a file in a browser.
 */
import { detectKpiTable, hasKpiTable } from "../governance/detect";
import { cellAt, numberFormatAt, sameSheetName, type Grid } from "../governance/grid";
import { isDateFormat } from "../governance/headers";
import { ourSheetName, ownSheetConflict } from "../governance/plan";
import type { KpiTable } from "../governance/types";
import type { XlsxWorkbook } from "./workbook";

export type SheetChoice =
  | {
      ok: true;
      name: string;
      grid: Grid;
      /** Other sheets that would also do, when the choice was made for the person. */
      others: string[];
      /** The sheet's table as found while choosing (no hints), so it is not looked for twice. */
      detected?: { table: KpiTable; others: KpiTable[] };
    }
  | { ok: false; code: "no-such-sheet" | "metrics-in-columns" | "no-kpi-table"; message: string };

/** Words in a sheet's name that say it is meant to be read: it goes first among equals. */
const DASHBOARD_NAME =
  /dashboard|scorecard|score card|kpi|summary|overview|mbr|metrics|cockpit|tableau de bord|cuadro de mando/i;

/**
 * Why a sheet that holds a table is no dashboard, or null: its rows are records (ID-like
 * names such as "SUB-10293"), or its values are dates. A long list of real metric names is
 * still a KPI table, however long.
 */
export function notADashboard(grid: Grid, t: KpiTable): string | null {
  // Rows whose labels are IDs or dates are set aside as notes: a table of nothing else is records.
  if (t.metrics.length === 0 && t.skipped.filter((r) => r.kind === "note").length >= 10)
    return "record IDs, not metric names";
  const ids = t.metrics.filter((m) => /^[A-Za-z]{0,6}[-_#]?\d{3,}[A-Za-z0-9-]*$/.test(m.name.trim())).length;
  if (t.metrics.length >= 10 && ids * 2 >= t.metrics.length) return "record IDs, not metric names";
  if (t.currentColumn !== null) {
    let dates = 0;
    let numbers = 0;
    for (const m of t.metrics) {
      const v = cellAt(grid, m.row, t.currentColumn);
      if (typeof v !== "number") continue;
      numbers++;
      if (isDateFormat(numberFormatAt(grid, m.row, t.currentColumn))) dates++;
    }
    if (numbers > 0 && dates * 2 > numbers) return "dates where the values should be";
  }
  // Metrics as columns: their current values are dates in a dump too.
  const cells = t.metrics.map((m) => m.current).filter((c) => c !== null && c !== undefined);
  const dated = cells.filter((c) => isDateFormat(numberFormatAt(grid, c.row, c.col))).length;
  if (cells.length > 0 && dated * 2 > cells.length) return "dates where the values should be";
  return null;
}

/**
 * The named sheet (as Excel names match, without case); else a visible sheet that reads as a
 * dashboard: the active one when it does, else the one whose name says dashboard, scorecard
 * or KPI, else the first in workbook order. Hidden sheets, pivot-table sheets, data dumps and
 * our own summary sheets are never chosen for the person; the other sheets that would do are
 * returned so the person can be told. `howToName` ends the message when no sheet qualifies
 * ("Name a sheet with --sheet to see why.").
 */
export function chooseKpiSheet(wb: XlsxWorkbook, wanted?: string, howToName = ""): SheetChoice {
  if (wanted !== undefined) {
    // Excel's sheet names are one name whatever the case: "--sheet kpis" finds "KPIs".
    const named = wb.sheetNames.find((n) => n === wanted) ?? wb.sheetNames.find((n) => sameSheetName(n, wanted));
    if (named === undefined) {
      const names = wb.sheetNames.map((n) => `'${n}'`).join(", ");
      return { ok: false, code: "no-such-sheet", message: `No sheet named '${wanted}'. The sheets are: ${names}.` };
    }
    return { ok: true, name: named, grid: wb.readGrid(named), others: [] };
  }
  const pivots = wb.pivotSheets ?? [];
  const candidates = wb.sheetNames.filter(
    (n) => ourSheetName(n) === null && !wb.hiddenSheets.includes(n) && !pivots.includes(n),
  );
  const qualifying: { name: string; grid: Grid; detected: { table: KpiTable; others: KpiTable[] } }[] = [];
  const dumps: string[] = [];
  const sideways: string[] = [];
  /** Why each candidate holds no table, as its detection said. */
  const refused = new Map<string, string>();
  for (const name of candidates) {
    const grid = wb.readGrid(name);
    // One detection per sheet: it says both whether there is a table and what it holds.
    const found = detectKpiTable(grid);
    if (found.ok) {
      const why = notADashboard(grid, found.table);
      if (why === null) qualifying.push({ name, grid, detected: { table: found.table, others: found.others ?? [] } });
      else dumps.push(`'${name}' (${why})`);
    } else {
      refused.set(name, found.message);
      if (found.code === "metrics-in-columns") sideways.push(name);
    }
  }
  if (qualifying.length > 0) {
    const chosen =
      qualifying.find((q) => q.name === wb.activeSheet) ??
      qualifying.find((q) => DASHBOARD_NAME.test(q.name)) ??
      qualifying[0];
    return { ok: true, ...chosen, others: qualifying.filter((q) => q !== chosen).map((q) => q.name) };
  }
  // Only pivot tables hold KPIs: the visible pivot sheet whose table reads best (a longer
  // time line first), audited for the summary sheets only.
  const pivotTables: {
    name: string;
    grid: Grid;
    confidence: number;
    detected: { table: KpiTable; others: KpiTable[] };
  }[] = [];
  for (const name of wb.sheetNames.filter((n) => pivots.includes(n) && !wb.hiddenSheets.includes(n))) {
    const grid = wb.readGrid(name);
    const found = detectKpiTable(grid);
    if (found.ok && found.table.metrics.length > 0)
      pivotTables.push({
        name,
        grid,
        confidence: found.table.confidence,
        detected: { table: found.table, others: found.others ?? [] },
      });
  }
  if (pivotTables.length > 0) {
    const best = pivotTables.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    return {
      ok: true,
      name: best.name,
      grid: best.grid,
      others: pivotTables.filter((p) => p !== best).map((p) => p.name),
      detected: best.detected,
    };
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
  // Sheets never chosen for the person, named so they can choose one themselves.
  const set = wb.sheetNames.filter((n) => ourSheetName(n) === null && !candidates.includes(n));
  const aside = set
    .filter((n) => hasKpiTable(wb.readGrid(n)))
    .map((n) => `'${n}' (${wb.hiddenSheets.includes(n) ? "hidden" : "a pivot table"})`);
  if (aside.length + dumps.length > 0) {
    const names = [...dumps, ...aside].join(", ");
    const choose = howToName ? howToName.replace(/ to see why\.$/, "") : "Choose it";
    return {
      ok: false,
      code: "no-kpi-table",
      message: `No sheet reads as a dashboard; the only tables are on ${names}, which Decision Map does not choose by itself. ${choose} if that is the one.`,
    };
  }
  // A workbook of one sheet: why that sheet holds no table says more than "name a sheet".
  const only = wb.sheetNames.length === 1 && candidates.length === 1 ? refused.get(candidates[0]) : undefined;
  if (only !== undefined) return { ok: false, code: "no-kpi-table", message: only };
  const tail = howToName ? ` ${howToName}` : "";
  return {
    ok: false,
    code: "no-kpi-table",
    message: `No sheet in this workbook holds a KPI table (metric names down a column, numbers beside them).${tail}`,
  };
}

/**
 * The sheets, other than `except`, that read as a KPI table (visible ones, in workbook
 * order, data dumps left out), to name when the sheet asked for does not.
 */
export function sheetsThatRead(wb: XlsxWorkbook, except: string[] = []): string[] {
  const names: string[] = [];
  for (const name of wb.sheetNames) {
    if (except.includes(name) || ourSheetName(name) !== null || wb.hiddenSheets.includes(name)) continue;
    const grid = wb.readGrid(name);
    const found = detectKpiTable(grid);
    if (found.ok && found.table.metrics.length > 0 && notADashboard(grid, found.table) === null) names.push(name);
  }
  return names;
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

/**
 * Detection: Grid → the KPI table to audit. Every layout reader (rows first, then
 * ./layouts) reads the sheet; the table read with the most confidence wins, and the others
 * are kept so the person can pick one. When none reads, the rows reader's refusal says why.
 */
import { tableArea } from "./area";
import { parseRange, rangeAddress, type CellRange, type Grid } from "./grid";
import { LAYOUT_READERS } from "./layouts";
import { PIVOT_SUMMARY_ONLY, pivotAreas } from "./layouts/pivot";
import { withGovernanceOutside } from "./place/rows";
import { readRows } from "./layouts/rows";
import type { DetectHints, DetectResult, KpiTable } from "./types";

/** The tables every layout reads on the sheet, best first, or why there are none. */
export function detectKpiTable(grid: Grid, hints: DetectHints = {}): DetectResult {
  const scoped = withinTable(grid, hints);
  if (!scoped.ok) return scoped.failure;
  const h = scoped.hints;
  const found: KpiTable[] = [];
  const rows = h.orientation === undefined || h.orientation === "rows" ? readRows(grid, h) : null;
  if (rows?.ok) found.push(rows.table);
  for (const reader of LAYOUT_READERS) {
    if (h.orientation !== undefined && h.orientation !== reader.orientation) continue;
    // A reader may hand on another layout's table (several tables on a sheet): it says which.
    for (const t of reader.read(grid, h)) found.push({ ...t, orientation: t.orientation ?? reader.orientation });
  }
  // A columns table's side table (its governance, beside the data) is never another table.
  const sides = found.flatMap(sideTableOf);
  for (let i = found.length - 1; i >= 0; i--) if (sides.some((s) => inside(tableArea(found[i]), s))) found.splice(i, 1);
  if (found.length === 0) {
    if (rows !== null && !rows.ok) return rows;
    return {
      ok: false,
      code: "no-kpi-table",
      message: `No KPI table laid out as ${h.orientation} found on sheet '${grid.sheetName}'. Choose another layout or sheet.`,
    };
  }
  // Stable: among equals, the earlier reader (rows first) wins.
  const ranked = found.map((t, i) => ({ t, i })).sort((a, b) => b.t.confidence - a.t.confidence || a.i - b.i);
  // Whatever layout read it, a table on a pivot table's cells is rewritten when the pivot refreshes.
  const pivots = [...(grid.pivots ?? []), ...pivotAreas(grid)];
  const marked = ranked.map(({ t }) =>
    t.summaryOnly === undefined && pivots.some((p) => overlaps(p, tableArea(t)))
      ? { ...t, summaryOnly: PIVOT_SUMMARY_ONLY }
      : // An Excel table's governance columns that an earlier run had to put outside it.
        withGovernanceOutside(grid, t),
  );
  const [best, ...rest] = marked;
  // The same table read twice (by its layout's reader and as one of several tables) is offered once.
  const key = (t: KpiTable) => `${t.orientation ?? "rows"} ${rangeAddress(tableArea(t))}`;
  const seen = new Set([key(best)]);
  // Another reading of the chosen table's own cells (its block as rows, its pivot as a
  // range) is no other table: only tables elsewhere on the sheet are offered.
  const area = tableArea(best);
  const others = rest.filter((t) => !overlaps(tableArea(t), area) && !seen.has(key(t)) && seen.add(key(t)));
  return { ok: true, table: best, others };
}

/** The cells of the side table where a table's metrics keep their answers (Metric to Governance), if any. */
function sideTableOf(t: KpiTable): CellRange[] {
  const cells = t.metrics.flatMap((m) => (m.answerCells?.owner && m.answerCells.governance ? [m.answerCells] : []));
  if (t.orientation !== "columns" || cells.length === 0) return [];
  const rows = cells.map((c) => c.owner!.row);
  return [
    {
      top: t.headerRow,
      bottom: Math.max(...rows),
      left: Math.min(...cells.map((c) => c.owner!.col)) - 1,
      right: Math.max(...cells.map((c) => c.governance!.col)),
    },
  ];
}

const inside = (a: CellRange, b: CellRange) =>
  a.top >= b.top && a.bottom <= b.bottom && a.left >= b.left && a.right <= b.right;
const overlaps = (a: CellRange, b: CellRange) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** Whether the sheet holds a KPI table of any layout. */
export function hasKpiTable(grid: Grid): boolean {
  return detectKpiTable(grid).ok;
}

/** Hints with `table` turned into the Excel table's range, or why that table is not there. */
function withinTable(
  grid: Grid,
  hints: DetectHints,
): { ok: true; hints: DetectHints } | { ok: false; failure: DetectResult } {
  if (hints.table === undefined) return { ok: true, hints };
  const wanted = hints.table.trim().toUpperCase();
  const t = grid.tables.find((x) => x.name.toUpperCase() === wanted);
  if (t === undefined) {
    const names = grid.tables.map((x) => `'${x.name}'`).join(", ");
    return {
      ok: false,
      failure: {
        ok: false,
        code: "no-kpi-table",
        message:
          grid.tables.length === 0
            ? `Sheet '${grid.sheetName}' has no Excel table named '${hints.table}' (it has no Excel tables).`
            : `Sheet '${grid.sheetName}' has no Excel table named '${hints.table}'. Its tables are: ${names}.`,
      },
    };
  }
  return { ok: true, hints: { ...hints, within: t.range } };
}

/** A range typed by a person ("A1:D9", "$B$5:$E$10"), or null when it is not one. */
export function parseUserRange(text: string): ReturnType<typeof parseRange> {
  return parseRange(text.replace(/\$/g, "").trim().toUpperCase());
}

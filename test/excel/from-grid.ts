/** A FakeExcel holding one sheet as a Grid describes it: values, formats, formulas, merges, tables, pivots, drawings. */
import { cellAddress, rangeAddress, type Grid } from "../../src/governance/grid";
import { FakeExcel } from "./fake";

export function fakeFromGrid(grid: Grid): FakeExcel {
  const excel = new FakeExcel();
  const s = excel.addSheet(grid.sheetName);
  s.protected = grid.protected;
  grid.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const formula = grid.formulas?.[i]?.[j] === true;
      const numberFormat = grid.numberFormats?.[i]?.[j] ?? undefined;
      const value = v !== null && typeof v === "object" ? v.error : v;
      if (value === null && !formula) return;
      const r = grid.origin.row + i;
      const c = grid.origin.col + j;
      // The fake does not compute: a formula shows the value the file cached ("" when none).
      if (formula) s.cells.set(`${r},${c}`, { value: null, formula: "=N(0)", cached: value ?? "", numberFormat });
      else s.set(r, c, value, numberFormat);
    }),
  );
  for (const m of grid.merges) s.merges.push(rangeAddress(m));
  for (const t of grid.tables)
    s.tables.push({
      name: t.name,
      range: rangeAddress(t.range),
      showHeaders: t.hasHeaderRow,
      showTotals: t.hasTotalsRow,
    });
  (grid.pivots ?? []).forEach((p, i) => {
    // A filter area right above the pivot (its blank row last): one filter a row.
    const area = grid.pivotFilters?.find((f) => f.bottom === p.top - 1 && f.left === p.left);
    const filters = area ? Array.from({ length: area.bottom - area.top }, (_, k) => `Filter${k + 1}`) : [];
    s.pivots.push({ name: `PivotTable${i + 1}`, range: rangeAddress(p), ...(filters.length > 0 ? { filters } : {}) });
  });
  (grid.drawings ?? []).forEach((d, i) =>
    s.drawings.push({
      kind: "chart",
      name: `Chart ${i + 1} at ${cellAddress(d.top, d.left)}`,
      top: s.rowTop(d.top),
      left: s.columnLeft(d.left),
      width: s.columnLeft(d.right + 1) - s.columnLeft(d.left),
      height: s.rowTop(d.bottom + 1) - s.rowTop(d.top),
    }),
  );
  return excel;
}

/** A workbook opened for reading: its sheets, which are hidden or pivots, and each sheet's Grid. */
import { parseRange, type CellRange, type Grid } from "../governance/grid";
import { partText, type Package } from "./package";
import { pivotFilterArea } from "../governance/place/free";
import { readSheetGrid, readWorkbookModel } from "./read";
import { attribute, firstElement, relationships, relsPathOf, resolveTarget } from "./xml";

const PIVOT_TABLE = "/pivotTable";

/** How many report filters (page fields) a pivot may show in one block: more is a damaged count. */
const MAX_PAGE_FIELDS = 256;

/** A count attribute as a small whole number (0 when missing or not one). */
function count(attrs: string, name: string): number {
  const n = Number(attribute(attrs, name) ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_PAGE_FIELDS) : 0;
}

/**
 * The cells of the pivot tables a sheet part holds (each pivot's `<location ref="A3:B16">`),
 * and their report filter areas above them (`rowPageCount` rows by `colPageCount` blocks;
 * with page fields but no counts, as many rows and blocks as fields: every arrangement fits).
 */
function pivotRanges(pkg: Package, sheetPart: string): { ranges: CellRange[]; filters: CellRange[] } {
  const ranges: CellRange[] = [];
  const filters: CellRange[] = [];
  for (const r of relationships(partText(pkg, relsPathOf(sheetPart)))) {
    if (r.external || !r.type.endsWith(PIVOT_TABLE)) continue;
    const part = resolveTarget(sheetPart, r.target);
    const xml = part === null ? undefined : partText(pkg, part);
    const location = xml === undefined ? undefined : firstElement(xml, "location");
    const ref = location === undefined || location === null ? undefined : attribute(location.attrs, "ref");
    const range = ref === undefined ? null : parseRange(ref.replace(/\$/g, "").toUpperCase());
    if (range === null) continue;
    ranges.push(range);
    const pageFields = xml === undefined ? null : firstElement(xml, "pageFields");
    const fields =
      pageFields === null ? 0 : Math.max(count(pageFields.attrs, "count"), pageFieldCount(pageFields.inner));
    let rows = count(location!.attrs, "rowPageCount");
    let columns = count(location!.attrs, "colPageCount");
    if (rows === 0 && fields > 0) [rows, columns] = [fields, fields];
    const area = pivotFilterArea(range, rows, columns);
    if (area !== null) filters.push(area);
  }
  return { ranges, filters };
}

/** How many `<pageField>` elements a `<pageFields>` holds. */
function pageFieldCount(inner: string): number {
  return Math.min(MAX_PAGE_FIELDS, inner.split("<pageField").length - 1);
}

export interface XlsxWorkbook {
  /** Every sheet, in workbook order, hidden ones included. */
  sheetNames: string[];
  hiddenSheets: string[];
  /** The sheet that was active when the workbook was saved. */
  activeSheet: string;
  /** Sheets that hold a pivot table (their cells are the pivot's, rewritten on refresh). */
  pivotSheets: string[];
  readGrid(sheetName: string): Grid;
}

export function openWorkbook(bytes: Uint8Array): XlsxWorkbook {
  const model = readWorkbookModel(bytes);
  return {
    sheetNames: model.sheets.map((s) => s.name),
    hiddenSheets: model.sheets.filter((s) => s.hidden).map((s) => s.name),
    activeSheet: model.sheets[model.activeTab].name,
    pivotSheets: model.sheets
      .filter((s) => relationships(partText(model.pkg, relsPathOf(s.part))).some((r) => r.type.endsWith(PIVOT_TABLE)))
      .map((s) => s.name),
    readGrid(sheetName: string): Grid {
      const sheet = model.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw new Error(`No sheet named '${sheetName}'.`);
      const grid = readSheetGrid(model, sheet);
      const { ranges: pivots, filters } = pivotRanges(model.pkg, sheet.part);
      if (pivots.length === 0) return grid;
      return filters.length > 0 ? { ...grid, pivots, pivotFilters: filters } : { ...grid, pivots };
    },
  };
}

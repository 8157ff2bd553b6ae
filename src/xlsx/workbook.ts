/** A workbook opened for reading: its sheets, which are hidden or pivots, and each sheet's Grid. */
import { parseRange, type CellRange, type Grid } from "../governance/grid";
import { partText, type Package } from "./package";
import { readSheetGrid, readWorkbookModel } from "./read";
import { attribute, firstElement, relationships, relsPathOf, resolveTarget } from "./xml";

const PIVOT_TABLE = "/pivotTable";

/** The cells of the pivot tables a sheet part holds (each pivot's `<location ref="A3:B16">`). */
function pivotRanges(pkg: Package, sheetPart: string): CellRange[] {
  const ranges: CellRange[] = [];
  for (const r of relationships(partText(pkg, relsPathOf(sheetPart)))) {
    if (r.external || !r.type.endsWith(PIVOT_TABLE)) continue;
    const part = resolveTarget(sheetPart, r.target);
    const xml = part === null ? undefined : partText(pkg, part);
    const location = xml === undefined ? undefined : firstElement(xml, "location");
    const ref = location === undefined || location === null ? undefined : attribute(location.attrs, "ref");
    const range = ref === undefined ? null : parseRange(ref.replace(/\$/g, "").toUpperCase());
    if (range !== null) ranges.push(range);
  }
  return ranges;
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
      const pivots = pivotRanges(model.pkg, sheet.part);
      return pivots.length > 0 ? { ...grid, pivots } : grid;
    },
  };
}

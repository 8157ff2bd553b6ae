/** A workbook opened for reading: its sheets, which are hidden or pivots, and each sheet's Grid. */
import type { Grid } from "../governance/grid";
import { partText } from "./package";
import { readSheetGrid, readWorkbookModel } from "./read";
import { relationships, relsPathOf } from "./xml";

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
      .filter((s) => relationships(partText(model.pkg, relsPathOf(s.part))).some((r) => r.type.endsWith("/pivotTable")))
      .map((s) => s.name),
    readGrid(sheetName: string): Grid {
      const sheet = model.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw new Error(`No sheet named '${sheetName}'.`);
      return readSheetGrid(model, sheet);
    },
  };
}

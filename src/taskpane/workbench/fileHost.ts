/**
 * The pane's WorkbookHost for an .xlsx file opened in a browser: the same .xlsx host as the
 * command line, bytes in memory. Writing changes this copy only; the person's file on disk is
 * never touched (they download the result).
 */
import { quoteSheetName, rangeAddress, type Grid } from "../../governance/grid";
import { chunk } from "../chunk";
import type { WorkbookHost } from "../host";

/** The .xlsx reader and writer (src/xlsx) with the governance core they use. */
export type XlsxModule = typeof import("../../xlsx");

/**
 * The .xlsx host is a chunk of its own, fetched once the workbench has rendered (and again
 * after a failed fetch): the open button shows without waiting for it.
 */
export const loadXlsx: () => Promise<XlsxModule> = chunk(() => import(/* webpackChunkName: "xlsx" */ "../../xlsx"));

export interface FileHost extends WorkbookHost {
  kind: "file";
  /** The workbook as it is now, with everything written so far. */
  bytes(): Uint8Array;
}

function usedAddress(grid: Grid): string {
  const rows = Math.max(1, grid.values.length);
  const cols = Math.max(1, ...grid.values.map((r) => r.length));
  const { row, col } = grid.origin;
  return `${quoteSheetName(grid.sheetName)}!${rangeAddress({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 })}`;
}

export function fileHost(options: {
  bytes: Uint8Array;
  sheetName: string;
  prefersDark: () => boolean;
  /** Called after each write, with the new bytes. */
  onWrite?: (bytes: Uint8Array) => void;
}): FileHost {
  let bytes = options.bytes;
  return {
    kind: "file",
    bytes: () => bytes,
    read: async () => {
      const xlsx = await loadXlsx();
      const wb = xlsx.openWorkbook(bytes);
      const grid = wb.readGrid(options.sheetName);
      return { grid, address: usedAddress(grid), conflict: xlsx.summarySheetConflict(wb) };
    },
    apply: async (plan) => {
      bytes = (await loadXlsx()).applyPlan(bytes, plan);
      options.onWrite?.(bytes);
    },
    prefersDark: options.prefersDark,
    copy: async (text) => {
      if (!navigator.clipboard)
        throw new Error("This browser does not allow copying here. Select the text and copy it by hand.");
      await navigator.clipboard.writeText(text);
    },
  };
}

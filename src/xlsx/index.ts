/**
 * The .xlsx host: the core's two verbs for files. Read a sheet into a Grid; apply a WritePlan
 * to a copy of the package. No Node APIs: bytes in, bytes out, so a browser can use it too.
 */

export { XlsxError, type XlsxErrorCode } from "./package";
export { applyPlan } from "./write";
export { chooseKpiSheet, summarySheetConflict, type SheetChoice } from "./choose";
export { openWorkbook, type XlsxWorkbook } from "./workbook";

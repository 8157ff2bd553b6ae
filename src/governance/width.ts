/**
 * Column widths, the one conversion both hosts use. A width "in characters" is the unit of
 * the .xlsx file's `<col width>` (and of Excel's Column Width dialog, padding included); the
 * Office.js host reads and writes `format.columnWidth` in points. ECMA-376 Part 1, 18.3.1.13
 * (col): pixels = Truncate(((256 * width + Truncate(128 / mdw)) / 256) * mdw), where mdw is the
 * maximum digit width of the workbook's default font in pixels: 7 for Calibri 11, Excel's
 * default. A point is 4/3 of a pixel at 96 dpi. So the standard width, 8.43 characters
 * (stored as 9.140625), is 64 pixels, 48 points.
 */

/** The maximum digit width of Calibri 11 (Excel's default font), in pixels. */
export const MAX_DIGIT_WIDTH_PX = 7;

/** Excel's standard column width in points (8.43 characters of Calibri 11). */
export const STANDARD_WIDTH_POINTS = 48;

/** A column width in characters (the file's unit) as points (Range.format.columnWidth). */
export function columnWidthToPoints(width: number): number {
  if (!(width > 0)) return 0;
  const mdw = MAX_DIGIT_WIDTH_PX;
  const pixels = Math.trunc(((256 * width + Math.trunc(128 / mdw)) / 256) * mdw);
  return (pixels * 3) / 4;
}

/** Points (Range.format.columnWidth) as a column width in characters, to 1/256 as the file keeps it. */
export function pointsToColumnWidth(points: number): number {
  if (!(points > 0)) return 0;
  const pixels = Math.round((points * 4) / 3);
  return Math.round((pixels / MAX_DIGIT_WIDTH_PX) * 256) / 256;
}

/**
 * Metrics as columns: the period of a date on the axis is shown the way the sheet formats it
 * ("Oct-25", "01/10/2025"), as the rows layout does; ISO only for a bare serial with no date
 * format, and text periods as typed. Through the Grid (formats as codes) and through a real
 * .xlsx package (built-in numFmtIds 14 to 22 as the file reader carries them).
 */
import { decide } from "../../src/governance/decide";
import type { CellValue, Grid } from "../../src/governance/grid";
import { readColumns, shownDate } from "../../src/governance/layouts/columns";
import { openWorkbook } from "../../src/xlsx";
import { grid } from "../helpers/grids";
import { buildXlsx, MAIN_NS } from "../xlsx/build";

/** The Excel serial (1900 system) of a UTC calendar day, plus a fraction of a day. */
const serial = (y: number, m: number, d: number, dayFraction = 0) =>
  Date.UTC(y, m - 1, d) / 86_400_000 + 25569 + dayFraction;

const AUG = serial(2025, 8, 1);
const SEP = serial(2025, 9, 1);
const OCT = serial(2025, 10, 1);

/** A "Date | Revenue | Churn" sheet, the dates in column A formatted `format` (none: bare serials). */
function sheet(dates: CellValue[], format: string | undefined, header = "Date"): Grid {
  const values: CellValue[][] = [[header, "Revenue", "Churn"], ...dates.map((d, i) => [d, 100 + i, 3 + i])];
  const numberFormats = values.map((_, i) => (i > 0 && format !== undefined ? [format] : []));
  return grid(values, { sheetName: "Monthly", numberFormats });
}

function periods(g: Grid): (string | null)[] {
  const d = decide({ grid: g, plan: false });
  if (!d.ok) throw new Error(d.message);
  expect(d.table.orientation).toBe("columns");
  return d.audit.metrics.map((m) => m.currentPeriod);
}

describe("columns layout: a date period as the sheet shows it", () => {
  test.each([
    ["mmm-yy", "Oct-25"],
    ["mmm yyyy", "Oct 2025"],
    ["mmmm yyyy", "October 2025"],
    ["dd/mm/yyyy", "01/10/2025"],
    ["d/m/yyyy", "1/10/2025"],
    ["m/d/yyyy", "10/1/2025"],
    ["mm/dd/yy", "10/01/25"],
    ["yyyy-mm-dd", "2025-10-01"],
    ["dd.mm.yyyy", "01.10.2025"],
    ["d-mmm-yy", "1-Oct-25"],
    ["d-mmm", "1-Oct"],
    ["[$-409]mmm-yy;@", "Oct-25"],
    ['mmm" "yy', "Oct 25"],
    ["yyyy-mm", "2025-10"],
    ["yyyy", "2025"],
  ])("%s shows %s", (format, shown) => {
    expect(periods(sheet([AUG, SEP, OCT], format))).toEqual([shown, shown]);
  });

  test("a datetime shows its time part as its format does", () => {
    const at = (f: number) => [serial(2025, 10, 1, f - 2), serial(2025, 10, 1, f - 1), serial(2025, 10, 1, f)];
    expect(periods(sheet(at(0.5), "yyyy-mm-dd hh:mm"))).toEqual(["2025-10-01 12:00", "2025-10-01 12:00"]);
    expect(periods(sheet(at(0.6042), "dd/mm/yyyy hh:mm"))).toEqual(["01/10/2025 14:30", "01/10/2025 14:30"]);
    expect(periods(sheet([AUG, SEP, OCT], "m/d/yyyy h:mm"))).toEqual(["10/1/2025 0:00", "10/1/2025 0:00"]);
    // A datetime shown as a date alone: the date, no time.
    expect(periods(sheet(at(0.75), "mmm-yy"))).toEqual(["Oct-25", "Oct-25"]);
  });

  test("a format with no date in it (a time alone) cannot name a period: the ISO date leads", () => {
    expect(shownDate(OCT, "h:mm")).toBe("2025-10-01");
    expect(shownDate(OCT + 0.5, "h:mm")).toBe("2025-10-01 12:00");
    expect(shownDate(OCT, "mmm")).toBe("Oct");
  });

  test("a bare serial with no date format keeps the ISO date; a date format's own text wins", () => {
    const g = sheet([AUG, SEP, OCT], undefined);
    const t = readColumns(g)[0];
    expect(t.metrics[0].currentPeriod).toBe("2025-10-01");
    expect(t.notes[0]).toContain("2025-08-01 to 2025-10-01");
    const shown = readColumns(sheet([AUG, SEP, OCT], "mmm yyyy"))[0];
    expect(shown.notes[0]).toContain("Aug 2025 to Oct 2025");
  });

  test("text periods stay as typed", () => {
    for (const [a, b, c] of [
      ["Aug-25", "Sep-25", "Oct-25"],
      ["August 2025", "September 2025", "October 2025"],
      ["2025-08", "2025-09", "2025-10"],
      ["01/08/2025", "01/09/2025", "01/10/2025"],
      ["Q1 2025", "Q2 2025", "Q3 2025"],
    ])
      expect(periods(sheet([a, b, c], undefined, "Month"))).toEqual([c, c]);
  });

  test("a metric whose latest row is empty: its own period and the table's latest, both as shown", () => {
    const values: CellValue[][] = [
      ["Month", "Revenue", "Churn"],
      [AUG, 100, 3],
      [SEP, 110, 4],
      [OCT, 120, null],
    ];
    const g = grid(values, { numberFormats: values.map((_, i) => (i > 0 ? ["mmm-yy"] : [])) });
    const t = readColumns(g)[0];
    expect(t.metrics.map((m) => m.currentPeriod)).toEqual(["Oct-25", "Sep-25"]);
    expect(t.metrics[1].latestMissing?.period).toBe("Oct-25");
  });
});

/** A styles part whose cellXfs[i] carries numFmtId ids[i] (built-in ids need no numFmt entry). */
function stylesWith(ids: number[], custom: Record<number, string> = {}): string {
  const fmts = Object.entries(custom);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
    (fmts.length > 0
      ? `<numFmts count="${fmts.length}">${fmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join("")}</numFmts>`
      : "") +
    `<fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${ids.length}">${ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join("")}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
  );
}

describe("columns layout: built-in date formats read from a file", () => {
  // cellXfs: 0 General, then the built-in ids 14..17 and 22, then a custom "dd/mm/yyyy" (164).
  const ids = [0, 14, 15, 16, 17, 22, 164];
  const styles = stylesWith(ids, { 164: "dd/mm/yyyy" });
  const book = (style: number) => {
    const rows = [AUG, SEP, OCT]
      .map(
        (d, i) =>
          `<row r="${i + 2}"><c r="A${i + 2}" s="${style}"><v>${d}</v></c><c r="B${i + 2}"><v>${100 + i}</v></c><c r="C${i + 2}"><v>${3 + i}</v></c></row>`,
      )
      .join("");
    const xml =
      `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c>` +
      `<c r="C1" t="inlineStr"><is><t>Churn</t></is></c></row>${rows}</sheetData>`;
    return openWorkbook(buildXlsx({ sheets: [{ name: "Monthly", xml }], styles })).readGrid("Monthly");
  };

  test.each([
    [1, 14, "10/1/2025"],
    [2, 15, "1-Oct-25"],
    [3, 16, "1-Oct"],
    [4, 17, "Oct-25"],
    [5, 22, "10/1/2025 0:00"],
    [6, 164, "01/10/2025"],
  ])("style %i (numFmtId %i) shows %s", (style, _id, shown) => {
    expect(periods(book(style))).toEqual([shown, shown]);
  });

  test("General (numFmtId 0) on a date axis: the ISO date", () => {
    expect(periods(book(0))).toEqual(["2025-10-01", "2025-10-01"]);
  });
});

describe("pivot tables: a date item is shown as the pivot formats it", () => {
  test("dates down the rows (metrics across) and dates across (items down)", () => {
    const down: CellValue[][] = [
      ["Row Labels", "Sum of Sales", "Sum of Units"],
      [AUG, 100, 10],
      [SEP, 110, 11],
      [OCT, 120, 12],
      ["Grand Total", 330, 33],
    ];
    const g = grid(down, {
      sheetName: "Pivot",
      numberFormats: down.map((_, i) => (i >= 1 && i <= 3 ? ["mmm-yy"] : [])),
      pivots: [{ top: 0, left: 0, bottom: 4, right: 2 }],
    });
    expect(periods(g)).toEqual(["Oct-25", "Oct-25"]);

    const across: CellValue[][] = [
      ["Sum of Sales", "Column Labels"],
      ["Row Labels", AUG, SEP, OCT, "Grand Total"],
      ["East", 1, 2, 3, 6],
      ["West", 4, 5, 6, 15],
      ["Grand Total", 5, 7, 9, 21],
    ];
    const h = grid(across, {
      sheetName: "Pivot",
      numberFormats: [[], [null, "dd/mm/yyyy", "dd/mm/yyyy", "dd/mm/yyyy"]],
      pivots: [{ top: 0, left: 0, bottom: 4, right: 4 }],
    });
    const d = decide({ grid: h, plan: false });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod])).toEqual([
      ["East", 3, "01/10/2025"],
      ["West", 6, "01/10/2025"],
    ]);
  });
});

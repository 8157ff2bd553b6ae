/**
 * Status bands beside a KPI block become the metric's threshold hint (layouts/bands.ts through
 * the blocks reader): where the red band starts, in the sheet's unit, with its direction; the
 * audit offers it (message example, pane suggestion, direction from the sheet) and never takes
 * it as the person's answer.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decide } from "../../src/governance/decide";
import type { CellValue, Grid } from "../../src/governance/grid";
import { readCondition, statusWord } from "../../src/governance/layouts/bands";
import { readBlocks } from "../../src/governance/layouts/blocks";
import { suggestThresholds } from "../../src/governance/suggest";
import type { MetricRow } from "../../src/governance/types";
import { grid } from "../helpers/grids";
import { runCli } from "../helpers/io";

/** A block (KPI / Owner) with a monthly series of `values` under it, formatted `format`. */
function block(extra: CellValue[][] = [], values: number[] = [0.91, 0.88], format = "0%"): CellValue[][] {
  return [
    ["KPI", "On-time delivery"],
    ["Owner", "Dana Lee"],
    [],
    ["Month", "Actual"],
    ...values.map((v, i) => [["Jan", "Feb", "Mar", "Apr"][i], v]),
    [],
    ...extra,
  ].map((r) => r.map((v) => (v === undefined ? null : v))) as CellValue[][] & { format?: string };
}

function sheetOf(rows: CellValue[][], fmt = "0%", extra: Partial<Grid> = {}): Grid {
  // The series' actuals (column B, rows 5..) carry the format.
  const numberFormats: (string | null)[][] = rows.map((r, i) => (i >= 4 && i <= 7 ? [null, fmt] : []));
  return grid(rows, { sheetName: "Delivery", numberFormats, ...extra });
}

/** Puts `cells` (row, col, value) into a copy of `rows`. */
function put(rows: CellValue[][], cells: [number, number, CellValue][]): CellValue[][] {
  const out = rows.map((r) => [...r]);
  for (const [r, c, v] of cells) {
    while (out.length <= r) out.push([]);
    while (out[r].length < c) out[r].push(null);
    out[r][c] = v;
  }
  return out;
}

function metricOf(g: Grid): MetricRow {
  const t = readBlocks(g, {});
  expect(t).toHaveLength(1);
  expect(t[0].metrics).toHaveLength(1);
  return t[0].metrics[0];
}

const hintOf = (g: Grid) => metricOf(g).thresholdHint ?? null;

describe("status words", () => {
  test.each([
    ["Red", "red"],
    ["RED", "red"],
    ["Critical", "red"],
    ["Off track", "red"],
    ["Rouge", "red"],
    ["Rojo", "red"],
    ["Amber", "amber"],
    ["Yellow", "amber"],
    ["Warning", "amber"],
    ["At risk", "amber"],
    ["Green", "green"],
    ["OK", "green"],
    ["On track", "green"],
    ["Vert", "green"],
    ["RAG: Red", "red"],
  ])("'%s' is %s", (w, s) => expect(statusWord(w)).toBe(s));
  test.each(["Redemption", "Status", "Owner", "Reddit", "Greenfield", "y"])("'%s' is none", (w) =>
    expect(statusWord(w)).toBeNull(),
  );
});

describe("readCondition", () => {
  test("levels, ranges and bare values, in the metric's stored units", () => {
    expect(readCondition("< 80%", "percent-fraction")).toEqual({
      kind: "level",
      direction: "below",
      inclusive: false,
      value: 0.8,
    });
    expect(readCondition(">= 95%", "percent-points")).toMatchObject({ kind: "level", direction: "above", value: 95 });
    expect(readCondition("below 40 days", "number")).toMatchObject({ kind: "level", direction: "below", value: 40 });
    expect(readCondition("80% - 90%", "percent-fraction")).toEqual({ kind: "range", low: 0.8, high: 0.9 });
    expect(readCondition("80-90%", "percent-fraction")).toEqual({ kind: "range", low: 0.8, high: 0.9 });
    expect(readCondition("between 5 and 10", "number")).toEqual({ kind: "range", low: 5, high: 10 });
    expect(readCondition("0.8", "percent-fraction")).toEqual({ kind: "value", value: 0.8 });
    expect(readCondition("meets target", "number")).toBeNull();
  });
});

describe("bands beside a block become its threshold hint", () => {
  test("one cell: 'Red < 80%' beside the block", () => {
    const g = sheetOf(put(block(), [[0, 3, "Red < 80%"]]));
    expect(hintOf(g)).toMatchObject({ text: "< 80%", direction: "below" });
    expect(hintOf(g)!.why).toContain("D1");
  });

  test.each([
    ["Red: below 80%", "< 80%"],
    ["Red (< 80%)", "< 80%"],
    ["RED <= 0.8", "<= 80%"],
    ["< 80% = Red", "< 80%"],
    ["Critical: < 80%", "< 80%"],
    ["Rouge < 80 %", "< 80%"],
    ["Off track: under 80%", "< 80%"],
  ])("one cell: '%s' gives %s", (text, hint) => {
    const g = sheetOf(put(block(), [[0, 3, text]]));
    expect(hintOf(g)?.text).toBe(hint);
  });

  test("a column of Green / Amber / Red with their conditions right of them", () => {
    const g = sheetOf(
      put(block(), [
        [0, 3, "Green"],
        [0, 4, ">= 95%"],
        [1, 3, "Amber"],
        [1, 4, "90% - 95%"],
        [2, 3, "Red"],
        [2, 4, "< 90%"],
      ]),
    );
    expect(hintOf(g)).toMatchObject({ text: "< 90%", direction: "below" });
  });

  test("a column of bands as ranges: the red range's side comes from the green one", () => {
    const g = sheetOf(
      put(block(), [
        [0, 3, "Green"],
        [0, 4, "95% - 100%"],
        [1, 3, "Amber"],
        [1, 4, "90% - 95%"],
        [2, 3, "Red"],
        [2, 4, "0% - 90%"],
      ]),
    );
    expect(hintOf(g)?.text).toBe("< 90%");
  });

  test("a row of R / A / G words with their conditions under them", () => {
    const g = sheetOf(
      put(block(), [
        [0, 3, "R"],
        [0, 4, "A"],
        [0, 5, "G"],
        [1, 3, "< 85%"],
        [1, 4, "85-95%"],
        [1, 5, "> 95%"],
      ]),
    );
    expect(hintOf(g)?.text).toBe("< 85%");
  });

  test("a row of Critical / Warning / OK with bare numbers under them: the side comes from OK", () => {
    const rows = put(block([], [4, 6], "0"), [
      [0, 3, "OK"],
      [0, 4, "Warning"],
      [0, 5, "Critical"],
      [1, 3, 2],
      [1, 4, 5],
      [1, 5, 10],
    ]);
    const g = sheetOf(rows, "0");
    // Lead time in days: OK at 2, critical at 10: reaching 10 is red.
    expect(hintOf(g)).toMatchObject({ text: ">= 10", direction: "above" });
  });

  test("numbers the sheet shows as percents next to a percent metric", () => {
    const rows = put(block(), [
      [0, 3, "Green"],
      [0, 4, 0.95],
      [1, 3, "Red"],
      [1, 4, 0.8],
    ]);
    const formats: (string | null)[][] = rows.map((_, i) => (i >= 4 && i <= 5 ? [null, "0%"] : []));
    formats[0] = [null, null, null, null, "0%"];
    formats[1] = [null, null, null, null, "0%"];
    const g = grid(rows, { sheetName: "Delivery", numberFormats: formats });
    expect(hintOf(g)?.text).toBe("<= 80%");
  });

  test("in percent points when the actuals are points (a '%' header, values like 91)", () => {
    const rows = put(
      [["KPI", "On-time delivery"], ["Owner", "Dana Lee"], [], ["Month", "Actual %"], ["Jan", 91], ["Feb", 88]],
      [[0, 3, "Red < 80%"]],
    );
    const g = grid(rows, { sheetName: "Delivery" });
    const m = metricOf(g);
    expect(m.unit).toBe("percent-points");
    expect(m.thresholdHint?.text).toBe("< 80%");
  });

  test("without % on a plain number metric", () => {
    const g = sheetOf(put(block([], [12, 15], "0"), [[1, 3, "Red > 20 days"]]), "0");
    expect(hintOf(g)).toMatchObject({ text: "> 20", direction: "above" });
  });

  test("a 'Status Definitions' table of bounds with no status words: the last row is red (the glidepath shape)", () => {
    const rows = put(block(), [
      [0, 3, "Status Definitions"],
      [0, 4, "UpperBound"],
      [0, 6, "LowerBound"],
      [1, 4, 1],
      [1, 5, "=< YTD <"],
      [1, 6, 0.9],
      [2, 4, 0.9],
      [2, 5, "=< YTD <"],
      [2, 6, 0.85],
      [3, 4, 0.85],
      [3, 5, "=< YTD <"],
      [3, 6, 0],
    ]);
    const g = sheetOf(rows);
    expect(hintOf(g)).toMatchObject({ text: "< 85%", direction: "below" });
    expect(hintOf(g)!.why).toContain("'Status Definitions'");
  });

  test("bounds that do not meet, or one row only, are no bands", () => {
    const gap = put(block(), [
      [0, 3, "Status Definitions"],
      [1, 4, 1],
      [1, 6, 0.9],
      [2, 4, 0.7],
      [2, 6, 0.5],
    ]);
    expect(hintOf(sheetOf(gap))).toBeNull();
    const one = put(block(), [
      [0, 3, "Status Definitions"],
      [1, 4, 1],
      [1, 6, 0.9],
    ]);
    expect(hintOf(sheetOf(one))).toBeNull();
  });

  test("no hint: no red band, a red band with no side, bands that disagree, words with no number", () => {
    expect(hintOf(sheetOf(put(block(), [[0, 3, "Green >= 95%"]])))).toBeNull();
    expect(
      hintOf(
        sheetOf(
          put(block(), [
            [0, 3, "Red"],
            [0, 4, 0.8],
          ]),
        ),
      ),
    ).toBeNull();
    expect(
      hintOf(
        sheetOf(
          put(block(), [
            [0, 3, "Red < 80%"],
            [1, 3, "Red < 70%"],
          ]),
        ),
      ),
    ).toBeNull();
    expect(hintOf(sheetOf(put(block(), [[0, 3, "Red: falls below the threshold value"]])))).toBeNull();
    expect(hintOf(sheetOf(block()))).toBeNull();
  });

  test("a Status column in the series (Red / Green per month) is no band", () => {
    const rows: CellValue[][] = [
      ["KPI", "On-time delivery"],
      ["Owner", "Dana Lee"],
      [],
      ["Month", "Status", "Actual"],
      ["Jan", "Green", 0.91],
      ["Feb", "Red", 0.78],
    ];
    const g = grid(rows, { sheetName: "Delivery" });
    expect(hintOf(g)).toBeNull();
  });

  test("two blocks: each takes the bands nearest to it", () => {
    const rows: CellValue[][] = [
      ["KPI", "Churn", null, "Red > 3%"],
      ["Owner", "Dana Lee"],
      ["Month", "Actual"],
      ["Jan", 0.02],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      ["KPI", "NPS", null, "Red < 30"],
      ["Owner", "Sam Ortiz"],
      ["Month", "Actual"],
      ["Jan", 41],
    ];
    const formats: (string | null)[][] = [];
    formats[3] = [null, "0.0%"];
    const t = readBlocks(grid(rows, { numberFormats: formats }), {})[0];
    expect(t.metrics.map((m) => [m.name, m.thresholdHint?.text])).toEqual([
      ["Churn", "> 3%"],
      ["NPS", "< 30"],
    ]);
  });
});

describe("the audit offers the hint and never takes it as the answer", () => {
  const g = () => sheetOf(put(block(), [[0, 3, "Red < 80%"]]));

  test("the threshold-missing message gives the band as the example; the direction is the sheet's", () => {
    const d = decide({ grid: g() });
    if (!d.ok) throw new Error(d.message);
    const m = d.audit.metrics[0];
    expect(m.threshold).toBeNull();
    expect(m.reasons.map((r) => r.code)).toContain("threshold-missing");
    const msg = m.reasons.find((r) => r.code === "threshold-missing")!.message;
    expect(msg).toContain("e.g. < 80%, from the sheet's red band 'Red < 80%' (D1)");
    expect(m.direction).toEqual({ direction: "below", source: "sheet" });
    expect(m.thresholdHint?.text).toBe("< 80%");
    // Nothing is written into the Threshold slot but the label.
    if (!d.plan?.ok) throw new Error("no plan");
    const slot = d.plan.plan.columns.find((c) => c.kind === "threshold")!;
    const written = d.plan.plan.cells.filter((c) => c.col === slot.col && c.value === "< 80%");
    expect(written).toEqual([]);
  });

  test("the pane's suggestions start with it", () => {
    const d = decide({ grid: g() });
    if (!d.ok) throw new Error(d.message);
    const s = suggestThresholds(g(), d.table, d.audit.metrics[0]);
    expect(s[0]).toEqual({ text: "< 80%", why: "From the sheet's red band 'Red < 80%' (D1)." });
  });

  test("a bare answer takes its direction from the band: '80%' trips below", () => {
    const d = decide({ grid: g(), answers: new Map([["on-time delivery", { threshold: "80%" }]]) });
    if (!d.ok) throw new Error(d.message);
    const m = d.audit.metrics[0];
    expect(m.threshold).toMatchObject({ direction: "below", value: 0.8 });
  });
});

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const GLIDEPATH = path.join(CORPUS, "kpi_glidepath_single_kpi_monthly_target_vs_actual.xlsx");
const haveCorpus = fs.existsSync(GLIDEPATH);
if (!haveCorpus) console.warn(`layouts-blocks-bands: glidepath skipped (no corpus at ${CORPUS})`);

(haveCorpus ? describe : describe.skip)("the glidepath workbook's status bands", () => {
  // Read from the sheets: L20:N22 hold the upper / lower bounds of three bands, and L17's
  // formula names them Green, Yellow, Red from the top; the red band is the last row.
  test.each([
    ["Percentage (eg Compliance)", "< 85%", "'YTD Status Definitions'"],
    ["Average (eg UPH)", "< 7", "'Status Definitions'"],
    ["Numbers (eg Testing)", "< 700", "'Status Definitions'"],
  ])("%s: the red band's edge is offered as the threshold (%s)", async (sheet, hint, title) => {
    // Written to a temporary folder: never beside the corpus file.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dm-bands-")), "out.xlsx");
    const run = await runCli(["audit", GLIDEPATH, "--sheet", sheet, "--json", "--out", out]);
    expect(run.stderr).toBe("");
    const m = JSON.parse(run.stdout).metrics[0];
    expect(m.threshold).toBeNull();
    expect(m.direction).toEqual({ value: "below", source: "sheet" });
    const msg: string = m.messages.find((x: string) => x.startsWith("No threshold"));
    expect(msg).toContain(`e.g. ${hint}, from the last of the sheet's status bands under ${title} (L22:N22)`);
    // The JSON names the hint as a field of its own, too.
    expect(m.thresholdHint).toMatchObject({ text: hint, direction: "below" });
    expect(m.thresholdHint.why).toContain(title);
  });
});

/**
 * Status bands beside a KPI block ("Red < 80%", a Green / Amber / Red column or row with its
 * conditions, "Critical: > 10 days", a "Status Definitions" table of upper and lower bounds)
 * read into a threshold hint: where the red band starts, in the metric's own units, with the
 * direction it trips in. A hint is offered, never written as the person's answer.
 *
 * Shapes read:
 * - One cell: a status word and its condition ("Red < 80%", "Red: below 80%", "< 80% = Red").
 * - A status word alone, its condition in the cells right of it ("Red" | "< 80%", "Red" | 0.8,
 *   "Red" | 0 | "to" | 0.85), or, when right of it stands another status word (the words across
 *   a row), in the cell under it.
 * - A "Status Definitions" (or "RAG bands", "Status thresholds") title with rows of two bounds
 *   and no status words: the rows run from best to worst, as a traffic light reads top down,
 *   so the last row is the red band.
 *
 * Judgement calls:
 * - A red band given as a bare number or a range says which way is bad only next to another
 *   band: "Red 0.8" under "Green 0.95" trips below 80%. Alone it gives no hint.
 * - Several red bands that disagree give no hint: the sheet does not say which one holds.
 */
import {
  cellAddress,
  cellAt,
  cellText,
  isEmptyValue,
  numberFormatAt,
  type CellRange,
  type Grid,
  mergeAt,
} from "../grid";
import { normalizeHeader } from "../headers";
import { formatThresholdValue, parseThreshold } from "../threshold";
import type { CellRef, Direction, ThresholdHint, ValueUnit } from "../types";

export type BandStatus = "red" | "amber" | "green";

/** Words (normalized) for each status, in the languages the readers know. */
const STATUS_WORDS: Record<BandStatus, readonly string[]> = {
  red: [
    "red",
    "r",
    "critical",
    "off track",
    "off-track",
    "alert",
    "emergency",
    "rouge",
    "critique",
    "rojo",
    "crítico",
    "critico",
    "vermelho",
    "rot",
    "kritisch",
    "rosso",
    "rood",
    "merah",
    "kritis",
  ],
  amber: [
    "amber",
    "a",
    "yellow",
    "orange",
    "warning",
    "at risk",
    "at-risk",
    "watch",
    "jaune",
    "amarillo",
    "amarelo",
    "gelb",
    "giallo",
    "geel",
    "kuning",
  ],
  green: ["green", "g", "ok", "on track", "on-track", "good", "vert", "verde", "grün", "gruen", "groen", "hijau"],
};

const STATUS_OF = new Map<string, BandStatus>();
for (const [status, list] of Object.entries(STATUS_WORDS) as [BandStatus, readonly string[]][])
  for (const w of list) STATUS_OF.set(w, status);

/** Multi-letter status words, for a status word inside a cell's text ("Red < 80%"). */
const STATUS_PATTERN = [...STATUS_OF.keys()]
  .filter((w) => w.length > 1)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[-]/g, "[- ]"))
  .join("|");
const LEADING = new RegExp(
  `^(?:(?:rag|status|band)\\s*[:\\-]?\\s*)?(${STATUS_PATTERN})(?![\\p{L}\\p{N}])(?:\\s+(?:status|band|zone|if|when))?\\s*[:=\\-–(]?\\s*(.*\\d.*?)\\)?$`,
  "iu",
);
const TRAILING = new RegExp(`^(.*\\d.*?)\\s*[:=→⇒]+\\s*\\(?(${STATUS_PATTERN})\\)?$`, "iu");

/** A title over bands with no status words ("Status Definitions", "RAG bands"). */
const BANDS_TITLE =
  /^(?:(?:monthly|weekly|ytd|goal|kpi|overall)\s+)?(?:status|rag|traffic[- ]?lights?|band)\s+(?:definitions?|bands?|thresholds?|levels?|rules?|criteria|legend)$/i;

/** What a cell's whole text says as a status word, or null. */
export function statusWord(text: string): BandStatus | null {
  const norm = normalizeHeader(text)
    .replace(/^(?:rag|status)\s*[:-]?\s*/, "")
    .trim();
  return STATUS_OF.get(norm) ?? null;
}

/** A band's condition, in the metric's stored units. */
type Condition =
  | { kind: "level"; direction: Direction; inclusive: boolean; value: number }
  | { kind: "range"; low: number; high: number }
  | { kind: "value"; value: number };

interface Band {
  status: BandStatus | "worst" | "other";
  cell: CellRef;
  /** The cells the band was read from, as the sheet shows them ("Red < 80%", "L22:N22"). */
  shown: string;
  condition: Condition;
}

const NUMBER = /(?<![\p{L}\d.,])(?:[$€£¥₹]\s?)?\d+(?:[.,]\d+)*(?:\s?[kmb](?![\p{L}]))?(?:\s?%)?/giu;

/** A number as written, in the metric's stored units (via the threshold judge, so both agree). */
function stored(token: string, unit: ValueUnit): number | null {
  const t = parseThreshold(`> ${token}`, { name: "", unit });
  return t.threshold?.value ?? null;
}

/** A condition as a person types it: "< 80%", "below 0.8", "80% - 90%", "between 5 and 10 days", "0.8". */
export function readCondition(text: string, unit: ValueUnit): Condition | null {
  const t = text.replace(/[–—]/g, "-").trim();
  if (t === "" || t.length > 80) return null;
  const tokens = [...t.matchAll(NUMBER)].map((m) => m[0].trim());
  if (tokens.length === 0) return null;
  const anyPercent = tokens.some((x) => x.endsWith("%"));
  const asWritten = (x: string) => (anyPercent && !x.endsWith("%") ? `${x}%` : x);
  if (tokens.length >= 2) {
    const a = stored(asWritten(tokens[0]), unit);
    const b = stored(asWritten(tokens[1]), unit);
    if (a === null || b === null) return null;
    return { kind: "range", low: Math.min(a, b), high: Math.max(a, b) };
  }
  const parsed = parseThreshold(t, { name: "", unit });
  if (parsed.threshold !== null && !parsed.threshold.directionFromName)
    return {
      kind: "level",
      direction: parsed.threshold.direction,
      inclusive: parsed.threshold.inclusive,
      value: parsed.threshold.value,
    };
  const v = stored(tokens[0], unit);
  return v === null ? null : { kind: "value", value: v };
}

/** A cell as the sheet shows it, numbers in the metric's units ("85%" for 0.85 on a percent metric). */
function shownText(grid: Grid, row: number, col: number, unit: ValueUnit): string {
  const v = cellAt(grid, row, col);
  if (typeof v === "number") {
    // A number the sheet shows as a percent is a fraction, whatever the metric's unit.
    if (/%/.test(numberFormatAt(grid, row, col) ?? "")) return formatThresholdValue(v, "percent-fraction");
    return formatThresholdValue(v, unit);
  }
  return cellText(v).trim();
}

function filledAt(grid: Grid, row: number, col: number): boolean {
  return !isEmptyValue(cellAt(grid, row, col));
}

/** The text of the filled cells right of a cell, up to the next status word or gap (at most 4). */
function conditionRight(grid: Grid, row: number, col: number, unit: ValueUnit): { text: string; end: number } | null {
  const parts: string[] = [];
  let c = (mergeAt(grid, row, col)?.right ?? col) + 1;
  let end = c;
  for (let n = 0; n < 4; n++) {
    if (!filledAt(grid, row, c)) break;
    const s = shownText(grid, row, c, unit);
    if (statusWord(s) !== null) break;
    parts.push(s);
    end = c;
    c = (mergeAt(grid, row, c)?.right ?? c) + 1;
  }
  return parts.length === 0 ? null : { text: parts.join(" "), end };
}

/** Every status band in rows top..bottom, columns left..right, outside the excluded areas. */
export function findBands(grid: Grid, area: CellRange, unit: ValueUnit, exclude: CellRange[] = []): Band[] {
  const out: Band[] = [];
  const excluded = (row: number, col: number) =>
    exclude.some((r) => r.top <= row && row <= r.bottom && r.left <= col && col <= r.right);
  for (let row = area.top; row <= area.bottom; row++) {
    const r = grid.values[row - grid.origin.row];
    if (!r) continue;
    for (let i = 0; i < r.length; i++) {
      const col = grid.origin.col + i;
      if (col < area.left || col > area.right) continue;
      const v = r[i];
      if (typeof v !== "string" || v.length > 80 || excluded(row, col)) continue;
      const text = v.trim();
      const at = cellAddress(row, col);
      const word = /\d/.test(text) ? null : statusWord(text);
      if (word !== null) {
        const right = conditionRight(grid, row, col, unit);
        let condition: Condition | null = null;
        let shown = "";
        if (right !== null) {
          condition = readCondition(right.text, unit);
          shown = `'${text} ${right.text}' (${at}:${cellAddress(row, right.end)})`;
        } else {
          // Words across a row, their conditions under them.
          const below = (mergeAt(grid, row, col)?.bottom ?? row) + 1;
          if (filledAt(grid, below, col)) {
            const s = shownText(grid, below, col, unit);
            if (statusWord(s) === null) {
              condition = readCondition(s, unit);
              shown = `'${text} ${s}' (${at}:${cellAddress(below, col)})`;
            }
          }
        }
        if (condition !== null) out.push({ status: word, cell: { row, col }, shown, condition });
        continue;
      }
      const lead = LEADING.exec(text) ?? null;
      const trail = lead === null ? TRAILING.exec(text) : null;
      const [wordText, rest] = lead ? [lead[1], lead[2]] : trail ? [trail[2], trail[1]] : [null, null];
      if (wordText === null || rest === null) continue;
      const status = statusWord(wordText);
      const condition = status === null ? null : readCondition(rest, unit);
      if (status !== null && condition !== null)
        out.push({ status, cell: { row, col }, shown: `'${text}' (${at})`, condition });
    }
  }
  out.push(...untitledBands(grid, area, unit, exclude));
  return out;
}

/**
 * Bands under a "Status Definitions" title with no status words: rows of two bounds right of
 * the title, best first. Only the worst one is returned, and only when the rows follow one
 * another (each band's bounds meet the next one's).
 */
function untitledBands(grid: Grid, area: CellRange, unit: ValueUnit, exclude: CellRange[]): Band[] {
  const out: Band[] = [];
  for (let row = area.top; row <= area.bottom; row++) {
    const r = grid.values[row - grid.origin.row];
    if (!r) continue;
    for (let i = 0; i < r.length; i++) {
      const col = grid.origin.col + i;
      const v = r[i];
      if (col < area.left || col > area.right || typeof v !== "string" || !BANDS_TITLE.test(v.trim())) continue;
      if (exclude.some((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right)) continue;
      const left = (mergeAt(grid, row, col)?.right ?? col) + 1;
      const ranges: { low: number; high: number; row: number; right: number }[] = [];
      let worded = false;
      for (let rr = row + 1; rr <= row + 8; rr++) {
        const nums: number[] = [];
        let right = left;
        for (let c = left; c <= left + 6; c++) {
          const x = cellAt(grid, rr, c);
          if (typeof x === "number" && Number.isFinite(x)) {
            nums.push(x);
            right = c;
          } else if (typeof x === "string" && statusWord(x) !== null) worded = true;
        }
        if (nums.length !== 2) break;
        ranges.push({ low: Math.min(...nums), high: Math.max(...nums), row: rr, right });
      }
      if (worded || ranges.length < 2) continue;
      const meets = ranges.every((b, k) => {
        if (k === 0) return true;
        const a = ranges[k - 1];
        const tol = 1e-9 * Math.max(1, Math.abs(a.low), Math.abs(b.high));
        return Math.abs(a.low - b.high) <= tol || Math.abs(a.high - b.low) <= tol;
      });
      if (!meets) continue;
      const first = ranges[0];
      const last = ranges[ranges.length - 1];
      const worst = { row: last.row, col: left };
      out.push({
        status: "worst",
        cell: worst,
        shown: `the last of the sheet's status bands under '${v.trim()}' (${cellAddress(worst.row, worst.col)}:${cellAddress(last.row, last.right)})`,
        condition: { kind: "range", low: last.low, high: last.high },
      });
      // The best band, so the worst one's side is known.
      out.push({
        status: "other",
        cell: { row: first.row, col: left },
        shown: "",
        condition: { kind: "range", low: first.low, high: first.high },
      });
    }
  }
  return out;
}

function midOf(c: Condition): number {
  return c.kind === "range" ? (c.low + c.high) / 2 : c.value;
}

const SIGNS: Record<Direction, [string, string]> = { below: ["<", "<="], above: [">", ">="] };

/**
 * The threshold hint the bands give: where the red (or worst) band starts, and which way it
 * trips; null when there is no red band or it does not say which way is bad.
 */
export function hintFromBands(bands: Band[], unit: ValueUnit): ThresholdHint | null {
  const reds = bands.filter((b) => b.status === "red" || b.status === "worst");
  if (reds.length === 0) return null;
  const others = bands.filter((b) => b.status !== "red" && b.status !== "worst");
  const hints: ThresholdHint[] = [];
  for (const red of reds) {
    const c = red.condition;
    let direction: Direction | null = null;
    let value = 0;
    let inclusive = false;
    if (c.kind === "level") {
      ({ direction, value, inclusive } = c);
    } else {
      // The side the better bands are on.
      const mine = others.filter((o) => (red.status === "worst" ? o.status === "other" : true));
      const ref = mine.length > 0 ? midOf(mine[0].condition) : null;
      if (ref === null) continue;
      if (c.kind === "range") {
        if (ref >= c.high) [direction, value] = ["below", c.high];
        else if (ref <= c.low) [direction, value] = ["above", c.low];
      } else if (ref > c.value) [direction, value] = ["below", c.value];
      else if (ref < c.value) [direction, value] = ["above", c.value];
      // A bare number is the band's edge: reaching it is already red.
      inclusive = c.kind === "value";
    }
    if (direction === null) continue;
    const text = `${SIGNS[direction][inclusive ? 1 : 0]} ${formatThresholdValue(value, unit)}`;
    const why = red.status === "worst" ? red.shown : `the sheet's red band ${red.shown}`;
    hints.push({ text, direction, why, cell: red.cell });
  }
  if (hints.length === 0) return null;
  // Red bands that disagree say nothing for sure.
  if (hints.some((h) => h.text !== hints[0].text)) return null;
  return hints[0];
}

/**
 * The Threshold judge: the number at which a metric is an emergency, with its direction,
 * read as people type it ("> 3%", "below 40", "red if >= $10k", "(5%)") and converted to the
 * metric's own stored units.
 */
import { memoize } from "./memo";
import {
  COMPARATOR_SYMBOLS,
  COMPARATOR_WORDS,
  EMERGENCY_MARKERS,
  MAGNITUDE_SUFFIXES,
  PERCENT_WORDS,
  RANGE_WORDS,
  RELATIVE_CHANGE_PREFIXES,
  RELATIVE_CHANGE_WORDS,
  RELATIVE_CONNECTORS,
  RELATIVE_REFERENCES,
  THRESHOLD_MAX_CHARS,
  TRAILING_COMPARATOR_WORDS,
  VAGUE_THRESHOLD_WORDS,
  characterCount,
  findAny,
  metricDirection,
  quoteAnswer,
  words,
  type ComparatorWord,
  alternation,
  escapeRegExp,
} from "./lexicon";
import type { Direction, ReasonCode, Threshold, ThresholdVerdict, ValueUnit } from "./types";

/** A phrase on word boundaries when it starts or ends with a letter ("over", not "turnover"). */
function bounded(phrase: string): string {
  const body = escapeRegExp(phrase).replace(/ /g, "\\s+");
  const before = /^\p{L}/u.test(phrase) ? "(?<![\\p{L}\\p{N}])" : "";
  const after = /\p{L}$/u.test(phrase) ? "(?![\\p{L}\\p{N}])" : "";
  return `${before}${body}${after}`;
}

interface NumberToken {
  start: number;
  end: number;
  /** The number as written, sign and magnitude applied, percent not yet converted. */
  value: number;
  percent: boolean;
}

let numberPattern: RegExp | null = null;

/**
 * Numbers as people type them: "3%", "3 %", "$500", "$10k", "1.2M", "€40,000", "(5%)",
 * "-5%", "0.03", "1,234.5", "40bn", "3x". A comma followed by one or two digits is a decimal
 * comma ("3,5%" is 3.5%); followed by three it groups thousands.
 */
function numbers(text: string): NumberToken[] {
  if (numberPattern === null) {
    const mags = alternation([...Object.keys(MAGNITUDE_SUFFIXES), "x"]);
    const pcts = alternation(PERCENT_WORDS);
    numberPattern = new RegExp(
      String.raw`(?<open>\(\s*)?(?<sign1>[-+]\s?)?(?<cur>[$€£¥₹]\s?)?(?<sign2>[-+])?` +
        String.raw`(?<![\p{L}\p{N}.,])(?<digits>\d+,\d{1,2}(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)` +
        String.raw`(?:\s?(?<mag>${mags}))?(?![\p{L}\p{N}])(?:\s?(?<pct>${pcts}))?(?![\p{L}])(?<close>\s*\))?`,
      "giu",
    );
  }
  const out: NumberToken[] = [];
  for (const m of text.matchAll(numberPattern)) {
    const g = m.groups ?? {};
    const digits = g.digits ?? "";
    const plain = /^\d+,\d{1,2}$/.test(digits) ? digits.replace(",", ".") : digits.replace(/,/g, "");
    let value = Number(plain);
    if (!Number.isFinite(value)) continue;
    const mag = (g.mag ?? "").toLowerCase();
    if (mag !== "" && mag !== "x") value *= MAGNITUDE_SUFFIXES[mag] ?? 1;
    const negative =
      (g.sign1 ?? "").trim() === "-" || g.sign2 === "-" || (g.open !== undefined && g.close !== undefined);
    if (negative) value = -value;
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, value, percent: g.pct !== undefined });
  }
  return out;
}

const phraseRegExps = new Map<string, RegExp>();

/** The compiled pattern for a phrase, built once ("giu"; matchAll and exec restart it). */
function phraseRegExp(source: string): RegExp {
  let re = phraseRegExps.get(source);
  if (re === undefined) {
    re = new RegExp(source, "giu");
    phraseRegExps.set(source, re);
  }
  re.lastIndex = 0;
  return re;
}

interface Found {
  comparator: ComparatorWord;
  end: number;
  length: number;
}

/** The comparator closest before the number ("red if > 3%"); at the same end the longest wins. */
function comparatorBefore(prefix: string): ComparatorWord | null {
  let best: Found | null = null;
  for (const c of [...COMPARATOR_SYMBOLS, ...COMPARATOR_WORDS]) {
    for (const m of prefix.matchAll(phraseRegExp(bounded(c.phrase)))) {
      const end = (m.index ?? 0) + m[0].length;
      const found = { comparator: c, end, length: m[0].length };
      if (best === null || end > best.end || (end === best.end && found.length > best.length)) best = found;
    }
  }
  return best?.comparator ?? null;
}

/** A comparator right after the number ("3% or more", "40 or less", "5%+"). */
function comparatorAfter(suffix: string): ComparatorWord | null {
  let best: Found | null = null;
  for (const c of TRAILING_COMPARATOR_WORDS) {
    const m = phraseRegExp(`^\\s*${bounded(c.phrase)}`).exec(suffix);
    if (m !== null && (best === null || m[0].length > best.length))
      best = { comparator: c, end: 0, length: m[0].length };
  }
  return best?.comparator ?? null;
}

/** The part of the answer after the last emergency marker followed by a number ("amber > 2%, red > 3%"). */
function emergencySegment(text: string, nums: readonly NumberToken[]): number {
  let from = 0;
  for (const marker of EMERGENCY_MARKERS) {
    for (const m of text.matchAll(phraseRegExp(bounded(marker)))) {
      const end = (m.index ?? 0) + m[0].length;
      if (end > from && nums.some((n) => n.start >= end)) from = end;
    }
  }
  return from;
}

/** Why a number is no trigger: a range ("between 2% and 3%") or relative ("10% below target"). */
function notALevel(text: string, nums: readonly NumberToken[], chosen: NumberToken): "range" | "relative" | null {
  const ws = words(text);
  const after = text.slice(chosen.end);
  if (/^\s*(?:-|–|—|to|and)\s*[-+]?[$€£¥₹]?\s?\d/iu.test(after)) return "range";
  if (nums.length >= 2 && findAny(ws, RANGE_WORDS).length > 0) return "range";

  const next = words(after).slice(0, 4);
  if (next.length > 0 && RELATIVE_CHANGE_WORDS.includes(next[0])) return "relative";
  for (let i = 0; i < next.length; i++) {
    const rest = next.slice(i);
    if (
      i > 0 &&
      RELATIVE_CONNECTORS.includes(next[i - 1]) &&
      findAny(rest, RELATIVE_REFERENCES).some((m) => m.start === 0)
    ) {
      return "relative";
    }
  }
  const before = words(text.slice(0, chosen.start));
  const last = before.slice(-2);
  if (RELATIVE_CHANGE_PREFIXES.some((p) => findAny(last, [p]).some((m) => m.end === last.length))) return "relative";
  return null;
}

/** Two significant figures: 227,100 → 230,000; 0.034 → 0.034; 27,700 → 28,000. */
function roundish(n: number): number {
  if (n === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(n))) - 1);
  return clean(Math.round(n / magnitude) * magnitude);
}

/**
 * An example answer for the message: near the metric's current value when it has one (so it
 * reads in the metric's own scale: "< 28,000" for a sales velocity), else a generic one.
 */
function exampleFor(unit: ValueUnit, direction: Direction | null, current?: number | null): string {
  const sign = direction === "below" ? "<" : ">";
  if (current !== undefined && current !== null && Number.isFinite(current) && current !== 0) {
    const value = formatThresholdValue(roundish(current), unit);
    // When the name does not say which way is bad, show both ways: the person picks.
    return direction === null ? `> ${value} or < ${value}` : `${sign} ${value}`;
  }
  return unit === "number" ? `${sign} ${direction === "below" ? "40" : "500"}` : `${sign} 3%`;
}

/** Rounds away binary noise from unit conversion (3.4 / 100 → 0.034, not 0.034000000000000002). */
function clean(n: number): number {
  return Number(n.toPrecision(12));
}

/**
 * The trigger in the metric's stored units.
 * - "3%" is 0.03 on a percent-formatted metric ("percent-fraction"), 3 on a "Churn %" column
 *   holding 3 ("percent-points"), and 0.03 on a plain number (percent: true says how it was typed).
 * - A bare number on a percent-formatted metric: above 1 (in size) it is read as points, since
 *   "3" for churn stored as 0.03 means 3%; 1 or less is already a fraction ("0.03"). The cost:
 *   an NRR trigger typed bare as "1.05" reads 1.05%; "105%" or "> 1.05" with % says it plainly.
 */
function toStoredUnits(n: NumberToken, unit: ValueUnit): number {
  if (n.percent) return unit === "percent-points" ? n.value : clean(n.value / 100);
  if (unit === "percent-fraction" && Math.abs(n.value) > 1) return clean(n.value / 100);
  return n.value;
}

/** What an answer says, before the metric is known: read once per distinct answer. */
type Reading =
  | { kind: "missing" }
  | { kind: "too-long" }
  | { kind: "no-number"; judged: boolean }
  | { kind: "range" }
  | { kind: "relative" }
  | { kind: "level"; stated: ComparatorWord | null; chosen: NumberToken };

const readAnswer = memoize((text: string): Reading => {
  if (text === "") return { kind: "missing" };
  // One comparator and one number fit many times over in this; any longer text gets the same
  // verdict whatever it says, so the rest is not read.
  if (text.length > THRESHOLD_MAX_CHARS) return { kind: "too-long" };
  const norm = text.normalize("NFKC").replace(/\u2212/g, "-");
  const nums = numbers(norm);
  if (nums.length === 0) return { kind: "no-number", judged: findAny(words(norm), VAGUE_THRESHOLD_WORDS).length > 0 };
  const from = emergencySegment(norm, nums);
  const chosen = nums.find((n) => n.start >= from) ?? nums[0];
  const problem = notALevel(norm, nums, chosen);
  if (problem !== null) return { kind: problem };
  const stated = comparatorBefore(norm.slice(from, chosen.start)) ?? comparatorAfter(norm.slice(chosen.end));
  return { kind: "level", stated, chosen };
});

/** What a metric needs known for its threshold to be read and explained. */
export interface ThresholdSubject {
  name: string;
  unit: ValueUnit;
  /** Only shapes the example in messages. */
  current?: number | null;
  /** The direction the sheet states for the metric; it wins over the name's. */
  direction?: Direction;
  /** A threshold the sheet suggests (its red status band): the example in messages. */
  hint?: { text: string; why: string };
}

/** Why an answer gives no trigger, before it is put into words. */
export type ThresholdProblem =
  "missing" | "no-number" | "vague-word" | "too-long" | "range" | "relative" | "no-direction";

/** The reason code each problem is reported under. */
export const THRESHOLD_PROBLEM_CODES: Readonly<Record<ThresholdProblem, ReasonCode>> = {
  missing: "threshold-missing",
  "no-number": "threshold-vague",
  "vague-word": "threshold-vague",
  "too-long": "threshold-vague",
  range: "threshold-vague",
  relative: "threshold-vague",
  "no-direction": "threshold-direction-unknown",
};

/**
 * The shared, frozen Threshold of one reading in one unit and direction: a sheet of 100,000
 * metrics has a few hundred distinct answers, and a Threshold holds nothing of the metric's own.
 */
const sharedThresholds = new WeakMap<Reading, Map<string, Threshold>>();

function sharedThreshold(
  reading: Reading & { kind: "level" },
  text: string,
  unit: ValueUnit,
  fromName: Direction | null,
): Threshold {
  let byKey = sharedThresholds.get(reading);
  if (byKey === undefined) {
    byKey = new Map();
    sharedThresholds.set(reading, byKey);
  }
  const key = fromName === null ? unit : fromName === "above" ? `${unit}>` : `${unit}<`;
  let threshold = byKey.get(key);
  if (threshold === undefined) {
    const { stated, chosen } = reading;
    // A bare number is the emergency itself: reaching it already trips ("3%" for churn is >= 3%).
    const comparator = stated ?? { direction: fromName as Direction, inclusive: true };
    threshold = Object.freeze({
      direction: comparator.direction,
      inclusive: comparator.inclusive,
      value: toStoredUnits(chosen, unit),
      percent: chosen.percent,
      text,
      directionFromName: stated === null,
    });
    byKey.set(key, threshold);
  }
  return threshold;
}

/**
 * Reads a Threshold answer for one metric: the trigger (shared between metrics that read alike;
 * never to be changed), or the problem that stops it. No message is built: `thresholdMessage`
 * says it when someone reads it.
 */
export function judgeThreshold(answer: string, metric: ThresholdSubject): Threshold | ThresholdProblem {
  const text = answer.trim();
  const reading = readAnswer(text);
  switch (reading.kind) {
    case "missing":
    case "too-long":
    case "range":
    case "relative":
      return reading.kind;
    case "no-number":
      return reading.judged ? "no-number" : "vague-word";
  }
  const fromName = reading.stated === null ? (metric.direction ?? metricDirection(metric.name)) : null;
  if (reading.stated === null && fromName === null) return "no-direction";
  return sharedThreshold(reading, text, metric.unit, fromName);
}

/** The one line that says why an answer gives no trigger, with an example in the metric's scale. */
export function thresholdMessage(problem: ThresholdProblem, answer: string, metric: ThresholdSubject): string {
  const text = answer.trim();
  const example = () =>
    metric.hint
      ? `${metric.hint.text}, from ${metric.hint.why}`
      : exampleFor(metric.unit, metric.direction ?? metricDirection(metric.name), metric.current);
  const q = `'${quoteAnswer(text)}'`;
  switch (problem) {
    case "missing":
      return `No threshold for '${quoteAnswer(metric.name)}': give the number at which it is an emergency, e.g. ${example()}.`;
    case "no-number":
    case "vague-word":
      return `${q} ${problem === "no-number" ? "has no number" : "is not a number"}: give the value at which it is an emergency, e.g. ${example()}.`;
    case "too-long":
      return `${q} is ${characterCount(text)} long; a threshold fits in ${THRESHOLD_MAX_CHARS}, so no more is read: give the one value at which it is an emergency, e.g. ${example()}.`;
    case "range":
      return `${q} is a range: give the one value at which it is an emergency, e.g. ${example()}.`;
    case "relative":
      return `${q} is relative, not a level: give the value itself, e.g. ${example()}.`;
    case "no-direction":
      return `${q} has no direction for '${quoteAnswer(metric.name)}': add > or <.`;
  }
}

/** Reads a Threshold answer for one metric: a number with a direction, or why not, in words. */
export function parseThreshold(answer: string, metric: ThresholdSubject): ThresholdVerdict {
  const judged = judgeThreshold(answer, metric);
  if (typeof judged !== "string") return { threshold: judged, reasons: [] };
  return {
    threshold: null,
    reasons: [{ code: THRESHOLD_PROBLEM_CODES[judged], message: thresholdMessage(judged, answer, metric) }],
  };
}

/** Whether `current` is past the threshold; values equal within float noise count as equal. */
export function isBreached(threshold: Threshold, current: number): boolean {
  if (!Number.isFinite(current)) return false;
  const tolerance = 1e-9 * Math.max(1, Math.abs(threshold.value));
  const diff = current - threshold.value;
  if (Math.abs(diff) <= tolerance) return threshold.inclusive;
  return threshold.direction === "above" ? diff > 0 : diff < 0;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A number as a person reads it: thousands grouped, at most `decimals` decimals, no trailing zeros. */
function plainNumber(n: number, decimals: number): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac = ""] = fixed.split(".");
  const trimmed = frac.replace(/0+$/, "");
  const body = groupThousands(int) + (trimmed === "" ? "" : `.${trimmed}`);
  return n < 0 && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * A threshold or current value in the metric's units: 0.03 on a percent-fraction metric is
 * "3%", 3 on a percent-points metric is "3%", 500 is "500", 12500 is "12,500".
 */
export function formatThresholdValue(value: number, unit: ValueUnit): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === "percent-fraction") return `${plainNumber(clean(value * 100), 2)}%`;
  if (unit === "percent-points") return `${plainNumber(value, 2)}%`;
  return plainNumber(value, Math.abs(value) >= 1 || value === 0 ? 2 : 4);
}

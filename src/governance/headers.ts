/**
 * The header vocabulary of KPI sheets, as data: the words people put above governance,
 * reference, current-value, period and total columns, and the cheap classifiers detection
 * runs once per header cell (never per body cell).
 *
 * Matching is case-insensitive and ignores surrounding spaces, underscores, trailing colons
 * and bracketed units ("Actual ($M)" reads as "actual", "Threshold (red if)" as "threshold").
 */
import type { CellValue } from "./grid";
import type { GovernanceKind } from "./types";

/** Headers of existing governance columns; the first of each list is what plan.ts writes. */
export const GOVERNANCE_SYNONYMS: Readonly<Record<GovernanceKind, readonly string[]>> = {
  owner: [
    "owner",
    "dri",
    "accountable",
    "responsible",
    "accountable owner",
    "metric owner",
    "kpi owner",
    "directly responsible individual",
  ],
  threshold: [
    "threshold",
    "trigger",
    "red if",
    "alert at",
    "alert threshold",
    "red threshold",
    "trigger point",
    "tripwire",
  ],
  lever: [
    "lever",
    "authority",
    "decision right",
    "decision rights",
    "pre-approved action",
    "preapproved action",
    "pre approved action",
    "action authority",
  ],
  governance: ["governance", "governance status", "decision map"],
};

/** Words that make a column a reference (known, never the current value). */
export const REFERENCE_WORDS: readonly string[] = [
  "target",
  "targets",
  "tgt",
  "plan",
  "budget",
  "bud",
  "bgt",
  "forecast",
  "fcst",
  "fc",
  "goal",
  "goals",
  "variance",
  "var",
  "vs",
  "py",
  "ly",
  "prior year",
  "previous year",
  "last year",
  "prior period",
  "benchmark",
  "baseline",
  "δ",
  "Δ",
  "delta",
  "diff",
  "difference",
  "change",
  "gap",
  "objective",
  "quota",
];

/** Words that designate the current-value column ("Actual", "Current"). Strong beats weak. */
export const CURRENT_WORDS_STRONG: readonly string[] = [
  "actual",
  "actuals",
  "act",
  "current",
  "current value",
  "value",
  "latest",
  "this month",
  "this period",
  "result",
  "mtd",
];
/** Cumulative value columns: values, but only current when nothing stronger exists. */
export const CURRENT_WORDS_WEAK: readonly string[] = ["ytd", "qtd", "year to date", "to date"];

/** Row labels (and header words) that mark a total row or column. */
export const TOTAL_WORDS: readonly string[] = [
  "total",
  "totals",
  "grand total",
  "sub total",
  "subtotal",
  "sum",
  "average",
  "avg",
  "mean",
  "overall",
  "total general",
  "suma total",
];

/** Headers of the column holding metric names. */
export const LABEL_HEADER_WORDS: readonly string[] = [
  "metric",
  "metrics",
  "metric name",
  "kpi",
  "kpis",
  "kpi name",
  "measure",
  "measures",
  "indicator",
  "indicators",
  "key performance indicator",
  "name",
  "item",
  "line item",
  "description",
];

/** Headers of a time axis column: the periods run down the rows under them. */
export const AXIS_HEADER_WORDS: readonly string[] = [
  "month",
  "months",
  "date",
  "dates",
  "period",
  "week",
  "weeks",
  "day",
  "quarter",
  "year",
  "sprint",
  "sprints",
  "time",
  "reporting month",
  "reporting period",
  "sr no",
  "no",
  "#",
  "index",
];

export const MONTH_NAMES: readonly string[] = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** Row labels that start a note rather than a metric. */
export const NOTE_PREFIXES: readonly string[] = [
  "source:",
  "sources:",
  "source -",
  "note:",
  "notes:",
  "nb:",
  "n.b.",
  "*",
  "†",
  "prepared by",
  "last updated",
  "updated:",
  "data as of",
  "as of ",
];

export type HeaderKind =
  | "blank"
  | "owner"
  | "threshold"
  | "lever"
  | "governance"
  | "reference"
  | "current"
  | "current-weak"
  | "period"
  | "total"
  | "label"
  | "axis"
  | "other";

export interface HeaderClass {
  kind: HeaderKind;
  /** The header as a person reads it (trimmed; dates as their serial). */
  text: string;
  /** "%" appears in the header. */
  percent: boolean;
}

const GOV_LOOKUP = new Map<string, GovernanceKind>();
for (const kind of Object.keys(GOVERNANCE_SYNONYMS) as GovernanceKind[]) {
  for (const s of GOVERNANCE_SYNONYMS[kind]) GOV_LOOKUP.set(s, kind);
}
const REFERENCE_SET = new Set(REFERENCE_WORDS.map((w) => w.toLowerCase()));
const STRONG_SET = new Set(CURRENT_WORDS_STRONG);
const WEAK_SET = new Set(CURRENT_WORDS_WEAK);
const TOTAL_SET = new Set(TOTAL_WORDS);
const LABEL_SET = new Set(LABEL_HEADER_WORDS);
const AXIS_SET = new Set(AXIS_HEADER_WORDS);

/**
 * Text with every "(…)" and "[…]" replaced by a space, in one pass. The pattern
 * /\([^)]*\)|\[[^\]]*\]/g does the same but rescans to the end of the text from every
 * unclosed bracket: a cell of 32,767 "(" took seconds. Once no closing bracket is left after
 * some point, no later opening one can close either, so each kind is searched for at most
 * once past where it was last found.
 */
function withoutBrackets(s: string): string {
  if (!s.includes("(") && !s.includes("[")) return s;
  let out = "";
  let from = 0;
  let noParen = false;
  let noSquare = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 40 /* ( */ && c !== 91 /* [ */) continue;
    if (c === 40 ? noParen : noSquare) continue;
    const close = s.indexOf(c === 40 ? ")" : "]", i + 1);
    if (close < 0) {
      if (c === 40) noParen = true;
      else noSquare = true;
      continue;
    }
    out += `${s.slice(from, i)} `;
    from = close + 1;
    i = close;
  }
  return out + s.slice(from);
}

/** Text without trailing ":" and "." (a loop: /[:.]+$/ rescans from every dot of "....x"). */
export function trimTrailingColonsAndDots(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 58 || s.charCodeAt(end - 1) === 46)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Lower case, bracketed parts removed, underscores and runs of spaces as one space, no trailing ":" or ".". */
export function normalizeHeader(s: string): string {
  return trimTrailingColonsAndDots(
    withoutBrackets(s.toLowerCase())
      .replace(/[_\s]+/g, " ")
      .trim(),
  ).trim();
}

/** Words of a normalized header: letters, digits, %, Δ and apostrophes kept; the rest split. */
function words(norm: string): string[] {
  return norm.split(/[^a-z0-9%δ\u0394'&-]+/u).filter((w) => w !== "");
}

function hasPhrase(wordList: string[], joined: string, phrases: Set<string>): boolean {
  for (const w of wordList) if (phrases.has(w)) return true;
  for (const p of phrases) if (p.includes(" ") && ` ${joined} `.includes(` ${p} `)) return true;
  return false;
}

/** Which governance column a header names, or null. "Owner", "DRI", "Red if", "KPI owner", "Owners". */
export function governanceKindOf(header: string): GovernanceKind | null {
  const norm = normalizeHeader(header);
  if (norm === "") return null;
  const direct = GOV_LOOKUP.get(norm) ?? GOV_LOOKUP.get(norm.replace(/s$/, ""));
  if (direct) return direct;
  // "Metric owner", "Owner name", "Lever / pre-approved action": a synonym as the first or
  // last words of a short header.
  const joined = words(norm).join(" ");
  const count = joined.split(" ").length;
  if (count > 4) return null;
  for (const [syn, kind] of GOV_LOOKUP) {
    if (joined === syn || joined.startsWith(`${syn} `) || joined.endsWith(` ${syn}`)) return kind;
  }
  return null;
}

/**
 * Month names and their usual abbreviations in English, French, Spanish, Portuguese,
 * Italian, German, Dutch and Indonesian ("Desember", "déc.", "Mrz", "ago"), as a header
 * names a month, with or without a year after it.
 */
const MONTH_ALTERNATIVES = [
  // English
  "january|february|march|april|may|june|july|august|september|october|november|december",
  "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
  // French
  "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre",
  "janv|févr|fevr|avr|juil|déc",
  // Spanish
  "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre",
  "ene|abr|ago|dic",
  // Portuguese
  "janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|dezembro",
  "fev|dez",
  // Italian
  "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre",
  "gen|mag|giu|lug|ott",
  // German
  "januar|jänner|februar|märz|maerz|juni|juli|oktober|dezember",
  "mär|mrz|okt",
  // Dutch
  "januari|februari|maart|mei|augustus",
  "mrt",
  // Indonesian
  "maret|agustus|desember",
  "agu|agt|ags|des",
].join("|");
const MONTH_RE = new RegExp(`^(?:${MONTH_ALTERNATIVES})\\.?(?:[\\s\\-/'’,]*(?:fy)?\\d{2,4})?$`);
/** "set" (Portuguese, Italian) and "out" (Portuguese) are months only with a year: alone they are words. */
const AMBIGUOUS_MONTH_RE = /^(?:set|out)\.?[\s\-/'’,]*\d{2,4}$/;
const QUARTER_RE =
  /^(?:(?:fy|cy)?\s?'?\d{2,4}[\s\-/]*)?(?:q[1-4]|[1-4]q|h[12]|s[12])(?:[\s\-/'’]*(?:fy|cy)?\s?'?\d{2,4})?$/;
const YEAR_RE = /^(?:fy|cy)\s?'?\d{2,4}$|^(?:19|20)\d{2}(?:\s?[-/]\s?(?:19|20)?\d{2})?$/;
const WEEK_RE = /^(?:w|wk|week|p|period|m|month|sprint|day)\s?#?\d{1,3}(?:[\s\-/]+\d{2,4})?$/;
const DATE_TEXT_RE =
  /^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$|^\d{1,2}[-/.]\d{4}$|^\d{1,2}[\s-](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s-]\d{2,4}$/;
const PERIOD_WORDS = new Set(["annual", "full year", "fy", "ytd", "qtd", "mtd", "year to date"]);

/** Whether a piece of text names a period: a month, quarter, year, week, sprint or a date. */
export function isPeriodText(s: string): boolean {
  const t = s.trim().toLowerCase();
  if (t === "" || t.length > 24) return false;
  if (PERIOD_WORDS.has(t)) return true;
  return (
    MONTH_RE.test(t) ||
    AMBIGUOUS_MONTH_RE.test(t) ||
    QUARTER_RE.test(t) ||
    YEAR_RE.test(t) ||
    WEEK_RE.test(t) ||
    DATE_TEXT_RE.test(t)
  );
}

const percentCache = new Map<string, boolean>();
const dateCache = new Map<string, boolean>();

/** Strips quoted literals, escapes and [colour]/[$-409] sections from a number format. */
function formatCode(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
}

/** A percent number format ("0%", "0.0%"): a "%" outside quotes. */
export function isPercentFormat(fmt: string | null | undefined): boolean {
  if (!fmt || fmt === "General") return false;
  let v = percentCache.get(fmt);
  if (v === undefined) {
    v = formatCode(fmt).includes("%");
    percentCache.set(fmt, v);
  }
  return v;
}

/** A date or time number format ("mmm-yy", "yyyy-mm-dd", "d/m/yyyy"). */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt || fmt === "General") return false;
  let v = dateCache.get(fmt);
  if (v === undefined) {
    const code = formatCode(fmt).toLowerCase();
    v = /[dy]/.test(code) || (/m/.test(code.replace(/\bam\/pm\b/g, "")) && !/[0#?]/.test(code));
    dateCache.set(fmt, v);
  }
  return v;
}

/** Whether a row label marks a total ("Total", "Grand Total:", "Subtotal", "Average"). */
export function isTotalLabel(label: string): boolean {
  const t = trimTrailingColonsAndDots(label.trim().toLowerCase());
  if (TOTAL_SET.has(t)) return true;
  return (
    t.startsWith("grand total") ||
    t.startsWith("subtotal") ||
    t.startsWith("sub-total") ||
    t.startsWith("total general")
  );
}

/** Whether a row label starts like a note ("Source: ...", "Note: ...", "* ..."). */
export function isNotePrefix(label: string): boolean {
  const t = label.trimStart().toLowerCase();
  for (const p of NOTE_PREFIXES) if (t.startsWith(p)) return true;
  return false;
}

/** Whether a header names the metric column ("Metric", "KPI", "Measure"). */
export function isLabelHeader(header: string): boolean {
  return LABEL_SET.has(normalizeHeader(header));
}

/**
 * Classifies one header cell. Order: governance synonyms, totals, reference words, current
 * words, periods (text, or a date serial with a date format), axis and label words.
 * `dateFormat` says whether the cell's number format is a date format.
 */
export function classifyHeader(value: CellValue, dateFormat: boolean): HeaderClass {
  if (value === null || typeof value === "boolean") return { kind: "blank", text: "", percent: false };
  if (typeof value === "object") return { kind: "other", text: value.error, percent: false };
  if (typeof value === "number") {
    const text = String(value);
    if (dateFormat) return { kind: "period", text, percent: false };
    if (Number.isInteger(value) && value >= 1900 && value <= 2100) return { kind: "period", text, percent: false };
    return { kind: "other", text, percent: false };
  }
  const text = value.trim();
  if (text === "") return { kind: "blank", text: "", percent: false };
  const percent = text.includes("%");
  const gov = governanceKindOf(text);
  if (gov) return { kind: gov, text, percent };
  const norm = normalizeHeader(text);
  if (norm === "") {
    // Only a bracketed unit, "(%)": the caller may read it with its neighbour.
    return { kind: "other", text, percent };
  }
  if (isTotalLabel(norm)) return { kind: "total", text, percent };
  const ws = words(norm);
  const joined = ws.join(" ");
  if (hasPhrase(ws, joined, REFERENCE_SET)) return { kind: "reference", text, percent };
  if (hasPhrase(ws, joined, STRONG_SET) && ws.length <= 4) return { kind: "current", text, percent };
  if (hasPhrase(ws, joined, WEAK_SET) && ws.length <= 3) return { kind: "current-weak", text, percent };
  if (isPeriodText(norm) || isPeriodText(text)) return { kind: "period", text, percent };
  if (AXIS_SET.has(joined)) return { kind: "axis", text, percent };
  if (LABEL_SET.has(joined)) return { kind: "label", text, percent };
  return { kind: "other", text, percent };
}

/** Header kinds that hold values of the metric (periods and the current column). */
export function isValueKind(kind: HeaderKind): boolean {
  return kind === "period" || kind === "current" || kind === "current-weak";
}

export function isGovernanceKind(kind: HeaderKind): kind is GovernanceKind {
  return kind === "owner" || kind === "threshold" || kind === "lever" || kind === "governance";
}

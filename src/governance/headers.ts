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
    // French, Spanish, Portuguese, Italian, German, Dutch, Indonesian
    "pilote",
    "propriétaire",
    "responsable",
    "responsável",
    "responsavel",
    "responsabile",
    "verantwortlich",
    "verantwortlicher",
    "eigenaar",
    "verantwoordelijke",
    "pic",
    "penanggung jawab",
    "pemilik",
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
    "seuil",
    "seuil d'alerte",
    "umbral",
    "limiar",
    "soglia",
    "schwellenwert",
    "drempelwaarde",
    "ambang batas",
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
    "levier",
    "palanca",
    "alavanca",
    "hebel",
    "hefboom",
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
  // French, German, Spanish, Portuguese, Italian, Dutch
  "objectif",
  "objectifs",
  "cible",
  "prévision",
  "prévisions",
  "prevision",
  "budgété",
  "soll",
  "ziel",
  "planwert",
  "vorjahr",
  "meta",
  "metas",
  "objetivo",
  "presupuesto",
  "presupuestado",
  "previsto",
  "orçamento",
  "orcamento",
  "obiettivo",
  "doel",
  "begroting",
  "prognose",
  "previsión",
  "ppto",
  "orçado",
  "orcado",
  "budgetiert",
  // Indonesian
  "rencana",
  "anggaran",
  "sasaran",
  "target/plan",
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
  // French, German, Spanish, Portuguese, Italian, Dutch
  "réalisé",
  "realise",
  "réel",
  "reel",
  "ist",
  "istwert",
  "real",
  "realizado",
  "realizada",
  "efectivo",
  "atual",
  "consuntivo",
  "effettivo",
  "werkelijk",
  "realisatie",
  // "Plan / Fact" (Russian and Eastern European reports), Indonesian
  "fact",
  "realisasi",
  "aktual",
];
/** Cumulative value columns: values, but only current when nothing stronger exists. */
export const CURRENT_WORDS_WEAK: readonly string[] = [
  "ytd",
  "qtd",
  "year to date",
  "to date",
  "cumulative",
  // French, Spanish, Portuguese, Italian, German, Dutch, Indonesian: cumulative to date
  "cumul",
  "cumulé",
  "cumule",
  "acumulado",
  "acumulada",
  "acum",
  "progressivo",
  "kumuliert",
  "kumulativ",
  "cumulatief",
  "kumulatif",
];

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
  "total result",
  "total results",
  "total général",
  "total geral",
  "gesamtergebnis",
  "gesamtsumme",
  "gesamt",
  "summe",
  "totale",
  "totale complessivo",
  "totaal",
  "eindtotaal",
  // Averages and year totals in other languages
  "moyenne",
  "promedio",
  "média",
  "durchschnitt",
  "mittelwert",
  "gemiddelde",
  "rata-rata",
  "jumlah",
  "total annuel",
  "total année",
  "total año",
  "total anual",
  "total ano",
  "year total",
  "total year",
  "annual total",
  "gesamtjahr",
  "jahr gesamt",
  "jaartotaal",
  "totale anno",
  "total tahun",
];

/**
 * Row labels that are part of a structure, never a metric: pivot-table captions in the
 * languages Excel ships ("Row Labels", "Etiquetas de fila") and generic section captions.
 */
export const STRUCTURE_LABELS: readonly string[] = [
  "row labels",
  "column labels",
  "values",
  "etiquetas de fila",
  "etiquetas de columna",
  "valores",
  "étiquettes de lignes",
  "étiquettes de colonnes",
  "zeilenbeschriftungen",
  "spaltenbeschriftungen",
  "werte",
  "rótulos de linha",
  "rótulos de coluna",
  "etichette di riga",
  "etichette di colonna",
  "rijlabels",
  "kolomlabels",
  "label baris",
  "label kolom",
  "section",
  "category",
  "(blank)",
  "(vide)",
  "(leer)",
  "(en blanco)",
  "(vazio)",
];

/**
 * Labels that head a block of text on a dashboard ("HIGHLIGHTS", "Next steps"): sections,
 * never metrics, even with text beside them.
 */
export const SECTION_WORDS: readonly string[] = [
  "highlights",
  "key highlights",
  "lowlights",
  "priorities",
  "key priorities",
  "top priorities",
  "notes",
  "comments",
  "commentary",
  "remarks",
  "action items",
  "next steps",
  "risks and issues",
  "executive summary",
  "observations",
  "key updates",
  "lessons learned",
];

/**
 * Labels that head a block of text when nothing but text sits beside them, yet may count
 * something when numbers do ("Issues" 4, 6, 3 is a metric).
 */
export const SECTION_WORDS_TEXT_ONLY: readonly string[] = [
  "actions",
  "risks",
  "issues",
  "decisions",
  "asks",
  "wins",
  "challenges",
  "summary",
  "updates",
  "dependencies",
  "blockers",
  "escalations",
];

/** Headers of a column stating each metric's unit ("%", "days", "$"). */
export const UNIT_HEADER_WORDS: readonly string[] = [
  "unit",
  "units",
  "uom",
  "unit of measure",
  "unit of measurement",
  "measure unit",
  "unité",
  "unite",
  "einheit",
  "unidad",
  "unidade",
  "unità",
  "eenheid",
  "satuan",
];

/** Headers of a column stating which way is good ("Lower is better"). */
export const DIRECTION_HEADER_WORDS: readonly string[] = [
  "direction",
  "polarity",
  "better",
  "better if",
  "good if",
  "good is",
  "desired direction",
  "desired trend",
  "direction of improvement",
  "good direction",
  "target direction",
  "optimal direction",
  "trend goal",
  "sens",
  "richtung",
  "dirección",
  "direccion",
  "direção",
  "direcao",
  "polaridad",
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
  | "unit"
  | "direction"
  | "other";

export interface HeaderClass {
  kind: HeaderKind;
  /** The header as a person reads it (trimmed; dates as their serial). */
  text: string;
  /** "%" appears in the header. */
  percent: boolean;
  /** A formula the file holds no result for (its text is unknown). */
  uncached?: boolean;
  /**
   * In a two-row header with the measures above the periods ("Actual" over Jan | Feb | Mar,
   * "Budget" over Jan | Feb | Mar): the measure over this period column.
   */
  measure?: string;
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
const STRUCTURE_SET = new Set(STRUCTURE_LABELS);
const SECTION_SET = new Set(SECTION_WORDS);
const SECTION_TEXT_SET = new Set(SECTION_WORDS_TEXT_ONLY);
const UNIT_SET = new Set(UNIT_HEADER_WORDS);
const DIRECTION_SET = new Set(DIRECTION_HEADER_WORDS);

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
  return norm.split(/[^\p{L}\p{N}%δ\u0394'&-]+/u).filter((w) => w !== "");
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
  "janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro",
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
/** A year after a month: "Jan 25", "janv.-25", "Dez. 2025", "dezembro de 2025", "Mar FY25". */
const MONTH_RE = new RegExp(`^(?:${MONTH_ALTERNATIVES})\\.?(?:[\\s\\-/'’,]*(?:de\\s)?(?:fy)?\\d{2,4})?$`);
/**
 * "set" (Portuguese, Italian) and "out" (Portuguese) are months only with a year: alone they
 * are words, and a header row reads them as months only among other months.
 */
const AMBIGUOUS_MONTH_RE = /^(?:set|out)\.?[\s\-/'’,]*\d{2,4}$/;
const AMBIGUOUS_MONTH_ALONE_RE = /^(?:set|out)\.?$/;
/** "Q1", "1Q", "T1" and "1T" (trimestre), "H1", "1H", "S1", with a year before or after. */
const QUARTER_RE =
  /^(?:(?:fy|cy)?\s?'?\d{2,4}[\s\-/]*)?(?:q[1-4]|[1-4]q|t[1-4]|[1-4]t|h[12]|[12]h|s[12])(?:[\s\-/'’]*(?:fy|cy)?\s?'?\d{2,4})?$/;
/**
 * "Quarter 3", "3rd quarter", "Trimestre 1", "1er trimestre", "Trim. 2", "Quartal 2",
 * "2. Quartal", "Triwulan III", with an optional year.
 */
const QUARTER_WORD_RE =
  /^(?:(?:quarter|qtr|trimestre|trim\.?|quartal|kwartaal|kuartal|triwulan)\s?(?:[1-4]|iv|i{1,3})|(?:[1-4]|iv|i{1,3})(?:st|nd|rd|th|er|ème|eme|e|º|°|o|\.)?\s?(?:quarter|qtr|trimestre|trim\.?|quartal|kwartaal))(?:[\s\-/'’,]*(?:fy|cy)?\s?'?\d{2,4})?$/;
/** "Semestre 1", "1er semestre", "1. Halbjahr", "Semester 2", with an optional year. */
const HALF_WORD_RE =
  /^(?:(?:semestre|semester|sem\.?|halbjahr)\s?(?:[12]|ii?)|(?:[12]|ii?)(?:st|nd|er|ème|eme|e|º|°|o|\.)?\s?(?:semestre|semester|halbjahr|half))(?:[\s\-/'’,]*(?:fy|cy)?\s?'?\d{2,4})?$/;
/** The whole year with its year: "Full Year 2025", "Année 2025", "Año 2025", "Jahr 2025". */
const FULL_YEAR_RE =
  /^(?:full[\s-]?year|whole year|annual|année|annee|año|ano|anno|jahr|gesamtjahr|jaar|tahun)[\s\-/'’,]*(?:fy|cy)?'?\d{2,4}$/;
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
    QUARTER_WORD_RE.test(t) ||
    HALF_WORD_RE.test(t) ||
    FULL_YEAR_RE.test(t) ||
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
  return isTotalKey(trimTrailingColonsAndDots(label.trim().toLowerCase()));
}

/**
 * A row label as the label tests below compare it: trimmed, lower case, no trailing ":" or
 * ".". A reader that asks several of them of one label makes the key once (`lower` is the
 * label trimmed and in lower case).
 */
export function labelKey(lower: string): string {
  return trimTrailingColonsAndDots(lower);
}

/** isTotalLabel for a `labelKey`. */
export function isTotalKey(t: string): boolean {
  if (TOTAL_SET.has(t)) return true;
  return (
    t.startsWith("grand total") ||
    t.startsWith("subtotal") ||
    t.startsWith("sub-total") ||
    t.startsWith("total general") ||
    t.startsWith("total général") ||
    t.startsWith("total result") ||
    t.startsWith("gesamtergebnis")
  );
}

/** A pivot's data-field caption ("Sum of Profit", "Suma de Ventas", "Count of ID"): an aggregate, never a metric row. */
export function isAggregateCaption(label: string): boolean {
  const t = label.trim().toLowerCase();
  return /^(?:sum|count|average|max|min|product|stddev|var|suma|cuenta|promedio|somme|nombre|moyenne|summe|anzahl|mittelwert|soma|contagem|média|media|somma|conteggio|som|aantal|gemiddelde|jumlah|rata-rata) (?:of|de|von|di|van|dari) \S/.test(
    t,
  );
}

/** A pivot caption or structural label ("Row Labels", "Etiquetas de fila", "Section"). */
export function isStructureLabel(label: string): boolean {
  return STRUCTURE_SET.has(trimTrailingColonsAndDots(label.trim().toLowerCase()));
}

/** isStructureLabel for a `labelKey`. */
export function isStructureKey(key: string): boolean {
  return STRUCTURE_SET.has(key);
}

/**
 * A label that heads a block of text ("HIGHLIGHTS", "Next steps:"), never a metric; "Issues",
 * "Risks" and the like only when no number sits beside them (`withNumbers` false).
 */
export function isSectionWord(label: string, withNumbers = false): boolean {
  return isSectionKey(trimTrailingColonsAndDots(label.trim().toLowerCase()), withNumbers);
}

/** isSectionWord for a `labelKey`. */
export function isSectionKey(key: string, withNumbers = false): boolean {
  // Runs of whitespace read as one space; most labels have none to fold.
  const t = MANY_SPACES.test(key) ? key.replace(/\s+/g, " ") : key;
  return SECTION_SET.has(t) || (!withNumbers && SECTION_TEXT_SET.has(t));
}
const MANY_SPACES = /\s\s|[^\S ]/;

/**
 * An identifier rather than a name: "SUB-000123", "INV1234", "#4521", "A1B2-C3D4-…" (a
 * code with digits and no spaces, mostly digits or a prefix and a long number).
 */
export function isIdLike(label: string): boolean {
  const t = label.trim();
  if (t.length < 3 || t.length > 40 || /\s/.test(t)) return false;
  if (/^#\d+$/.test(t)) return true;
  if (/^[A-Za-z]{1,6}[-_/]?\d{3,}(?:[-_/]\d+)*$/.test(t)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t)) return true;
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 4 && digits * 2 >= t.length && /^[A-Za-z0-9\-_/.]+$/.test(t);
}

/** Whether a row label starts like a note ("Source: ...", "Note: ...", "* ..."). */
export function isNotePrefix(label: string): boolean {
  return isNotePrefixLower(label.trimStart().toLowerCase());
}

/** isNotePrefix for a label already trimmed and in lower case. */
export function isNotePrefixLower(t: string): boolean {
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
  if (isTotalLabel(norm) || isTotalKey(withoutTrailingYear(norm))) return { kind: "total", text, percent };
  const ws = words(norm);
  const joined = ws.join(" ");
  if (UNIT_SET.has(joined)) return { kind: "unit", text, percent };
  if (DIRECTION_SET.has(joined) || /^(?:higher|lower|up|down|more|less) (?:is )?(?:better|good)/.test(joined))
    return { kind: "direction", text, percent };
  if (hasPhrase(ws, joined, REFERENCE_SET)) return { kind: "reference", text, percent };
  // "Actual2", "Target3": an Excel table makes repeated headers unique with a number.
  if (ws.length === 1 && /\d$/.test(joined)) {
    const stem = withoutCopyNumber(joined);
    if (stem !== joined) {
      if (REFERENCE_SET.has(stem)) return { kind: "reference", text, percent };
      if (STRONG_SET.has(stem)) return { kind: "current", text, percent };
      if (WEAK_SET.has(stem)) return { kind: "current-weak", text, percent };
    }
  }
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

/** The words a header may add to a period ("Q3 Actual", "Mar 2024 Target", "Jan-24 Réel"). */
const MEASURE_WORDS = new Set([...CURRENT_WORDS_STRONG, ...REFERENCE_WORDS].filter((w) => !w.includes(" ")));

/**
 * The period a header names, with any Actual / Target word taken off: "Q3 Actual" → "Q3",
 * "Mar 2024 Target" → "Mar 2024", "Jan" → "Jan"; null when no period is left.
 */
export function periodPart(header: string): string | null {
  const text = header.trim();
  if (text === "" || text.length > 40) return null;
  if (isPeriodText(text)) return text;
  const parts = text
    .split(/[\s_]+|(?<=\S)[-–—:/](?=\s)|(?<=\s)[-–—:/](?=\S)/u)
    .filter((p) => p !== "" && !/^[-–—:/]$/.test(p));
  const kept: string[] = [];
  let dropped = 0;
  for (const p of parts) {
    const w = normalizeHeader(p);
    if (w === "") continue;
    if (MEASURE_WORDS.has(w)) dropped++;
    else kept.push(p);
  }
  if (dropped === 0 || kept.length === 0) return null;
  const rest = kept.join(" ");
  return isPeriodText(rest) ? rest : null;
}

/**
 * How long a period is, to tell the periods of a table from its totals: 1 for days, weeks,
 * months and dates, 2 for quarters, 3 for halves, 4 for years, 5 for the full year, annual,
 * YTD and the like (never a current period when shorter ones exist); null when not a period.
 */
export function periodRank(period: string): number | null {
  const t = period.trim().toLowerCase();
  if (t === "") return null;
  if (
    PERIOD_WORDS.has(t) ||
    /^(?:full[\s-]?year|annual|annuel|anual|jährlich|year[\s-]?to[\s-]?date|ytd|qtd|fy|cy)\b/.test(t) ||
    FULL_YEAR_RE.test(t) ||
    isAggregateHeader(t)
  )
    return 5;
  if (AMBIGUOUS_MONTH_ALONE_RE.test(t)) return 1;
  if (!isPeriodText(t)) return null;
  if (MONTH_RE.test(t) || AMBIGUOUS_MONTH_RE.test(t) || WEEK_RE.test(t) || DATE_TEXT_RE.test(t)) return 1;
  if (QUARTER_WORD_RE.test(t) || /(?:^|[^a-z])(?:q[1-4]|[1-4][qt]|t[1-4])/.test(t)) return 2;
  if (HALF_WORD_RE.test(t) || /h[12]|[12]h|s[12]/.test(t)) return 3;
  if (YEAR_RE.test(t)) return 4;
  return 1;
}

/** "set" or "out" alone: a month (Portuguese, Italian) only in a row of other months. */
export function isAmbiguousMonth(text: string): boolean {
  return AMBIGUOUS_MONTH_ALONE_RE.test(text.trim().toLowerCase());
}

/**
 * A header that sums or averages the periods, never one period: "Total", "Gesamt", "Totaal",
 * "YTD", "Cumul", "Acumulado", "Average", "Moyenne", also with a year ("Total 2025",
 * "Cumul 2025", "YTD FY25").
 */
export function isAggregateHeader(header: string): boolean {
  const norm = normalizeHeader(header);
  if (norm === "" || norm.length > 40) return false;
  const bare = withoutTrailingYear(norm);
  for (const t of bare === norm ? [norm] : [norm, bare]) {
    if (isTotalKey(t) || WEAK_SET.has(t)) return true;
  }
  return false;
}

/** A normalized header without a year at its end ("total 2025" → "total"). */
function withoutTrailingYear(norm: string): string {
  return /\d$/.test(norm) ? norm.replace(/[\s\-/'’,]*(?:fy|cy)?\s?'?\d{2,4}$/, "").trim() : norm;
}

/**
 * A header word without the number an Excel table adds to make repeated headers unique
 * ("actual2" → "actual", "target13" → "target"); other words as they are ("fy25", "q3").
 */
export function withoutCopyNumber(word: string): string {
  const m = /^(\p{L}{3,}?)([2-9]|[1-9]\d)$/u.exec(word);
  return m ? m[1] : word;
}

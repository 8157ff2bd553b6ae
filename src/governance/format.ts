/**
 * Values as their cells show them. A sheet stores 14% as 0.14, $227,100 as 227100 and Dec 2022
 * as 44896; a person reads what the number format makes of it. This reads the common formats
 * (percent, currency, thousands, decimals, scaling, dates) well enough to echo a value in the
 * pane; anything it does not know falls back to the metric's unit (formatThresholdValue).
 * Pure and deterministic: English month names, no locale, no clock.
 */
import { formatThresholdValue } from "./threshold";
import type { Threshold, ValueUnit } from "./types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The format's sections (positive; negative; zero; text), split on ";" outside quotes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted && i + 1 < format.length) {
      current += ch + format[++i];
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/**
 * A section as literal text and placeholders: quoted text and backslash escapes become
 * literals, colours and conditions in [brackets] go, a currency in [$€-407] stays as its
 * symbol, "_x" (space of x's width) is a space and "*x" (fill) is nothing.
 */
function tokens(section: string): { text: string; literal: boolean }[] {
  const out: { text: string; literal: boolean }[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const text = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      out.push({ text, literal: true });
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      out.push({ text: section[i + 1] ?? "", literal: true });
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const inside = end < 0 ? "" : section.slice(i + 1, end);
      const currency = /^\$([^-]*)/.exec(inside);
      if (currency) out.push({ text: currency[1], literal: true });
      i = end < 0 ? section.length : end;
    } else if (ch === "_") {
      out.push({ text: " ", literal: true });
      i++;
    } else if (ch === "*") {
      i++;
    } else out.push({ text: ch, literal: false });
  }
  return out;
}

/** Whether a section is a date or time format (d, m, y, h or s outside quotes and brackets). */
function isDateSection(section: string): boolean {
  const bare = tokens(section)
    .filter((t) => !t.literal)
    .map((t) => t.text)
    .join("");
  return /[dmyhs]/i.test(bare.replace(/General/gi, "")) && !/[0#?]/.test(bare);
}

/** An Excel serial (1900 system) as a UTC date. Serial 60 is Excel's 29 Feb 1900, which never was. */
function serialDate(serial: number): Date {
  const days = Math.floor(serial) - (serial < 60 ? 1 : 2);
  const ms = Math.round((serial - Math.floor(serial)) * 86_400_000);
  return new Date(Date.UTC(1900, 0, 1) + days * 86_400_000 + ms);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatDate(serial: number, section: string): string {
  const d = serialDate(serial);
  const bare = tokens(section);
  let out = "";
  let i = 0;
  const text = bare.map((t) => (t.literal ? "\u0000" + t.text + "\u0001" : t.text)).join("");
  // Whether the "m" at `at` is minutes: right after an hour or right before seconds.
  const minutes = (at: number, run: number) =>
    /h+[^a-z]*$/i.test(text.slice(0, at)) || /^[^a-z]*s/i.test(text.slice(at + run));
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\u0000") {
      const end = text.indexOf("\u0001", i);
      out += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    const lower = ch.toLowerCase();
    let run = 1;
    while (i + run < text.length && text[i + run].toLowerCase() === lower) run++;
    if (lower === "y") out += run <= 2 ? pad(d.getUTCFullYear() % 100, 2) : String(d.getUTCFullYear());
    else if (lower === "m" && minutes(i, run)) out += pad(d.getUTCMinutes(), run >= 2 ? 2 : 1);
    else if (lower === "m")
      out +=
        run === 1
          ? String(d.getUTCMonth() + 1)
          : run === 2
            ? pad(d.getUTCMonth() + 1, 2)
            : run === 3
              ? MONTHS[d.getUTCMonth()]
              : run === 4
                ? MONTHS_LONG[d.getUTCMonth()]
                : MONTHS_LONG[d.getUTCMonth()][0];
    else if (lower === "d")
      out += run <= 2 ? pad(d.getUTCDate(), run) : ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
    else if (lower === "h") out += pad(d.getUTCHours(), run >= 2 ? 2 : 1);
    else if (lower === "s") out += pad(d.getUTCSeconds(), run >= 2 ? 2 : 1);
    else if (ch === "@") out += "";
    else out += text.slice(i, i + run);
    i += run;
  }
  return out.trim();
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `n` (not negative) to `decimals` places as Excel shows it: from its 15 significant digits,
 * halves away from zero (1.15 to one place is "1.2", where toFixed gives the binary "1.1").
 */
function roundAsExcel(n: number, decimals: number): string {
  const shifted = Math.round(Number(`${Number(n.toPrecision(15))}e${decimals}`));
  const rounded = Number(`${shifted}e-${decimals}`);
  return Number.isFinite(rounded) ? rounded.toFixed(decimals) : n.toFixed(decimals);
}

/** Whether the last number formatted showed its value without rounding it. */
let lastRoundedExactly = true;

/** A number by a numeric section: prefix, the number (decimals, thousands, scaling, percent), suffix. */
function formatNumber(value: number, section: string, negativeSection: boolean): string | null {
  const parts = tokens(section);
  const isDigit = (t: { text: string; literal: boolean }) => !t.literal && /[0#?]/.test(t.text);
  const first = parts.findIndex(isDigit);
  if (first < 0) return null;
  let last = parts.length - 1;
  while (last > first && !isDigit(parts[last])) last--;
  const core = parts
    .slice(first, last + 1)
    .map((t) => (t.literal ? "" : t.text))
    .join("");
  // Commas right after the last digit placeholder scale by a thousand each (#,##0,"K").
  let after = last + 1;
  let scale = 0;
  while (after < parts.length && !parts[after].literal && parts[after].text === ",") {
    scale++;
    after++;
  }
  const rest = parts.slice(after);
  const prefix = parts
    .slice(0, first)
    .map((t) => t.text)
    .join("");
  const suffix = rest.map((t) => t.text).join("");
  const percent = (prefix + suffix).includes("%");
  const decimals = (/\.([0#?]+)/.exec(core)?.[1] ?? "").length;
  const minDecimals = (/\.(0+)/.exec(core)?.[1] ?? "").length;
  const grouped = /[0#?],[0#?]/.test(core);

  let n = Math.abs(value) / 1000 ** scale;
  if (percent) n *= 100;
  const fixed = roundAsExcel(n, decimals);
  lastRoundedExactly = Math.abs(Number(fixed) - n) <= 1e-9 * Math.max(1, n);
  let [int, frac = ""] = fixed.split(".");
  while (frac.length > minDecimals && frac.endsWith("0")) frac = frac.slice(0, -1);
  if (grouped) int = groupThousands(int);
  const body = frac === "" ? int : `${int}.${frac}`;
  const negative = value < 0 && !negativeSection && /[1-9]/.test(body);
  return `${negative ? "-" : ""}${prefix}${body}${suffix}`.replace(/\s+/g, " ").trim();
}

function isGeneral(format: string | null | undefined): boolean {
  return format === undefined || format === null || format.trim() === "" || /^general$/i.test(format.trim());
}

/**
 * A number as its cell shows it, from the cell's number format: "0.0%" shows 0.14 as "14.0%",
 * "$#,##0" shows 227100 as "$227,100", "mmm yyyy" shows 44896 as "Dec 2022". With no format
 * (General, or one not understood) it falls back to the metric's unit.
 */
export function formatCellValue(value: number, format: string | null | undefined, unit: ValueUnit = "number"): string {
  if (!Number.isFinite(value) || isGeneral(format)) return formatThresholdValue(value, unit);
  const all = sections(format!);
  const negative = value < 0 && all.length > 1 && all[1].trim() !== "";
  const zero = value === 0 && all.length > 2 && all[2].trim() !== "";
  const section = zero ? all[2] : negative ? all[1] : all[0];
  if (isDateSection(section)) return formatDate(value, section);
  if (zero && !/[0#?]/.test(section)) {
    const dash = tokens(section)
      .map((t) => t.text)
      .join("")
      .trim();
    if (dash !== "" && !/[0#?]/.test(dash)) return "0";
  }
  const shown = formatNumber(value, section, negative);
  return shown ?? formatThresholdValue(value, unit);
}

/**
 * A number as its cell's format shows it, only when the format shows it exactly ("$1.2M" for
 * 1,200,000 under `"$"#,##0.0,,"M"`); null when it would round it (1,234,567 there) or is no
 * number format (General, a date): a threshold is never shown rounded.
 */
export function formatCellValueExactly(value: number, format: string | null | undefined): string | null {
  if (!Number.isFinite(value) || isGeneral(format) || isDateFormat(format)) return null;
  const all = sections(format!);
  const negative = value < 0 && all.length > 1 && all[1].trim() !== "";
  const section = negative ? all[1] : all[0];
  if (value === 0 && all.length > 2 && all[2].trim() !== "") return null;
  lastRoundedExactly = true;
  const shown = formatNumber(value, section, negative);
  return shown !== null && lastRoundedExactly ? shown : null;
}

/** Whether a number format is a date or time format (a header holding 44896 is then a month). */
export function isDateFormat(format: string | null | undefined): boolean {
  if (isGeneral(format)) return false;
  return isDateSection(sections(format!)[0]);
}

const DIRECTION_WORDS: Record<Threshold["direction"], [string, string]> = {
  above: ["above", "at or above"],
  below: ["below", "at or below"],
};

/**
 * The rule a threshold answer was read as, in the metric's own format: "alert when below 5.0%"
 * for a typed "< 5%" on a "0.0%" cell. It says back what Decision Map understood, so a wrong
 * unit or direction is seen before it is saved.
 */
export function describeThreshold(
  threshold: Threshold,
  format: string | null | undefined,
  unit: ValueUnit = "number",
): string {
  const words = DIRECTION_WORDS[threshold.direction][threshold.inclusive ? 1 : 0];
  const useFormat = !isGeneral(format) && !isDateFormat(format);
  let value = useFormat ? formatCellValue(threshold.value, format, unit) : formatThresholdValue(threshold.value, unit);
  // "< 5%" on a ratio kept as a plain number (0.05 in a General cell) reads back as typed.
  if (!useFormat && threshold.percent && unit === "number")
    value = `${formatThresholdValue(Number((threshold.value * 100).toPrecision(12)), "number")}%`;
  // A plain number typed with a currency sign keeps it ("$500"), as the person wrote it.
  const currency = /[$€£¥₹]/.exec(threshold.text)?.[0];
  if (currency !== undefined && !value.includes(currency) && unit === "number")
    value = value.startsWith("-") ? `-${currency}${value.slice(1)}` : `${currency}${value}`;
  return `alert when ${words} ${value}`;
}

/**
 * The Lever judge: may the owner act, without asking anyone, when the metric trips? An
 * escalation or mere commentary is no authority; an action is, and an action should be bounded.
 */
import { freezeVerdict, memoize } from "./memo";
import {
  ACTION_WORDS,
  COMMENTARY_PHRASES,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  DURATION_UNITS,
  ESCALATION_PHRASES,
  LEVER_MAX_CHARS,
  LEVER_PLACEHOLDER_ANSWERS,
  MAGNITUDE_SUFFIXES,
  NEGATION_WORDS,
  NUMBER_WORDS,
  PERCENT_WORDS,
  SCOPE_PHRASES,
  characterCount,
  findAny,
  isWholeAnswer,
  quoteAnswer,
  words,
  type PhraseMatch,
  alternation,
} from "./lexicon";
import type { LeverVerdict, Reason } from "./types";

/** How far back a negation still cancels an escalation: "without first asking", "no CFO approval". */
const NEGATION_REACH = 2;

export type LeverBound = "amount" | "percent" | "duration" | "count" | "scope";

const NUMBER = String.raw`(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*`;
const WORD_END = String.raw`(?![\p{L}\p{N}])`;

let patterns: Record<Exclude<LeverBound, "scope">, RegExp> | null = null;

function boundPatterns(): Record<Exclude<LeverBound, "scope">, RegExp> {
  if (patterns !== null) return patterns;
  const symbols = alternation(CURRENCY_SYMBOLS);
  const currencyWords = alternation(CURRENCY_WORDS);
  const magnitudes = alternation(Object.keys(MAGNITUDE_SUFFIXES));
  const percents = alternation(PERCENT_WORDS);
  const counts = alternation(NUMBER_WORDS);
  const units = alternation(DURATION_UNITS);
  patterns = {
    amount: new RegExp(
      String.raw`(?:${symbols})\s?-?\d|${NUMBER}\s?(?:${magnitudes}|${currencyWords})${WORD_END}`,
      "iu",
    ),
    percent: new RegExp(String.raw`${NUMBER}\s?(?:${percents})(?![\p{L}])`, "iu"),
    duration: new RegExp(
      String.raw`(?<![\p{L}\p{N}])(?:\d+(?:[.,]\d+)?|an?|this|next|the rest of the|rest of the|end of the|end of|${counts})\s+(?:of\s+)?(?:${units})(?:s|es)?${WORD_END}`,
      "iu",
    ),
    // A bare number that is not already an amount or a percentage ("hire 2", "top 10 accounts").
    count: new RegExp(
      String.raw`(?<!(?:${symbols})\s?-?)${NUMBER}(?![\p{L}\p{N}.,%]|\s?(?:${percents}|${currencyWords})${WORD_END})|(?<![\p{L}\p{N}])(?:${counts})\s+\p{L}`,
      "iu",
    ),
  };
  return patterns;
}

/**
 * What limits a lever's authority: an amount ("$10k"), a percentage ("20%"), a duration
 * ("for 30 days"), a count ("two contractors", "500") or a scope ("up to", "per customer").
 */
export function leverBounds(answer: string): LeverBound[] {
  const text = answer.normalize("NFKC");
  const found: LeverBound[] = [];
  for (const [kind, re] of Object.entries(boundPatterns()) as [LeverBound, RegExp][]) {
    if (re.test(text)) found.push(kind);
  }
  if (findAny(words(text), SCOPE_PHRASES).length > 0) found.push("scope");
  return found;
}

function overlaps(a: PhraseMatch, spans: readonly PhraseMatch[]): boolean {
  return spans.some((b) => a.start < b.end && b.start < a.end);
}

function isNegated(ws: readonly string[], m: PhraseMatch): boolean {
  return ws.slice(Math.max(0, m.start - NEGATION_REACH), m.start).some((w) => NEGATION_WORDS.includes(w));
}

function reason(code: Reason["code"], message: string): LeverVerdict {
  return { reasons: [{ code, message }], warnings: [] };
}

/** Judges a Lever answer: authority to act without asking, or why not; warns when unbounded. */
// Cached verdicts are shared between calls, so they are frozen: nobody can change one.
const judgeLeverCached = memoize((answer: string) => freezeVerdict(judgeLeverText(answer)));

export function judgeLever(answer: string): LeverVerdict {
  return judgeLeverCached(answer.trim());
}

function judgeLeverText(answer: string): LeverVerdict {
  const text = answer.trim();
  if (text === "")
    return reason("lever-missing", "No lever: say what the owner may do, without asking anyone, when it trips.");
  const q = `'${quoteAnswer(text)}'`;
  // A lever is one action a person can take at once; past this length no text is that,
  // whatever it says, so the rest is not read (and a 32,767-character cell costs no more
  // than a short one).
  if (text.length > LEVER_MAX_CHARS)
    return reason(
      "lever-vague",
      `${q} is ${characterCount(text)} long; a lever fits in ${LEVER_MAX_CHARS.toLocaleString("en-US")}, so no more is read: say in a sentence what the owner may do without asking, e.g. authorize up to $10k in credits.`,
    );
  if (isWholeAnswer(text, LEVER_PLACEHOLDER_ANSWERS))
    return reason(
      "lever-missing",
      `${q} is a placeholder, not a lever: say what the owner may do, without asking anyone, when it trips.`,
    );
  const ws = words(text);

  const escalations = findAny(ws, ESCALATION_PHRASES);
  // Strict on purpose: any escalation that is not negated makes the whole lever need approval
  // ("cut spend by 20% with CFO approval"), even beside an action.
  if (escalations.some((m) => !isNegated(ws, m))) {
    return reason("lever-escalates", `${q} needs someone else's approval: say what the owner may do without asking.`);
  }
  const commentary = findAny(ws, COMMENTARY_PHRASES).filter((m) => !overlaps(m, escalations));
  const masked = [...escalations, ...commentary];
  const actions = findAny(ws, ACTION_WORDS).filter((m) => !overlaps(m, masked));
  // Commentary beside an action is fine ("pause the rollout, then discuss at MBR"); alone it
  // decides nothing. Text with neither gets the benefit of the doubt.
  if (commentary.length > 0 && actions.length === 0) {
    return reason("lever-vague", `${q} is commentary, not a decision: say what the owner may do without asking.`);
  }
  if (leverBounds(text).length > 0) return { reasons: [], warnings: [] };
  return {
    reasons: [],
    warnings: [
      {
        code: "lever-unbounded",
        message: `${q} has no limit: add an amount, percentage, duration or scope (e.g. up to $10k, for 30 days).`,
      },
    ],
  };
}

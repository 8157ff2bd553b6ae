/**
 * The Owner judge: is the answer one identifiable individual whose job depends on the number?
 * A role is one seat ("VP Sales"); a team, a department, a collective or several people is no one.
 */
import { freezeVerdict, memoize } from "./memo";
import {
  isTemplatePlaceholder,
  CEO_WORDS,
  COLLECTIVE_WORDS,
  DEPARTMENTS,
  FOUNDER_WORDS,
  IRREGULAR_PLURAL_SEATS,
  MULTI_OWNER_SEPARATORS,
  OWNER_FILLER_WORDS,
  OWNER_MAX_CHARS,
  QUALIFIER_SEPARATORS,
  SEAT_WORDS,
  SELF_OWNER_ANSWERS,
  TEAM_WORDS,
  UNKNOWN_OWNER_ANSWERS,
  UNKNOWN_OWNER_WORDS,
  characterCount,
  findAny,
  isSymbolAnswer,
  isWholeAnswer,
  isSymbolEntry,
  isWordOrPlural,
  normalizeText,
  quoteAnswer,
  words,
} from "./lexicon";
import type { OwnerVerdict, Reason } from "./types";

type PartKind = "person" | "founder" | "several" | "team" | "department" | "collective" | "initial" | "empty";

interface Part {
  kind: PartKind;
  /** A person part: whether it is a seat (a role) rather than a name. */
  seat: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function separatorRegExp(list: readonly string[]): RegExp {
  const alternatives = list.map((s) => {
    if (/^\p{L}+$/u.test(s)) return `\\s${escapeRegExp(s)}\\s`;
    return escapeRegExp(s);
  });
  return new RegExp(alternatives.join("|"), "u");
}

const HARD = separatorRegExp(MULTI_OWNER_SEPARATORS);
const SOFT = separatorRegExp(QUALIFIER_SEPARATORS);

const ALL_SEATS: readonly string[] = [...SEAT_WORDS, ...CEO_WORDS, ...FOUNDER_WORDS];

function isSeatWord(w: string): boolean {
  return ALL_SEATS.includes(w);
}

function isPluralSeat(w: string): boolean {
  if (IRREGULAR_PLURAL_SEATS.includes(w)) return true;
  return ALL_SEATS.some((s) => w !== s && isWordOrPlural(w, s));
}

function isTeamWord(w: string): boolean {
  return TEAM_WORDS.some((t) => isWordOrPlural(w, t));
}

function hasFounderWord(ws: readonly string[]): boolean {
  return findAny(ws, [...CEO_WORDS, ...FOUNDER_WORDS]).length > 0;
}

/** A stretch that is only a founder title ("Founder", "the co-founder"), no other role. */
function isFounderTitle(text: string): boolean {
  const ws = words(text);
  return findAny(ws, FOUNDER_WORDS).length > 0 && !ws.some((w) => SEAT_WORDS.includes(w) || CEO_WORDS.includes(w));
}

/**
 * One part of an answer between separators. The head noun decides a role against a team:
 * in English it is the last such word ("Team lead" is a lead, "CFO office" an office), except
 * before "of" ("Chief of Staff" is a chief, "Office of the CEO" an office).
 */
function classifyPart(text: string): Part {
  const ws = words(text);
  if (ws.length === 0) return { kind: "empty", seat: false };
  const of = ws.indexOf("of");
  const headZone = of > 0 ? ws.slice(0, of) : ws;
  const isHeadWord = (w: string) => isSeatWord(w) || isPluralSeat(w) || isTeamWord(w);
  const head = [...headZone].reverse().find(isHeadWord) ?? [...ws].reverse().find(isHeadWord);
  if (head !== undefined) {
    if (isSeatWord(head)) return { kind: hasFounderWord(ws) ? "founder" : "person", seat: true };
    if (isPluralSeat(head)) return { kind: "several", seat: false };
    return { kind: "team", seat: false };
  }
  if (hasFounderWord(ws)) return { kind: "founder", seat: true };
  if (findAny(ws, COLLECTIVE_WORDS).length > 0) return { kind: "collective", seat: false };
  const covered = new Array<boolean>(ws.length).fill(false);
  for (const m of findAny(ws, [...DEPARTMENTS, ...OWNER_FILLER_WORDS])) covered.fill(true, m.start, m.end);
  const departments = findAny(ws, DEPARTMENTS).length;
  if (departments > 0 && covered.every(Boolean)) return { kind: "department", seat: false };
  // "Lee, D." — an initial qualifies a name; it is not a second person.
  if (ws.length === 1 && Array.from(ws[0]).length === 1) return { kind: "initial", seat: false };
  return { kind: "person", seat: false };
}

/** What a stretch between hard separators is: "role" is a person named by a seat ("CTO"). */
type Unit = "person" | "role" | "founder" | "several" | "team" | "department" | "collective";

/**
 * A stretch between hard separators ("/", "and") with its soft ones (",", "(", " - "): one
 * name may carry one role and departments as qualifiers ("Dana Lee, VP Sales", "Dana (Sales)");
 * two names or two roles are several people ("Dana, Sam", "CTO, COO").
 */
function classifyUnit(text: string, split: boolean): Unit | null {
  const pieces = split ? text.split(SOFT) : [text];
  const parts = pieces.map(classifyPart).filter((p) => p.kind !== "empty" && p.kind !== "initial");
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0].kind === "person" && parts[0].seat ? "role" : (parts[0].kind as Unit);
  const names = parts.filter((p) => p.kind === "person" && !p.seat).length;
  const founders = parts.filter((p) => p.kind === "founder").length;
  const seats = parts.filter((p) => p.kind === "person" && p.seat).length + (founders > 0 ? 1 : 0);
  const people = Math.max(names, seats);
  if (parts.some((p) => p.kind === "several") || people > 1) return "several";
  if (people === 1) return founders > 0 ? "founder" : names === 0 ? "role" : "person";
  return parts[0].kind as Unit;
}

function isUnknown(answer: string): boolean {
  const ws = words(answer);
  if (findAny(ws, UNKNOWN_OWNER_WORDS).length > 0) return true;
  const whole = ws.join(" ");
  return UNKNOWN_OWNER_ANSWERS.some((e) =>
    isSymbolEntry(e) ? isSymbolAnswer(answer, e) : whole === words(e).join(" "),
  );
}

function reason(code: Reason["code"], message: string): OwnerVerdict {
  return { owner: null, reasons: [{ code, message }], warnings: [] };
}

const GROUP_MESSAGES: Record<"team" | "department" | "collective", string> = {
  team: "is a team; name one person.",
  department: "is a department; name one person.",
  collective: "is everyone, so no one; name one person.",
};

/** Judges an Owner answer: one individual (a name or a one-seat role), or why not. */
// Cached verdicts are shared between calls, so they are frozen: nobody can change one.
const judgeOwnerCached = memoize((answer: string) => freezeVerdict(judgeOwnerText(answer)));

export function judgeOwner(answer: string): OwnerVerdict {
  return judgeOwnerCached(answer.trim());
}

function judgeOwnerText(answer: string): OwnerVerdict {
  const text = answer.trim();
  if (text === "") return reason("owner-missing", "No owner: name the one person whose job depends on this number.");
  const q = `'${quoteAnswer(text)}'`;
  // Past this length no answer is one name or role, whatever it says: the verdict is the
  // same for any longer text, so the rest is not read (and a 32,767-character cell costs
  // no more than a short one).
  if (text.length > OWNER_MAX_CHARS)
    return reason(
      "owner-unknown",
      `${q} is ${characterCount(text)} long; a name or role fits in ${OWNER_MAX_CHARS}, so no more is read: name the one person whose job depends on this number.`,
    );
  if (isWholeAnswer(text, SELF_OWNER_ANSWERS))
    return reason("owner-unknown", `${q} says who typed it, not who owns it: ask who that is, and name them.`);
  // A template's placeholder ("<Enter Owners & Contributors>", "[Owner name]") is text left
  // for someone to fill in: it names no one, whatever words it holds.
  if (isTemplatePlaceholder(text))
    return reason(
      "owner-unknown",
      `${q} is the template's placeholder: name the one person whose job depends on this number.`,
    );
  if (isUnknown(text))
    return reason("owner-unknown", `${q} names no one yet: name the one person whose job depends on this number.`);

  // Formula-like text ("=HYPERLINK(...)") is only text: judged whole, never split or evaluated.
  const formula = text.startsWith("=");
  const stretches = formula ? [text] : normalizeText(text).split(HARD);
  const classified = stretches
    .map((s) => ({ text: s, unit: classifyUnit(s, !formula) }))
    .filter((c): c is { text: string; unit: Unit } => c.unit !== null);
  const units = classified.map((c) => c.unit);
  if (units.length === 0)
    return reason("owner-unknown", `${q} names no one: name the one person whose job depends on this number.`);

  // "Founder & CEO", "Co-founder / CTO": one person with two titles.
  const oneFounder =
    classified.length === 2 &&
    classified.some((c) => isFounderTitle(c.text)) &&
    units.every((u) => u === "founder" || u === "role");
  // "VP Sales & Marketing", "Head of Sales and Marketing": one role over several departments.
  const roles = units.filter((u) => u === "role" || u === "founder");
  const oneRoleOverDepartments =
    roles.length === 1 && units.every((u) => u === "role" || u === "founder" || u === "department");
  const merged: Unit[] = oneFounder ? ["founder"] : oneRoleOverDepartments ? roles : units;

  if (merged.length > 1) {
    if (merged.every((u) => u === "team" || u === "department" || u === "collective")) {
      return reason("owner-group", `${q} ${GROUP_MESSAGES[merged[0] as "team"]}`);
    }
    return reason("owner-multiple", `${q} names several owners; one person must hold the decision.`);
  }
  const unit = merged[0];
  if (unit === "several") return reason("owner-multiple", `${q} is several people; name one.`);
  if (unit === "team" || unit === "department" || unit === "collective") {
    return reason("owner-group", `${q} ${GROUP_MESSAGES[unit]}`);
  }
  const warnings =
    unit === "founder"
      ? [
          {
            code: "owner-founder" as const,
            message: `${q} is the founder or CEO: every decision on this metric waits for them. Delegate it to one person.`,
          },
        ]
      : [];
  return { owner: text, reasons: [], warnings };
}

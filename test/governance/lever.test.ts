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
  isSymbolEntry,
} from "../../src/governance/lexicon";
import { judgeLever, leverBounds } from "../../src/governance/lever";

/** A text that an entry matches: "escalat*" → "escalat", "with * approval" → "with CFO approval". */
function probe(entry: string): string {
  return entry
    .split(" ")
    .map((p) => (p === "*" ? "CFO" : p.endsWith("*") ? p.slice(0, -1) : p))
    .join(" ");
}

const codes = (answer: string) => judgeLever(answer).reasons.map((r) => r.code);
const warningCodes = (answer: string) => judgeLever(answer).warnings.map((w) => w.code);

describe("judgeLever: GOVERNANCE.md's table", () => {
  test.each([
    "authorize up to $10k in credits",
    "pause the pricing rollout for 30 days",
    "cut paid ad spend by up to 20%",
  ])("%j grants bounded authority", (answer) => {
    expect(judgeLever(answer)).toEqual({ reasons: [], warnings: [] });
  });
  test.each([
    ["", "lever-missing"],
    ["  ", "lever-missing"],
    ["escalate to CEO", "lever-escalates"],
    ["check with founder", "lever-escalates"],
    ["needs approval", "lever-escalates"],
    ["discuss at MBR", "lever-vague"],
    ["monitor", "lever-vague"],
    ["investigate", "lever-vague"],
    ["align with sales", "lever-vague"],
  ])("%j → %s", (answer, code) => {
    expect(codes(answer)).toEqual([code]);
    expect(judgeLever(answer).warnings).toEqual([]);
  });
});

describe("judgeLever: hand-written cases", () => {
  test.each([
    ["freeze hiring", [], ["lever-unbounded"]],
    ["pause rollout, then discuss at MBR", [], ["lever-unbounded"]],
    ["pause rollout for 2 weeks, then discuss at MBR", [], []],
    ["authorize up to $10k in credits without asking the CEO", [], []],
    ["No approval needed: pause all campaigns", [], ["lever-unbounded"]],
    ["cut spend by 20% with CFO approval", ["lever-escalates"], []],
    ["propose a price change to the CFO", ["lever-escalates"], []],
    ["run it by Finance, then cut spend", ["lever-escalates"], []],
    ["Escalation to the board", ["lever-escalates"], []],
    ["raise awareness", ["lever-vague"], []],
    ["investigate the issue", ["lever-vague"], []],
    ["keep an eye on it and follow up", ["lever-vague"], []],
    ["review weekly", ["lever-vague"], []],
    ["hire two contractors", [], []],
    ["freeze hiring this quarter", [], []],
    ["freeze hiring for one quarter", [], []],
    ["refund up to 500 per customer", [], []],
    ["offer 1.2M in credits", [], []],
    ["call the top 10 churned accounts", [], []],
    ["roll back the release", [], ["lever-unbounded"]],
    ["Dana decides", [], ["lever-unbounded"]],
    ['=HYPERLINK("x","pause rollout")', [], ["lever-unbounded"]],
  ] as [string, string[], string[]][])("%j → %j %j", (answer, reasons, warnings) => {
    expect(codes(answer)).toEqual(reasons);
    expect(warningCodes(answer)).toEqual(warnings);
  });

  test.each([
    ["monitor", "'monitor' is commentary, not a decision: say what the owner may do without asking."],
    ["escalate to CEO", "'escalate to CEO' needs someone else's approval: say what the owner may do without asking."],
    [
      "freeze hiring",
      "'freeze hiring' has no limit: add an amount, percentage, duration or scope (e.g. up to $10k, for 30 days).",
    ],
  ])("message for %j", (answer, message) => {
    const v = judgeLever(answer);
    expect([...v.reasons, ...v.warnings][0].message).toBe(message);
  });

  test("messages are one line and cut long answers", () => {
    const [r] = judgeLever(`monitor\n${"the numbers ".repeat(20)}`).reasons;
    expect(r.message).not.toMatch(/\n/);
    expect(r.message).toMatch(/^'monitor the numbers .*…' is commentary/);
  });
});

describe("leverBounds", () => {
  test.each([
    ["authorize up to $10k in credits", ["amount", "scope"]],
    ["cut spend by 20%", ["percent"]],
    ["pause the rollout for 30 days", ["duration", "count"]],
    ["hire 2 contractors", ["count"]],
    ["pause the v2 rollout in Q3", []],
    ["freeze hiring", []],
  ])("%j → %j", (answer, kinds) => {
    expect(leverBounds(answer)).toEqual(kinds);
  });
});

describe("judgeLever: every lexicon entry", () => {
  test.each(ESCALATION_PHRASES)("escalation: %s", (entry) => {
    expect(codes(probe(entry))).toEqual(["lever-escalates"]);
  });
  test.each(NEGATION_WORDS)("a negation cancels an escalation: pause campaigns for 30 days, %s approval", (word) => {
    expect(codes(`pause campaigns for 30 days, ${word} approval`)).toEqual([]);
  });
  test.each(COMMENTARY_PHRASES)("commentary alone is vague: %s", (entry) => {
    expect(codes(probe(entry))).toEqual(["lever-vague"]);
  });
  test.each(ACTION_WORDS)("an action beside commentary is sound: monitor, then %s", (entry) => {
    expect(codes(`monitor, then ${probe(entry)}`)).toEqual([]);
  });
  test.each(CURRENCY_SYMBOLS)("amount: spend %s500", (symbol) => {
    expect(leverBounds(`spend ${symbol}500`)).toContain("amount");
  });
  test.each(CURRENCY_WORDS)("amount: spend 500 %s", (word) => {
    expect(leverBounds(`spend 500 ${word}`)).toContain("amount");
  });
  test.each(Object.keys(MAGNITUDE_SUFFIXES))("amount: spend 5%s", (suffix) => {
    expect(leverBounds(`spend 5${suffix}`)).toContain("amount");
    expect(warningCodes(`spend 5${suffix}`)).toEqual([]);
  });
  test.each(PERCENT_WORDS)("percentage: cut spend 20 %s", (word) => {
    expect(leverBounds(`cut spend 20${word === "%" ? "" : " "}${word}`)).toContain("percent");
  });
  test.each(DURATION_UNITS)("duration: freeze hiring for a %s", (unit) => {
    expect(leverBounds(`freeze hiring for a ${unit}`)).toEqual(["duration"]);
    expect(warningCodes(`freeze hiring for a ${unit}`)).toEqual([]);
  });
  test.each(NUMBER_WORDS)("count: hire %s contractors", (word) => {
    expect(leverBounds(`hire ${word} contractors`)).toContain("count");
    expect(warningCodes(`hire ${word} contractors`)).toEqual([]);
  });
  test.each(SCOPE_PHRASES)("scope: freeze hiring %s EMEA", (entry) => {
    expect(leverBounds(`freeze hiring ${probe(entry)} EMEA`)).toEqual(["scope"]);
    expect(warningCodes(`freeze hiring ${probe(entry)} EMEA`)).toEqual([]);
  });
});

describe("judgeLever: cached verdicts cannot be corrupted by callers", () => {
  test.each(["freeze hiring", "monitor", "authorize up to $10k in credits"])(
    "%j: frozen, same on every call",
    (answer) => {
      const first = judgeLever(answer);
      const before = JSON.stringify(first);
      expect(Object.isFrozen(first)).toBe(true);
      expect(Object.isFrozen(first.reasons)).toBe(true);
      expect(Object.isFrozen(first.warnings)).toBe(true);
      expect(() => (first.reasons as unknown[]).push({ code: "lever-vague", message: "x" })).toThrow();
      expect(JSON.stringify(judgeLever(answer))).toBe(before);
    },
  );
});

describe("judgeLever: placeholders and no-action answers (issue 12)", () => {
  test.each(LEVER_PLACEHOLDER_ANSWERS)("placeholder %j is lever-missing", (entry) => {
    for (const answer of isSymbolEntry(entry) ? [entry, entry.repeat(3)] : [entry, entry.toUpperCase(), `${entry}.`]) {
      const [r] = judgeLever(answer).reasons;
      expect(r.code).toBe("lever-missing");
      expect(r.message).toMatch(/is a placeholder, not a lever: say what the owner may do/);
    }
  });
  test.each(["monitor", "monitor closely", "investigate", "align with sales"])(
    "%j is lever-vague, a reason",
    (answer) => {
      expect(codes(answer)).toEqual(["lever-vague"]);
      expect(warningCodes(answer)).toEqual([]);
    },
  );
  test.each(["no lever beyond this one: cut prices by up to 5%", "TBD budget: pause hiring for 30 days"])(
    "a placeholder word inside a real lever is not a placeholder: %j",
    (answer) => {
      expect(codes(answer)).toEqual([]);
    },
  );
});

describe("judgeLever: answers past the length cap", () => {
  const sound = "authorize up to $10k in credits";
  const padded = (length: number) => (sound + " ok".repeat(length)).slice(0, length);
  test(`a lever of ${LEVER_MAX_CHARS} characters is read; one more gets the cap's verdict, saying so`, () => {
    expect(codes(padded(LEVER_MAX_CHARS))).toEqual([]);
    const [r] = judgeLever(`${padded(LEVER_MAX_CHARS)}x`).reasons;
    expect(r.code).toBe("lever-vague");
    expect(r.message).toMatch(
      /' is 1,001 characters long; a lever fits in 1,000, so no more is read: say in a sentence what the owner may do without asking, e\.g\. authorize up to \$10k in credits\.$/,
    );
  });
  test("a placeholder or an escalation past the cap gets the same verdict", () => {
    expect(codes(`${".".repeat(32766)}x`)).toEqual(["lever-vague"]);
    expect(codes(`${padded(LEVER_MAX_CHARS)} with CFO approval`)).toEqual(["lever-vague"]);
  });
});

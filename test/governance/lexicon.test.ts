import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  COMMENTARY_PHRASES,
  ACTION_WORDS,
  COLLECTIVE_WORDS,
  ESCALATION_PHRASES,
  HIGH_IS_BAD,
  HIGH_IS_BAD_QUALIFIERS,
  LOW_IS_BAD,
  RATIO_SEPARATORS,
  SCOPE_PHRASES,
  UNKNOWN_OWNER_WORDS,
  VAGUE_THRESHOLD_WORDS,
  findAny,
  findPhrase,
  hasPhrase,
  isSymbolAnswer,
  metricDirection,
  normalizeText,
  quoteAnswer,
  words,
  LEVER_PLACEHOLDER_ANSWERS,
  SELF_OWNER_ANSWERS,
  characterCount,
  isWholeAnswer,
} from "../../src/governance/lexicon";
import type { LeverVerdict, OwnerVerdict, ThresholdVerdict } from "../../src/governance/types";
import { judgeLever } from "../../src/governance/lever";
import { judgeOwner } from "../../src/governance/owner";
import { parseThreshold } from "../../src/governance/threshold";

/** A text that an entry matches: "escalat*" → "escalat", "with * approval" → "with CFO approval". */
function probe(entry: string): string {
  return entry
    .split(" ")
    .map((p) => (p === "*" ? "CFO" : p.endsWith("*") ? p.slice(0, -1) : p))
    .join(" ");
}

describe("matching on words", () => {
  test.each([
    ["Discount", "cost", false],
    ["Allison", "all", false],
    ["We all do", "all", true],
    ["Escalation to CEO", "escalat*", true],
    ["get the go-ahead", "go-ahead", true],
    ["Co-founder", "founder", false],
    ["R&D", "r&d", true],
    ["Sales & Marketing", "sales", true],
    ["Don’t know", "don't know", true],
    ["ＴＢＤ", "tbd", true],
  ])("hasPhrase(%j, %j) is %s", (text, entry, expected) => {
    expect(hasPhrase(text, entry)).toBe(expected);
  });

  test("words keep hyphens and apostrophes inside a word and drop a possessive", () => {
    expect(words("The CEO's team: Zoë Saldaña-Pérez, O'Brien")).toEqual([
      "the",
      "ceo",
      "team",
      "zoë",
      "saldaña-pérez",
      "o'brien",
    ]);
  });

  test("normalizeText joins lexicon entries that contain a separator", () => {
    expect(normalizeText("  Head of  R&D / N/A ")).toBe("head of r_d / n_a");
  });

  test("findPhrase reports every occurrence", () => {
    expect(findPhrase(words("monitor, then monitor"), "monitor*").map((m) => m.start)).toEqual([0, 2]);
  });

  test.each([
    ["???", "?", true],
    ["- -", "-", true],
    ["?x", "?", false],
    ["", "?", false],
  ])("isSymbolAnswer(%j, %j) is %s", (answer, entry, expected) => {
    expect(isSymbolAnswer(answer, entry)).toBe(expected);
  });
});

describe("quoteAnswer", () => {
  test("trims and keeps one line", () => {
    expect(quoteAnswer("  Dana\n Lee  ")).toBe("Dana Lee");
  });
  test("cuts a long answer at about 60 characters with …", () => {
    const q = quoteAnswer("x".repeat(200));
    expect(q.endsWith("…")).toBe(true);
    expect(Array.from(q).length).toBeLessThanOrEqual(60);
  });
  test("does not cut inside a character outside the BMP", () => {
    const q = quoteAnswer("😀".repeat(100));
    expect(q).toBe(`${"😀".repeat(59)}…`);
  });
});

/** Entries of a list that another entry of the same list already matches: dead data. */
function shadowed(list: readonly string[]): string[] {
  return list.filter((e) => list.some((o) => o !== e && findPhrase(words(probe(e)), o).length > 0));
}

describe("whole-answer lists", () => {
  test.each([
    ["LEVER_PLACEHOLDER_ANSWERS", LEVER_PLACEHOLDER_ANSWERS],
    ["SELF_OWNER_ANSWERS", SELF_OWNER_ANSWERS],
  ])("%s has no duplicate and every entry is its own whole answer", (_name, list) => {
    expect(new Set(list).size).toBe(list.length);
    for (const e of list) expect(isWholeAnswer(e, [e])).toBe(true);
  });
  test("isWholeAnswer compares words, or a symbol repeated", () => {
    expect(isWholeAnswer("N/A.", ["n/a"])).toBe(true);
    expect(isWholeAnswer("n/a for now", ["n/a"])).toBe(false);
    expect(isWholeAnswer("???", ["?"])).toBe(true);
    expect(isWholeAnswer("?!", ["?"])).toBe(false);
  });
  test("characterCount groups thousands", () => {
    expect(characterCount("x".repeat(32767))).toBe("32,767 characters");
  });
});

describe("lists have no entry another entry already covers (so each entry's test proves it is needed)", () => {
  test.each([
    ["UNKNOWN_OWNER_WORDS", UNKNOWN_OWNER_WORDS],
    ["COLLECTIVE_WORDS", COLLECTIVE_WORDS],
    ["ESCALATION_PHRASES", ESCALATION_PHRASES],
    ["COMMENTARY_PHRASES", COMMENTARY_PHRASES],
    ["ACTION_WORDS", ACTION_WORDS],
    ["SCOPE_PHRASES", SCOPE_PHRASES],
    ["VAGUE_THRESHOLD_WORDS", VAGUE_THRESHOLD_WORDS],
  ])("%s", (_name, list) => {
    expect(shadowed(list)).toEqual([]);
    expect(new Set(list).size).toBe(list.length);
  });
});

describe("metricDirection", () => {
  test.each(HIGH_IS_BAD)("high is bad: %s", (entry) => {
    expect(metricDirection(entry)).toBe("above");
  });
  test.each(LOW_IS_BAD)("low is bad: %s", (entry) => {
    expect(metricDirection(entry)).toBe("below");
  });
  test.each(HIGH_IS_BAD_QUALIFIERS)("a qualifier makes any metric high-is-bad: %s MRR", (q) => {
    expect(metricDirection(`${q} MRR`)).toBe("above");
  });
  test.each(RATIO_SEPARATORS)("the numerator decides a ratio: Cost %s Revenue", (sep) => {
    const name = /^\p{L}/u.test(sep) ? `Cost ${sep} Revenue` : `Cost${sep}Revenue`;
    expect(metricDirection(name)).toBe("above");
  });

  test.each([
    ["Churn", "above"],
    ["Churn %", "above"],
    ["Monthly Churn Rate", "above"],
    ["CAC ($)", "above"],
    ["Customer Acquisition Cost", "above"],
    ["Cost to Income", "above"],
    ["Cost-to-Income ratio", "above"],
    ["Revenue per Employee", "below"],
    ["LTV:CAC", "below"],
    ["LTV / CAC", "below"],
    ["New MRR", "below"],
    ["Net Revenue Retention", "below"],
    ["Gross Margin %", "below"],
    ["Win Rate", "below"],
    ["Sales cycle time", "above"],
    ["Days Sales Outstanding", "above"],
    ["Time to hire", "above"],
    ["Cash burn", "above"],
    ["Cash", "below"],
    ["Churned MRR", "above"],
    ["Lost deals", "above"],
    ["Open bugs", "above"],
    ["P1 Incidents", "above"],
    ["Employee turnover", "above"],
    ["NPS", "below"],
    ["eNPS", "below"],
    ["Uptime %", "below"],
    ["Efficiency ratio", "above"],
    ["Cost to income ratio", "above"],
    ["Bug density", "above"],
    ["Gross Margin", "below"],
    ["Discounts", null],
    ["Discount", null],
    ["Lead Quality", null],
    ["Headcount", null],
    ["", null],
  ])("%j → %s", (name, expected) => {
    expect(metricDirection(name)).toBe(expected);
  });

  // The last-named thing is the head noun: "Revenue churn" is a churn, "Churn revenue" a revenue.
  const withoutRatio = (list: readonly string[]) =>
    list.filter((e) => !words(e).some((w) => RATIO_SEPARATORS.includes(w)));
  test.each(withoutRatio(HIGH_IS_BAD))("Revenue %s is high-is-bad", (e) => {
    expect(metricDirection(`Revenue ${e}`)).toBe("above");
  });
  test.each(withoutRatio(LOW_IS_BAD))("Cost %s is low-is-bad", (e) => {
    expect(metricDirection(`Cost ${e}`)).toBe("below");
  });
  // A count of work done is throughput: low-is-bad, while "Fixed costs" stay costs.
  test.each([
    ["Tickets resolved", "below"],
    ["Closed tickets", "below"],
    ["Bugs fixed", "below"],
    ["Incidents resolved", "below"],
    ["Deals won", "below"],
    ["Completed trainings", "below"],
    ["Fixed costs", "above"],
    ["Open tickets", "above"],
    ["Tickets opened", "above"],
    ["Closed lost deals", "above"],
    ["Time to resolve", "above"],
  ])("%s → %s", (name, expected) => {
    expect(metricDirection(name)).toBe(expected);
  });
  // ...but a name that opens with "Churn" is what was churned: a loss, high-is-bad.
  test.each(["Churn ARR ($)", "Churn MRR", "Churn revenue", "Churn customers", "Attrition headcount", "Churn"])(
    "%s is high-is-bad",
    (name) => {
      expect(metricDirection(name)).toBe("above");
    },
  );
});

describe("the core stays pure", () => {
  test.each(["lexicon.ts", "owner.ts", "threshold.ts", "lever.ts"])("%s imports only the core", (file) => {
    const source = readFileSync(join(__dirname, "../../src/governance", file), "utf8");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.every((i) => i.startsWith("./"))).toBe(true);
    expect(source).not.toMatch(/new Date|Date\.now|Math\.random|\bprocess\.|\brequire\(|\bwindow\.|\bdocument\./);
  });
});

describe("the judges on any text", () => {
  const judgeAll = (s: string) => [
    judgeOwner(s),
    judgeLever(s),
    parseThreshold(s, { name: s, unit: "percent-fraction" }),
    metricDirection(s),
  ];

  test("never throw, are deterministic, and every message is one line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (s) => {
        const first = judgeAll(s);
        expect(judgeAll(s)).toEqual(first);
        const messages = first.flatMap((v) =>
          v !== null && typeof v === "object"
            ? [...v.reasons, ...("warnings" in v ? v.warnings : [])].map((f) => f.message)
            : [],
        );
        for (const m of messages) expect(m).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 300 },
    );
  });

  // Speed is measured in `npm run bench`; here, what a huge answer gets: the cap's verdict.
  test("give a huge answer the length cap's verdict", () => {
    const huge = `${"Dana Lee & 1,234.5% > (5%) monitor ".repeat(3000)}`;
    const [owner, lever, threshold] = judgeAll(huge) as [OwnerVerdict, LeverVerdict, ThresholdVerdict];
    expect(owner.reasons.map((r) => r.code)).toEqual(["owner-unknown"]);
    expect(lever.reasons.map((r) => r.code)).toEqual(["lever-vague"]);
    expect(threshold.reasons.map((r) => r.code)).toEqual(["threshold-vague"]);
    for (const m of [owner, lever, threshold].flatMap((v) => v.reasons))
      expect(m.message).toMatch(/so no more is read/);
  });
});

describe("findAny: one indexed pass per list", () => {
  test.each([
    // [text, list, expected entries in order]
    ["escalation, then ask and seek approval", ESCALATION_PHRASES, ["escalat*", "ask*", "approval*"]],
    ["monitor, then monitor", COMMENTARY_PHRASES, ["monitor*", "monitor*"]],
    ["keep an eye on it", COMMENTARY_PHRASES, ["keep an eye"]],
    ["raise awareness", COMMENTARY_PHRASES, ["raise awareness"]],
    ["nothing here", COMMENTARY_PHRASES, []],
  ] as const)("%j", (text, list, expected) => {
    expect(findAny(words(text), list).map((m) => m.entry)).toEqual(expected);
  });

  test("an overlapping longer entry comes first at the same start", () => {
    const list = ["look", "look into"];
    expect(findAny(words("look into it"), list)).toEqual([
      { entry: "look into", start: 0, end: 2 },
      { entry: "look", start: 0, end: 1 },
    ]);
  });

  test("gives what matching each entry alone gives, for every list entry", () => {
    for (const list of [ESCALATION_PHRASES, COMMENTARY_PHRASES, SCOPE_PHRASES, VAGUE_THRESHOLD_WORDS]) {
      const text = list.map((e) => e.replace(/\*/g, "ing")).join(" , ");
      const ws = words(text);
      const one = list.flatMap((e) => findPhrase(ws, e)).sort((a, b) => a.start - b.start || b.end - a.end);
      expect(findAny(ws, list)).toEqual(one);
    }
  });
});

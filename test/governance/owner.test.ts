import {
  CEO_WORDS,
  COLLECTIVE_WORDS,
  DEPARTMENTS,
  FOUNDER_WORDS,
  IRREGULAR_PLURAL_SEATS,
  JOINED_WORDS,
  MULTI_OWNER_SEPARATORS,
  OWNER_FILLER_WORDS,
  QUALIFIER_SEPARATORS,
  OWNER_MAX_CHARS,
  SEAT_WORDS,
  SELF_OWNER_ANSWERS,
  TEAM_WORDS,
  UNKNOWN_OWNER_ANSWERS,
  UNKNOWN_OWNER_WORDS,
  isSymbolEntry,
} from "../../src/governance/lexicon";
import { judgeOwner } from "../../src/governance/owner";

const codes = (answer: string) => judgeOwner(answer).reasons.map((r) => r.code);
const warningCodes = (answer: string) => judgeOwner(answer).warnings.map((w) => w.code);

describe("judgeOwner: GOVERNANCE.md's table", () => {
  test.each([
    ["", "owner-missing"],
    ["   ", "owner-missing"],
    ["TBD", "owner-unknown"],
    ["I don't know", "owner-unknown"],
    ["Sales team", "owner-group"],
    ["Marketing", "owner-group"],
    ["We all do", "owner-group"],
    ["Leadership", "owner-group"],
    ["Dana / Sam", "owner-multiple"],
    ["CTO and COO", "owner-multiple"],
    ["Dana Lee & Sam Ortiz", "owner-multiple"],
  ])("%j → %s", (answer, code) => {
    const v = judgeOwner(answer);
    expect(v.reasons.map((r) => r.code)).toEqual([code]);
    expect(v.owner).toBeNull();
  });

  test.each([
    "Dana Lee",
    "VP Sales",
    "Head of Growth",
    "CFO",
    "O'Brien",
    "Zoë Saldaña-Pérez",
    "李雷",
    "Chief of Staff",
  ])("%j is one individual", (answer) => {
    const v = judgeOwner(answer);
    expect(v).toEqual({ owner: answer, reasons: [], warnings: [] });
  });
});

describe("judgeOwner: hand-written cases", () => {
  test.each([
    ["  Dana Lee  ", [], "Dana Lee"],
    ["Dana Lee, VP Sales", [], "Dana Lee, VP Sales"],
    ["Dana Lee (Sales)", [], "Dana Lee (Sales)"],
    ["Dana Lee - VP Sales", [], "Dana Lee - VP Sales"],
    ["DRI: Dana Lee", [], "DRI: Dana Lee"],
    ["Lee, D.", [], "Lee, D."],
    ["Team lead", [], "Team lead"],
    ["Group CFO", [], "Group CFO"],
    ["Board chair", [], "Board chair"],
    ["Product Owner", [], "Product Owner"],
    ["Head of US Sales", [], "Head of US Sales"],
    ["Head of Research and Development", [], "Head of Research and Development"],
    ["Head of P&L", [], "Head of P&L"],
    ["VP Sales & Marketing", [], "VP Sales & Marketing"],
    ["Head of Sales and Marketing", [], "Head of Sales and Marketing"],
    ["Dana & Marketing", ["owner-multiple"], null],
    ["Co-founder / CTO, Platform", [], "Co-founder / CTO, Platform"],
    ["Li Na", [], "Li Na"],
    ["Malcolm X", [], "Malcolm X"],
    ["Allison", [], "Allison"],
    ["Office of the CEO", ["owner-group"], null],
    ["CFO office", ["owner-group"], null],
    ["Dana's team", ["owner-group"], null],
    ["Exec team", ["owner-group"], null],
    ["Sales & Marketing", ["owner-group"], null],
    ["R&D", ["owner-group"], null],
    ["Customer Success", ["owner-group"], null],
    ["Everyone in Sales", ["owner-group"], null],
    ["the whole company", ["owner-group"], null],
    ["Shared ownership", ["owner-group"], null],
    ["Account managers", ["owner-multiple"], null],
    ["the founders", ["owner-multiple"], null],
    ["Board members", ["owner-multiple"], null],
    ["Dana, Sam", ["owner-multiple"], null],
    ["Dana Lee and Sales team", ["owner-multiple"], null],
    ["Dana or Sam", ["owner-multiple"], null],
    ["CTO + COO", ["owner-multiple"], null],
    ["TBD (maybe Dana)", ["owner-unknown"], null],
    ["???", ["owner-unknown"], null],
    ["N/A", ["owner-unknown"], null],
    ["nobody yet", ["owner-unknown"], null],
  ] as [string, string[], string | null][])("%j → %j", (answer, reasons, owner) => {
    const v = judgeOwner(answer);
    expect(v.reasons.map((r) => r.code)).toEqual(reasons);
    expect(v.owner).toBe(owner);
  });

  test("formula-like text is judged as text, never evaluated or split", () => {
    const text = '=HYPERLINK("mailto:dana@example.com","Dana Lee")';
    expect(judgeOwner(text)).toEqual({ owner: text, reasons: [], warnings: [] });
    expect(codes("=Sales team")).toEqual(["owner-group"]);
  });

  test.each([
    ["CEO", "CEO"],
    ["Founder & CEO", "Founder & CEO"],
    ["Co-founder / CTO", "Co-founder / CTO"],
    ["Dana Lee (CEO)", "Dana Lee (CEO)"],
    ["the founder", "the founder"],
    ["Chief Executive Officer", "Chief Executive Officer"],
  ])("%j is sound, with the founder warning", (answer, owner) => {
    const v = judgeOwner(answer);
    expect(v.owner).toBe(owner);
    expect(v.reasons).toEqual([]);
    expect(v.warnings.map((w) => w.code)).toEqual(["owner-founder"]);
    expect(v.warnings[0].message).toContain(`'${owner}'`);
  });

  test("two founders are still several people", () => {
    expect(codes("CEO and CTO")).toEqual(["owner-multiple"]);
  });

  test.each([
    ["Sales team", "'Sales team' is a team; name one person."],
    ["Marketing", "'Marketing' is a department; name one person."],
    ["We all do", "'We all do' is everyone, so no one; name one person."],
  ])("message for %j", (answer, message) => {
    expect(judgeOwner(answer).reasons[0].message).toBe(message);
  });

  test("messages are one line, quote the answer as typed and cut long ones", () => {
    const long = `Sales team ${"and friends ".repeat(10)}`;
    const [r] = judgeOwner(`  ${long}\n`).reasons;
    expect(r.message).not.toMatch(/\n/);
    expect(r.message.startsWith("'Sales team and friends")).toBe(true);
    expect(r.message).toContain("…'");
  });
});

describe("judgeOwner: every lexicon entry", () => {
  test.each(UNKNOWN_OWNER_WORDS)("unknown owner: %j", (word) => {
    const [r] = judgeOwner(word).reasons;
    expect(r.code).toBe("owner-unknown");
    expect(r.message).toContain("names no one yet");
  });
  test.each(UNKNOWN_OWNER_ANSWERS)("unknown owner as the whole answer: %j", (word) => {
    for (const answer of isSymbolEntry(word) ? [word, word.repeat(3)] : [word, word.toUpperCase()]) {
      const [r] = judgeOwner(answer).reasons;
      expect(r.code).toBe("owner-unknown");
      expect(r.message).toContain("names no one yet");
    }
  });
  test.each(SEAT_WORDS)("a seat is one person, even in a team: Sales team %s", (seat) => {
    expect(judgeOwner(`Sales team ${seat}`).reasons).toEqual([]);
  });
  test.each([...SEAT_WORDS, ...CEO_WORDS, ...FOUNDER_WORDS].filter((f) => !f.includes(" ")))(
    "a plural seat is several people: %ss",
    (seat) => {
      expect(codes(`${seat}s`)).toEqual(["owner-multiple"]);
    },
  );
  test.each(IRREGULAR_PLURAL_SEATS)("an irregular plural seat is several people: %s", (word) => {
    expect(codes(word)).toEqual(["owner-multiple"]);
  });
  test.each([...CEO_WORDS, ...FOUNDER_WORDS])("founder: %s", (word) => {
    expect(codes(word)).toEqual([]);
    expect(warningCodes(word)).toEqual(["owner-founder"]);
  });
  test.each(FOUNDER_WORDS)("a founder title beside a role is one person: %s & CTO", (word) => {
    expect(codes(`${word} & CTO`)).toEqual([]);
    expect(warningCodes(`${word} & CTO`)).toEqual(["owner-founder"]);
  });
  test.each(TEAM_WORDS)("team: Dana %s", (word) => {
    expect(codes(`Dana ${word}`)).toEqual(["owner-group"]);
    expect(codes(`Dana ${word}s`)).toEqual(["owner-group"]);
  });
  test.each(DEPARTMENTS)("department: %s", (word) => {
    expect(codes(word)).toEqual(["owner-group"]);
    expect(judgeOwner(word).reasons[0].message).toContain("is a department");
  });
  test.each(COLLECTIVE_WORDS)("collective: %s", (word) => {
    expect(codes(word)).toEqual(["owner-group"]);
  });
  test.each(MULTI_OWNER_SEPARATORS)("separator between owners: Dana Lee %s Sam Ortiz", (sep) => {
    const answer = /^\p{L}/u.test(sep) ? `Dana Lee ${sep} Sam Ortiz` : `Dana Lee${sep}Sam Ortiz`;
    expect(codes(answer)).toEqual(["owner-multiple"]);
  });
  test.each(QUALIFIER_SEPARATORS)("qualifier separator %j: two names are several, a name and a role one", (sep) => {
    expect(codes(`Dana${sep}Sam`)).toEqual(["owner-multiple"]);
    expect(codes(`Dana Lee${sep}VP Sales`)).toEqual([]);
  });
  test.each(JOINED_WORDS)("a joined word is one word: Head of %s reporting", (word) => {
    expect(codes(`Head of ${word} reporting`)).toEqual([]);
  });
});

describe("judgeOwner: filler words do not turn a department into a person", () => {
  // Without the entry, "<filler> Marketing" would read as a name followed by a department.
  test.each(OWNER_FILLER_WORDS)("%j Marketing is a group", (filler) => {
    expect(codes(`${filler} Marketing`)).toEqual(["owner-group"]);
  });
});

describe("judgeOwner: cached verdicts cannot be corrupted by callers", () => {
  test.each(["Dana Lee", "CEO", "Sales team"])("%j: frozen, and the same on every call", (answer) => {
    const first = judgeOwner(answer);
    const before = JSON.stringify(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.reasons)).toBe(true);
    expect(Object.isFrozen(first.warnings)).toBe(true);
    expect(() => (first.warnings as unknown[]).push({ code: "owner-overloaded", message: "x" })).toThrow();
    // audit.ts concatenates into a fresh array, which stays mutable.
    const merged = first.warnings.concat([]);
    merged.push({ code: "owner-overloaded", message: "x" });
    expect(JSON.stringify(judgeOwner(answer))).toBe(before);
    expect(JSON.stringify(judgeOwner(`  ${answer}  `))).toBe(before);
  });
});

describe("judgeOwner: 'me', 'myself', 'I' name whoever typed them (issue 12)", () => {
  test.each(SELF_OWNER_ANSWERS)("%j is owner-unknown: ask who", (word) => {
    for (const answer of [word, word.toUpperCase(), `${word}!`, ` ${word}. `]) {
      const [r] = judgeOwner(answer).reasons;
      expect(r.code).toBe("owner-unknown");
      expect(r.message).toMatch(/says who typed it, not who owns it: ask who that is, and name them\./);
    }
  });
  test.each(["Imogen", "Mei", "Ian", "Mina", "Mimi"])("%j is still judged as a name", (answer) => {
    expect(codes(answer)).toEqual([]);
  });
});

describe("judgeOwner: answers past the length cap", () => {
  test(`a name of ${OWNER_MAX_CHARS} characters is read; one more gets the cap's verdict, saying so`, () => {
    const name = `D${"a".repeat(OWNER_MAX_CHARS - 1)}`;
    expect(codes(name)).toEqual([]);
    const [r] = judgeOwner(`${name}a`).reasons;
    expect(r.code).toBe("owner-unknown");
    expect(r.message).toBe(
      `'${`D${"a".repeat(58)}`}…' is 201 characters long; a name or role fits in 200, so no more is read: name the one person whose job depends on this number.`,
    );
  });
  test("whatever the long answer says, the verdict is the same", () => {
    for (const tail of ["Dana Lee", "Sales team", "TBD", "(".repeat(32767)]) {
      expect(codes(`${"x ".repeat(OWNER_MAX_CHARS)}${tail}`)).toEqual(["owner-unknown"]);
    }
  });
});

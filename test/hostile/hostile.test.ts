/**
 * Hostile and pathological files (issue 10), each built from its recipe in bench/hostile.ts
 * (nothing binary is kept), run through the command line and the .xlsx host the browser pane
 * uses (`openWorkbook`); long cell texts also through the Excel host's read (the fake).
 *
 * Budget, whatever the input: every case here ends within 5 s and under 1 GB of memory, with
 * exit 0 and a correct audit, or exit 2 and one line that says what, how much and what to
 * do; the input is never changed and nothing is written on a refusal. These tests assert the
 * outcome only; `npm run bench` measures the worst case's time and peak memory against the
 * budget (no timed tests).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { strToU8 } from "fflate";
import {
  LONG_TEXTS,
  activeTabBook,
  bookParts,
  claimedSizeBook,
  decisionMapSheetBook,
  emptyRowsBomb,
  encodedSheetBook,
  entryNamedBook,
  farCellBook,
  kpiSheetData,
  longCellBook,
  lyingLocalHeaderBook,
  manyEntriesBook,
  manyRelationshipsBook,
  repeatedAttributeBook,
  sheetTargetBook,
  trickyCellsBook,
  truncatedBook,
  understatedBook,
  unclosedBook,
  zipParts,
  type Spot,
} from "../../bench/hostile";
import { auditTable } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { readSheet } from "../../src/excel/host";
import { chooseKpiSheet, openWorkbook, XlsxError } from "../../src/xlsx";
import { LIMITS } from "../../src/xlsx/package";
import { entryData, readZip } from "../../src/xlsx/zip";
import { FakeExcel } from "../excel/fake";
import { runCli } from "../helpers/io";

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const MB = 1024 * 1024;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "decision-map-hostile-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A judged metric as both the JSON report and the host's audit give it. */
interface Judged {
  name: string;
  status: string;
  /** Reason codes. */
  reasons: string[];
  /** Reason and warning messages. */
  messages: string[];
}

/** What a case must end in: an audit whose metrics pass `metrics`, or a refusal matching `refusal`. */
/**
 * A correct audit, a refusal, or (`writeRefusal`) a sheet that can be read and audited but
 * not written into: its XML is not well-formed, so the writer will not splice into it.
 */
type Expect = { metrics: (ms: Judged[]) => void; writeRefusal?: RegExp } | { refusal: RegExp };

/** The three base metrics, each with the status it has when nothing hostile touches it. */
const allThree = (ms: Judged[]) =>
  expect(ms.map((m) => [m.name, m.status])).toEqual([
    ["Churn", "decision-ready"],
    ["MRR", "decision-ready"],
    ["NPS", "decision-ready"],
  ]);

let counter = 0;
async function throughCli(bytes: Uint8Array, expected: Expect, extra: string[] = []): Promise<void> {
  const input = path.join(work, `case-${++counter}.xlsx`);
  writeFileSync(input, bytes);
  const before = sha(input);
  const out = path.join(work, `case-${counter}.out.xlsx`);
  const run = await runCli(["audit", input, "--out", out, "--json", ...extra]);
  expect(sha(input)).toBe(before);
  const refusal = "refusal" in expected ? expected.refusal : expected.writeRefusal;
  if (refusal !== undefined) {
    expect(run.stderr).toMatch(refusal);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    return;
  }
  expect([run.code, run.stderr]).toEqual([0, ""]);
  if ("refusal" in expected) return;
  const report = JSON.parse(run.stdout) as { metrics: Judged[] };
  expected.metrics(report.metrics.map(({ name, status, reasons, messages }) => ({ name, status, reasons, messages })));
  // What was written is a whole package: every part inflates to its recorded size and CRC.
  const written = readZip(new Uint8Array(readFileSync(out)));
  expect(written.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
  for (const e of written) expect(entryData(e)).toHaveLength(e.size);
}

function throughHost(bytes: Uint8Array, expected: Expect): void {
  const attempt = () => {
    const wb = openWorkbook(bytes);
    const choice = chooseKpiSheet(wb);
    if (!choice.ok) throw new Error(choice.message);
    const detected = detectKpiTable(choice.grid);
    if (!detected.ok) throw new Error(detected.message);
    return auditTable({ grid: choice.grid, table: detected.table }).metrics.map((m) => ({
      name: m.name,
      status: m.status,
      reasons: m.reasons.map((r) => r.code as string),
      messages: [...m.reasons, ...m.warnings].map((f) => f.message),
    }));
  };
  if ("refusal" in expected) {
    expect(attempt).toThrow(XlsxError);
    expect(attempt).toThrow(expected.refusal);
    return;
  }
  expected.metrics(attempt());
}

/** Every class of issue 10, built from its recipe, with what it must end in. */
const CASES: [string, () => Uint8Array, Expect][] = [
  // 2. Decompression bombs: refused from the directory, or as soon as inflating passes the claim.
  [
    "a sheet claiming 150 MB over 5 MB of data",
    () => claimedSizeBook(150 * MB, 5 * MB),
    {
      refusal:
        /Sheet 'Dashboard' expands to 150 MB, more than the 64 MB any part of a KPI workbook needs: open it in Excel, delete the unused rows, save, and try again\./,
    },
  ],
  [
    "a 0.5 MB file claiming a 500 MB sheet",
    () => claimedSizeBook(500 * MB, MB / 2),
    { refusal: /This workbook expands to more than 400 MB, which no KPI workbook needs: open it in Excel/ },
  ],
  [
    "a part claiming 4 GB",
    () => claimedSizeBook(0xfffffffe, MB / 2),
    { refusal: /This workbook expands to more than 400 MB/ },
  ],
  [
    "a sheet of 20 MB of empty rows deflated to a few KB",
    () => emptyRowsBomb(20 * MB),
    {
      refusal:
        /Part 'xl\/worksheets\/sheet1\.xml' expands \d[\d,]* times \(\d+ KB to 20 MB\), far past what real Excel data compresses to/,
    },
  ],
  [
    "a sheet claiming 2 KB that inflates to 50 MB",
    () => understatedBook(2048, 50 * MB),
    { refusal: /damaged: sheet 'Dashboard' does not match the size or checksum the file records for it/ },
  ],
  [
    `a package of ${(LIMITS.entries * 2).toLocaleString("en-US")} entries`,
    () => manyEntriesBook(LIMITS.entries * 2),
    { refusal: /This workbook holds 20,00\d parts, more than the 10,000 any KPI workbook needs/ },
  ],
  [
    "a row past Excel's last (1,048,576), reached by an unnumbered row",
    () =>
      zipParts(
        bookParts(
          kpiSheetData().replace(
            "</sheetData>",
            `<row r="1048576"><c r="A1048576"><v>1</v></c></row><row><c><v>1</v></c></row></sheetData>`,
          ),
        ),
      ),
    { refusal: /Sheet 'Dashboard' has a row numbered 1,048,577, past the edge of Excel's grid/ },
  ],
  // 3. Small files with huge claims.
  [
    "150,000 copies of one attribute on the workbook's sheet element",
    () => repeatedAttributeBook("workbook", 150_000),
    { refusal: /An element in this workbook carries more than 1,000 attributes/ },
  ],
  [
    "150,000 copies of one attribute on a relationship",
    () => repeatedAttributeBook("rels", 150_000),
    { refusal: /An element in this workbook carries more than 1,000 attributes/ },
  ],
  [
    "150,000 copies of one attribute on a cell (read in one pass)",
    () => repeatedAttributeBook("cell", 150_000),
    { metrics: allThree },
  ],
  [
    "1,000,000 copies of one attribute (a 9 KB file)",
    () => repeatedAttributeBook("workbook", 1_000_000),
    { refusal: /Part 'xl\/workbook\.xml' expands \d+ times/ },
  ],
  [
    "100,000 relationships",
    () => manyRelationshipsBook(100_000),
    { refusal: /This workbook lists more than 10,000 relationships/ },
  ],
  ["5,000 relationships (read by id, once)", () => manyRelationshipsBook(5_000), { metrics: allThree }],
  [
    "a row numbered 1,000,000,000",
    () => farCellBook({ row: 1_000_000_000 }),
    {
      refusal:
        /Sheet 'Dashboard' has a row numbered 1000000000, past the edge of Excel's grid \(1,048,576 rows, columns to XFD\)/,
    },
  ],
  [
    "a column ZZZZZ in 20 rows",
    () => farCellBook({ column: "ZZZZZ" }),
    { refusal: /Sheet 'Dashboard' has a cell at ZZZZZ10, past the edge of Excel's grid/ },
  ],
  ["a column XFD (Excel's last) in 20 rows", () => farCellBook({ column: "XFD" }), { metrics: allThree }],
  [
    "300,000 cells that never close, in one row (read in one pass; not well-formed, so not written into)",
    () => unclosedBook("cells", 300_000),
    { metrics: allThree, writeRefusal: /This workbook's sheet is damaged, so Decision Map will not change it/ },
  ],
  [
    "300,000 shared strings that never close (read in one pass)",
    () => unclosedBook("strings", 300_000),
    { metrics: allThree },
  ],
  // 4. Odd values where Excel writes only sane ones.
  ["activeTab -1", () => activeTabBook("-1"), { metrics: allThree }],
  ["activeTab 0.5", () => activeTabBook("0.5"), { metrics: allThree }],
  ["activeTab 1e9", () => activeTabBook("1e9"), { metrics: allThree }],
  // 5. Packages that lie, and names that climb out.
  [
    "a sheet cut short (size and CRC left as they were)",
    truncatedBook,
    { refusal: /damaged: sheet 'Dashboard' does not match the size or checksum.*cut short/ },
  ],
  [
    "a local header naming another part than the directory",
    lyingLocalHeaderBook,
    { refusal: /This \.xlsx file is damaged/ },
  ],
  [
    "an absolute sheet target (/xl/worksheets/sheet1.xml)",
    () => sheetTargetBook("/xl/worksheets/sheet1.xml"),
    { metrics: allThree },
  ],
  [
    "a sheet target with ./ and ../ that stays inside",
    () => sheetTargetBook("../xl/./worksheets/sheet1.xml"),
    { metrics: allThree },
  ],
  [
    "a sheet target that climbs out (../../x.xml)",
    () => sheetTargetBook("../../x.xml"),
    { refusal: /This workbook points at a part outside itself \('\.\.\/\.\.\/x\.xml'\)/ },
  ],
  [
    "a zip entry named ../../x.xml",
    () => entryNamedBook("../../x.xml"),
    { refusal: /holds a part named '\.\.\/\.\.\/x\.xml', that climbs out of its folder/ },
  ],
  [
    "a zip entry named /etc/x.xml",
    () => entryNamedBook("/etc/x.xml"),
    { refusal: /holds a part named '\/etc\/x\.xml', an absolute path/ },
  ],
  [
    "a 'Decision Map' sheet pointing at the styles part",
    () => decisionMapSheetBook("styles"),
    { refusal: /damaged: sheet 'Decision Map' points at a part the workbook also uses for something else/ },
  ],
  [
    "a 'Decision Map' sheet whose part is missing",
    () => decisionMapSheetBook("missing"),
    { refusal: /damaged: sheet 'Decision Map' points at a part that is not there/ },
  ],
  [
    "a 'Decision Map' sheet whose relationship is not a sheet's",
    () => decisionMapSheetBook("not-a-sheet"),
    { refusal: /damaged: sheet 'Decision Map' points at a part that is not a sheet/ },
  ],
  [
    "a CDATA section holding '</c>' in a formula",
    () => trickyCellsBook("cdata"),
    { refusal: /Sheet 'Dashboard' holds a CDATA section in its cells, which Excel never writes/ },
  ],
  // The person's cell at I2 is seen, so the Governance column goes to J, never onto I2.
  ["a person's cell at I2 under a namespace prefix", () => trickyCellsBook("prefixed"), { metrics: allThree }],
  ["a person's cell at I2 written before A2", () => trickyCellsBook("out-of-order"), { metrics: allThree }],
  // 7. Encodings.
  ["a UTF-16LE sheet", () => encodedSheetBook("utf-16le"), { metrics: allThree }],
  ["a UTF-16BE sheet", () => encodedSheetBook("utf-16be"), { metrics: allThree }],
  [
    "a sheet declared ISO-8859-1",
    () => encodedSheetBook("iso-8859-1"),
    { refusal: /Sheet 'Dashboard' is encoded as ISO-8859-1, not UTF-8 or UTF-16/ },
  ],
];

describe.each(CASES)("%s", (_name, build, expected) => {
  const bytes = build();
  test("the command line", async () => throughCli(bytes, expected), 30_000);
  test("the .xlsx host (openWorkbook)", () => throughHost(bytes, expected));
});

// ---------------------------------------------------------------------------------------
// 1. One long cell, at each place a judge or the header detection reads it.

/** What a long text at a spot must give: the long cell's metric is judged by the cap. */
const LONG_EXPECT: Record<Spot, (ms: Judged[]) => void> = {
  // A name this long is not a metric name: that row may be skipped, the others are audited.
  metric: (ms) => {
    expect(ms.filter((m) => m.name === "MRR" || m.name === "NPS").map((m) => m.status)).toEqual([
      "decision-ready",
      "decision-ready",
    ]);
  },
  owner: (ms) => {
    expect(ms[0].reasons).toEqual(["owner-unknown"]);
    expect(ms[0].messages[0]).toMatch(/is \d[\d,]* characters long; a name or role fits in 200, so no more is read/);
  },
  threshold: (ms) => {
    expect(ms[0].reasons).toEqual(["threshold-vague"]);
    expect(ms[0].messages[0]).toMatch(/a threshold fits in 200, so no more is read/);
  },
  lever: (ms) => {
    expect(ms[0].reasons).toEqual(["lever-vague"]);
    expect(ms[0].messages[0]).toMatch(/a lever fits in 1,000, so no more is read/);
  },
  note: allThree,
};

describe.each(Object.entries(LONG_TEXTS))("a cell of %s", (_name, text) => {
  test.each(["metric", "owner", "threshold", "lever", "note"] as Spot[])(
    "as the %s",
    async (spot) => {
      const bytes = longCellBook(spot, text);
      await throughCli(bytes, { metrics: LONG_EXPECT[spot] });
      throughHost(bytes, { metrics: LONG_EXPECT[spot] });
    },
    30_000,
  );

  test("in the Excel host's read (the fake), as every answer and as a note", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("Dashboard");
    const header = ["Metric", "Jan", "Feb", "Mar", "Owner", "Threshold", "Lever", "Notes"];
    header.forEach((h, c) => sheet.set(0, c, h));
    [
      ["Churn", 0.02, 0.025, 0.03, text, text, text, text],
      ["MRR", 100, 110, 120, "Sam Ortiz", "below 90", "cut paid ad spend by up to 20%", null],
    ].forEach((row, r) => row.forEach((v, c) => sheet.set(r + 1, c, v)));
    const { grid } = await readSheet(excel.context());
    const detected = detectKpiTable(grid);
    if (!detected.ok) throw new Error(detected.message);
    const [churn, mrr] = auditTable({ grid, table: detected.table }).metrics;
    expect(churn.reasons.map((r) => r.code)).toEqual(["owner-unknown", "threshold-vague", "lever-vague"]);
    expect(mrr.status).toBe("decision-ready");
  });
});

// Answers files holding the same texts: judged by the same capped judges.
describe.each(Object.entries(LONG_TEXTS))("an answers file with %s", (_name, text) => {
  test.each(["csv", "json"])(
    "as %s, for every field",
    async (kind) => {
      const file = path.join(work, `answers-${++counter}.${kind}`);
      const quoted = `"${text.replace(/"/g, '""')}"`;
      writeFileSync(
        file,
        kind === "json"
          ? JSON.stringify([{ metric: "Churn", owner: text, threshold: text, lever: text }])
          : `metric,owner,threshold,lever\nChurn,${quoted},${quoted},${quoted}\n`,
      );
      // The base sheet without answers for Churn, so the file's answers are used.
      const bytes = zipParts(
        bookParts(
          kpiSheetData()
            .replace(/<c r="E2"[^]*?<\/c>/, "")
            .replace(/<c r="F2"[^]*?<\/c>/, "")
            .replace(/<c r="G2"[^]*?<\/c>/, ""),
        ),
      );
      await throughCli(
        bytes,
        {
          metrics: (ms) => {
            expect(ms[0].name).toBe("Churn");
            expect(ms[0].reasons).toEqual(["owner-unknown", "threshold-vague", "lever-vague"]);
          },
        },
        ["--answers", file],
      );
    },
    30_000,
  );
});

// ---------------------------------------------------------------------------------------
// 4 and 6: the command line's own inputs.

describe("answers files holding objects where text belongs", () => {
  test.each([
    ['[{"metric": {"a": 1}, "owner": "Dana Lee"}]', /entry 1 has a 'metric' that is an object, not text/],
    [
      '[{"metric": "Churn", "owner": {"toString": 1}}]',
      /in entry 1 \('Churn'\), 'owner' is an object, not text\. Write it as text, e\.g\. "owner": "Dana Lee"/,
    ],
    ['[{"metric": "Churn", "lever": ["cut", "spend"]}]', /'lever' is a list, not text/],
    ['{"metrics": [{"metric": "Churn", "threshold": {"valueOf": 3}}]}', /'threshold' is an object, not text/],
    ["null", /must hold a list of \{metric, owner, threshold, lever\}/],
    ['{"toString": 1}', /must hold a list of \{metric, owner, threshold, lever\}/],
  ])("%s", async (json, message) => {
    const file = path.join(work, `objects-${++counter}.json`);
    writeFileSync(file, json);
    await throughCli(zipParts(bookParts()), { refusal: message }, ["--answers", file]);
  });
});

describe("an input reached through a symbolic link", () => {
  test("--out naming the file the input links to is refused, and both are unchanged", async () => {
    const victim = path.join(work, "victim.xlsx");
    writeFileSync(victim, zipParts(bookParts()));
    const alias = path.join(work, "alias.xlsx");
    symlinkSync(victim, alias);
    const before = sha(victim);
    const run = await runCli(["audit", alias, "--out", victim]);
    expect(run.stderr).toMatch(/--out names the input file; Decision Map never changes the input/);
    expect(run.code).toBe(2);
    expect(sha(victim)).toBe(before);
  });

  test("--out through a linked folder naming the input is refused", async () => {
    const dir = path.join(work, "real-dir");
    require("node:fs").mkdirSync(dir);
    const input = path.join(dir, "book.xlsx");
    writeFileSync(input, zipParts(bookParts()));
    const link = path.join(work, "linked-dir");
    symlinkSync(dir, link);
    const before = sha(input);
    const run = await runCli(["audit", input, "--out", path.join(link, "book.xlsx")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out names the input file/);
    expect(sha(input)).toBe(before);
  });

  test("--out naming another file is written", async () => {
    const input = path.join(work, "plain.xlsx");
    writeFileSync(input, zipParts(bookParts()));
    const alias = path.join(work, "plain-alias.xlsx");
    symlinkSync(input, alias);
    const out = path.join(work, "plain.out.xlsx");
    const run = await runCli(["audit", alias, "--out", out]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(existsSync(out)).toBe(true);
  });
});

test("the recipes build what they say (a guard on the fixtures themselves)", () => {
  // The understated sheet really inflates past its claim, and the truncated one really is cut.
  expect(understatedBook(2048, 50 * MB).length).toBeLessThan(MB);
  expect(claimedSizeBook(150 * MB, 5 * MB).length).toBeLessThan(6 * MB);
  expect(strToU8(kpiSheetData()).length).toBeGreaterThan(500);
});

describe("a person's cell the reader must see, so nothing is written onto it", () => {
  test.each(["prefixed", "out-of-order"] as const)("%s: I2 keeps its one cell, Governance goes to J2", async (kind) => {
    const input = path.join(work, `tricky-${kind}.xlsx`);
    writeFileSync(input, trickyCellsBook(kind));
    const out = path.join(work, `tricky-${kind}.out.xlsx`);
    const run = await runCli(["audit", input, "--out", out, "--json"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(
      (JSON.parse(run.stdout) as { table: { governanceColumns: { governance: string } } }).table.governanceColumns
        .governance,
    ).toBe("J");
    const sheet = new TextDecoder().decode(
      entryData(readZip(new Uint8Array(readFileSync(out))).find((e) => e.name === "xl/worksheets/sheet1.xml")!),
    );
    expect(sheet.match(/<(?:x:)?c [^>]*r="I2"/g)).toHaveLength(1);
    expect(sheet.match(/<c r="J2"/g)).toHaveLength(1);
  });
});

import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/io";

/** The sample dashboard's metrics, in sheet order. */
const SAMPLE_METRICS = [
  "MRR",
  "NRR",
  "Gross Margin",
  "Churn",
  "CAC",
  "Lead Quality",
  "Sales Velocity",
  "Bug Density",
  "NPS",
];

const SAMPLE = path.resolve(__dirname, "../../assets/sample-kpi-dashboard.xlsx");
const ANSWERS = path.resolve(__dirname, "../../assets/sample-answers.csv");

let dir: string;
let input: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-cli-"));
  input = path.join(dir, "kpis.xlsx");
  copyFileSync(SAMPLE, input);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("decision-map audit --json", () => {
  test("prints the contract's shape and writes <name>.decision-map.xlsx beside the input", async () => {
    const before = sha(input);
    const run = await runCli(["audit", input, "--answers", ANSWERS, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      workbook: input,
      sheet: "Dashboard",
      table: { headerRow: 4, metricColumn: "A", valueColumn: "M" },
    });
    expect(typeof report.table.firstRow).toBe("number");
    expect(typeof report.table.lastRow).toBe("number");
    const names = report.metrics.map((m: { name: string }) => m.name);
    expect(names).toEqual(SAMPLE_METRICS);
    const churn = report.metrics.find((m: { name: string }) => m.name === "Churn");
    expect(churn).toMatchObject({
      row: 9,
      name: "Churn",
      current: 0.034,
      owner: "Dana Lee",
      threshold: "> 3%",
      status: "decision-ready",
      breached: true,
      reasons: [],
    });
    expect(churn.warnings).toContain("threshold-breached");
    const s = report.summary;
    expect(s.metrics).toBe(9);
    expect(s.decisionReady + s.incomplete + s.vanity).toBe(9);
    expect(Array.isArray(s.owners)).toBe(true);
    expect(s.owners[0]).toEqual(
      expect.objectContaining({ owner: expect.any(String), metrics: expect.any(Number), overloaded: false }),
    );
    expect(existsSync(path.join(dir, "kpis.decision-map.xlsx"))).toBe(true);
    expect(sha(input)).toBe(before);
  });

  test("breached is null for a metric with no numeric current value", async () => {
    const run = await runCli(["audit", input, "--json"]);
    const report = JSON.parse(run.stdout);
    for (const m of report.metrics) if (m.current === null) expect(m.breached).toBeNull();
    expect(
      report.metrics.every(
        (m: { threshold: string | null; breached: unknown }) => m.threshold !== null || m.breached === null,
      ),
    ).toBe(true);
  });
});

describe("the written workbook", () => {
  test("holds the Governance column, highlight rules and the two new sheets, and keeps the person's cells", async () => {
    const out = path.join(dir, "out.xlsx");
    const run = await runCli(["audit", input, "--answers", ANSWERS, "--out", out]);
    expect(run.code).toBe(0);
    const before = new ExcelJS.Workbook();
    await before.xlsx.readFile(input);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(out);
    const a = before.getWorksheet("Dashboard")!;
    const b = after.getWorksheet("Dashboard")!;
    // Every cell the person had is as it was.
    a.eachRow((row, r) => row.eachCell((cell, c) => expect(b.getCell(r, c).value).toEqual(cell.value)));
    // Q4 is the new Threshold header beside the existing Owner column P.
    const headers = (b.getRow(4).values as unknown[]).slice(1);
    expect(headers.slice(15)).toEqual(["Owner", "Threshold", "Lever", "Governance"]);
    expect(String(b.getCell("S9").value)).toMatch(/^DECISION-READY/); // Churn
    expect(b.getCell("S8").value).toBe("VANITY: owner is a group, lever is commentary; red now"); // Gross Margin
    expect(String(b.getCell("S7").value)).toMatch(/^INCOMPLETE/); // NRR: no threshold
    expect(b.getCell("S5").value).toBeNull(); // the "Revenue" section row is not a metric
    expect(b.getCell("P9").value).toBe("Dana Lee"); // from the answers file
    expect(b.getCell("Q9").value).toBe("> 3%");
    // The added columns are wide enough to read; the person's Owner column keeps its width.
    expect([b.getColumn("Q").width, b.getColumn("R").width, b.getColumn("S").width]).toEqual([14, 40, 60]);
    expect(b.getColumn("P").width).toBe(a.getColumn("P").width);
    expect(after.worksheets.map((w) => w.name)).toEqual(["Dashboard", "Notes", "Decision Map", "MBR Brief"]);
    const rules = (
      b as unknown as { conditionalFormattings: { rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings
      .flatMap((cf) => cf.rules)
      .map((r) => r.formulae?.[0]);
    expect(rules).toEqual(expect.arrayContaining(['LEFT($S6,6)="VANITY"', 'LEFT($S6,10)="INCOMPLETE"']));
  });

  test("auditing the output again changes nothing (idempotent)", async () => {
    const once = path.join(dir, "once.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    expect((await runCli(["audit", input, "--answers", ANSWERS, "--out", once])).code).toBe(0);
    expect((await runCli(["audit", once, "--out", twice])).code).toBe(0);
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(once);
    const y = new ExcelJS.Workbook();
    await y.xlsx.readFile(twice);
    expect(y.worksheets.map((w) => w.name)).toEqual(x.worksheets.map((w) => w.name));
    for (const ws of x.worksheets) {
      const other = y.getWorksheet(ws.name)!;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) =>
          expect([ws.name, r, c, other.getCell(r, c).value]).toEqual([ws.name, r, c, cell.value]),
        ),
      );
      expect(other.actualColumnCount).toBe(ws.actualColumnCount);
    }
  });
});

describe("--answers", () => {
  test("a JSON answers file works like the CSV one", async () => {
    const json = path.join(dir, "answers.json");
    writeFileSync(
      json,
      JSON.stringify([
        { Metric: "churn", Owner: "Dana Lee", Threshold: "> 3%", Lever: "authorize up to $10k in credits" },
      ]),
    );
    const run = await runCli(["audit", input, "--answers", json, "--json"]);
    expect(run.code).toBe(0);
    const churn = JSON.parse(run.stdout).metrics.find((m: { name: string }) => m.name === "Churn");
    expect(churn).toMatchObject({ owner: "Dana Lee", status: "decision-ready", breached: true });
  });

  test.each([
    ["answers.json", "{not json", /not valid JSON/],
    ["answers.json", '{"a": 1}', /list of \{metric, owner, threshold, lever\}/],
    ["answers.csv", "owner,lever\nDana,cut\n", /needs a header row: metric,owner,threshold,lever/],
    ["answers.json", '[{"owner": "Dana"}]', /entry 1 has no 'metric'/],
  ])("a bad %s is refused: %s", async (name, text, message) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const run = await runCli(["audit", input, "--answers", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(path.join(dir, "kpis.decision-map.xlsx"))).toBe(false);
  });
});

describe("the readable report", () => {
  test("says what was found, the ratio, red and vanity metrics and owner load", async () => {
    const run = await runCli(["audit", input, "--answers", ANSWERS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/9 metrics in Dashboard!A\d+:A\d+/);
    expect(run.stdout).toMatch(/9 metrics, \d+ decisions?/);
    expect(run.stdout).toMatch(/Red metrics \(3\)\n {2}Gross Margin .*nobody holds authority\n {2}Churn .*Dana Lee/);
    expect(run.stdout).toMatch(/Vanity \(\d+\)[\s\S]*Lead Quality[\s\S]*'Sales team'/);
    expect(run.stdout).toMatch(/Owner load/);
    expect(run.stdout).toMatch(/Wrote .*kpis\.decision-map\.xlsx/);
  });
});

describe("exit codes", () => {
  test("--fail-on vanity exits 1 and still writes the map", async () => {
    const run = await runCli(["audit", input, "--fail-on", "vanity", "--json"]);
    expect(run.code).toBe(1);
    expect(existsSync(path.join(dir, "kpis.decision-map.xlsx"))).toBe(true);
  });

  test("--fail-on incomplete exits 0 only when every metric is decision-ready", async () => {
    const all = path.join(dir, "all.csv");
    const lines = ["metric,owner,threshold,lever"];
    for (const name of SAMPLE_METRICS) {
      lines.push(`${name},Dana Lee,> 3,authorize up to $5k`);
    }
    writeFileSync(all, lines.join("\n"));
    // The sheet's own owners ("Sales team", "We all do") win over the file, so some stay vanity.
    const run = await runCli(["audit", input, "--answers", all, "--fail-on", "incomplete", "--max-per-owner", "20"]);
    expect(run.code).toBe(1);
  });

  const bad: [string, () => string[], RegExp][] = [
    ["a missing file", () => ["audit", path.join(dir, "nope.xlsx")], /No such file/],
    ["not an .xlsx name", () => ["audit", path.join(dir, "kpis.csv")], /not an \.xlsx workbook/],
    [
      "a CSV renamed .xlsx",
      () => {
        writeFileSync(path.join(dir, "fake.xlsx"), "a,b\n1,2\n");
        return ["audit", path.join(dir, "fake.xlsx")];
      },
      /xlsx/i,
    ],
    ["no such sheet", () => ["audit", input, "--sheet", "Q3"], /No sheet named 'Q3'.*'Dashboard'/],
    ["a sheet with no KPI table", () => ["audit", input, "--sheet", "Notes"], /\S/],
    ["--out naming the input", () => ["audit", input, "--out", input], /never changes the input/],
    ["a bad --fail-on", () => ["audit", input, "--fail-on", "red"], /--fail-on takes/],
    ["a bad --max-per-owner", () => ["audit", input, "--max-per-owner", "0"], /whole number/],
    ["--ask without a terminal", () => ["audit", input, "--ask"], /needs a terminal/],
    ["an unknown command", () => ["inspect", input], /Unknown command/],
    [
      "an answers file that is not there",
      () => ["audit", input, "--answers", path.join(dir, "none.csv")],
      /answers file/,
    ],
  ];
  test.each(bad)("%s: exit 2, one line on stderr, no output file, input unchanged", async (_what, args, message) => {
    const before = sha(input);
    const run = await runCli(args());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).filter((f) => f.includes("decision-map"))).toEqual([]);
    expect(sha(input)).toBe(before);
  });

  test("an encrypted workbook is refused and says how to remove the password", async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(
      [..."EncryptedPackage"].flatMap((c) => [c.charCodeAt(0), 0]),
      1024,
    );
    const locked = path.join(dir, "locked.xlsx");
    writeFileSync(locked, ole);
    const run = await runCli(["audit", locked]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^decision-map: This workbook is encrypted.*Remove the password/);
    expect(readdirSync(dir).filter((f) => f.includes("decision-map"))).toEqual([]);
  });

  test("a cell of the person's where a new column would go is moved past, never written over", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    wb.getWorksheet("Dashboard")!.getCell("S9").value = "ask Dana";
    await wb.xlsx.writeFile(input);
    const run = await runCli(["audit", input]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "kpis.decision-map.xlsx"));
    const sheet = out.getWorksheet("Dashboard")!;
    expect(sheet.getCell("S9").value).toBe("ask Dana");
    const header = sheet.getRow(4).values as unknown[];
    expect(header.indexOf("Threshold")).toBeGreaterThan(19); // the new columns start past column S
    expect(header.indexOf("Governance")).toBeGreaterThan(19);
  });
});

describe("--ask", () => {
  test("asks for missing answers, refuses a team with its reason, and writes what was accepted", async () => {
    const out = path.join(dir, "asked.xlsx");
    // The first metric missing anything is MRR (owner in the sheet: Priya Shah): threshold, lever.
    const typed = ["high", "below $200k", "approve discounts up to 15%", ...Array(40).fill("")].join("\n");
    const run = await runCli(["audit", input, "--ask", "--out", out, "--json"], { input: typed, tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/MRR \(row 6/);
    expect(run.stderr).toMatch(/'high' /);
    const mrr = JSON.parse(run.stdout).metrics.find((m: { name: string }) => m.name === "MRR");
    expect(mrr).toMatchObject({
      threshold: "below $200k",
      lever: "approve discounts up to 15%",
      status: "decision-ready",
    });
  });

  test("a team typed as owner is refused with its reason and asked again", async () => {
    // MRR, NRR and Gross Margin each lack a threshold and a lever (skipped); then Churn's owner.
    const skips = Array(6).fill("");
    const typed = [
      ...skips,
      "Sales team",
      "Dana Lee",
      "> 3%",
      "authorize up to $10k in credits",
      ...Array(40).fill(""),
    ].join("\n");
    const run = await runCli(["audit", input, "--ask", "--json", "--out", path.join(dir, "o.xlsx")], {
      input: typed,
      tty: true,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Churn \(row 9[\s\S]*'Sales team' is a team/);
    const churn = JSON.parse(run.stdout).metrics.find((m: { name: string }) => m.name === "Churn");
    expect(churn).toMatchObject({ owner: "Dana Lee", threshold: "> 3%", status: "decision-ready" });
  });
});

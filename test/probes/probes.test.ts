/**
 * Probe workbooks with ordinary Excel features (./make.ts), each through the command line
 * as a person runs it: `audit <in> --out <out> --json`, and the text mode. Each must be
 * audited with the right metric names and current values, without a crash, and the written
 * workbook must pass the schemas and Excel's rules, keep everything of the person's, and
 * put nothing into hidden columns, merges, tables, drawings, filters or sparkline cells.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { decide } from "../../src/governance/decide";
import { cellAddress, type CellRange } from "../../src/governance/grid";
import type { ExternalAnswers } from "../../src/governance/audit";
import type { WritePlan } from "../../src/governance/types";
import { parseAnswers } from "../../src/cli/answers";
import { applyPlan, chooseKpiSheet, openWorkbook } from "../../src/xlsx";
import { children, rootElement } from "../../src/xlsx/scan";
import { attribute } from "../../src/xlsx/xml";
import { runCli } from "../helpers/io";
import { excelRuleProblems, lostProblems, schemaProblemsOfMany, schemasAvailable } from "../helpers/ooxml";
import { allProbes, baseLayout, FEATURES, OWNERS, packageOf, type Ctx, type Probe } from "./make";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-probes-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (!schemasAvailable()) console.warn("../shared/ooxml-schemas not found: schema validation of the probes skipped");

interface JsonMetric {
  name: string;
  current: number | null;
  currentPeriod: string | null;
}

const inside = (r: CellRange, row: number, col: number) =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** The plan the command line made: the same sheet choice and core call. */
function planOf(input: Uint8Array, answers?: ExternalAnswers): { sheet: string; plan: WritePlan; hidden: number[] } {
  const wb = openWorkbook(input);
  const choice = chooseKpiSheet(wb);
  if (!choice.ok) throw new Error(choice.message);
  const d = decide({ grid: choice.grid, hints: {}, answers, options: { maxMetricsPerOwner: 5 } });
  if (!d.ok || !d.plan?.ok) throw new Error("no plan");
  return { sheet: choice.name, plan: d.plan.plan, hidden: choice.grid.hiddenColumns ?? [] };
}

const partText = (bytes: Uint8Array, name: string) => {
  const p = unzipSync(bytes)[name];
  return p ? strFromU8(p) : undefined;
};

/** The worksheet children other than cells, as written, by name. */
function heads(xml: string): Map<string, string> {
  const root = rootElement(xml);
  const out = new Map<string, string>();
  for (const k of children(xml, root.innerStart, root.innerEnd))
    if (k.name !== "sheetData" && k.name !== "dimension") out.set(k.name, xml.slice(k.start, k.end));
  return out;
}

/** Each row's attributes other than spans, by row number. */
function rowAttrs(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<row\b([^>]*?)\/?>/g)) {
    const r = attribute(m[1], "r") ?? "";
    out.set(r, m[1].replace(/\s+spans="[^"]*"/, "").trim());
  }
  return out;
}

/** The attributes of the <col> covering column `i` (1-based), min and max aside. */
function colAt(cols: string, i: number): string {
  for (const m of cols.matchAll(/<col\b([^>]*?)\/?>/g)) {
    const min = Number(attribute(m[1], "min"));
    const max = Number(attribute(m[1], "max"));
    if (i >= min && i <= max) return m[1].replace(/\s(min|max)="[^"]*"/g, "").trim();
  }
  return "";
}

/** What of the person's sheet head (views, widths, filter, sort, …) the output changed. */
function headProblems(input: Uint8Array, output: Uint8Array, created: Set<number>): string[] {
  const wbIn = partText(input, "xl/workbook.xml")!;
  const wbOut = partText(output, "xl/workbook.xml")!;
  const out: string[] = [];
  const pr = /<workbookPr[^>]*>/.exec(wbIn)?.[0];
  if (pr && !wbOut.includes(pr)) out.push(`workbookPr changed: ${pr}`);
  for (const s of wbIn.match(/<sheet [^>]*>/g) ?? []) if (!wbOut.includes(s)) out.push(`sheet entry changed: ${s}`);
  const files = Object.keys(unzipSync(input)).filter((n) => n.startsWith("xl/worksheets/sheet"));
  for (const f of files) {
    const a = partText(input, f)!;
    const b = partText(output, f)!;
    if (a === b) continue;
    const ha = heads(a);
    const hb = heads(b);
    for (const [name, x] of ha) {
      if (name === "cols") {
        // The person's columns keep their widths, hidden and outline flags; ours may be added.
        for (let i = 1; i <= 40; i++) {
          if (created.has(i - 1)) continue;
          const before = colAt(x, i);
          const after = colAt(hb.get("cols") ?? "", i);
          if (before !== after) out.push(`${f}: column ${i} was '${before}', is '${after}'`);
        }
      } else if (name === "sheetViews") {
        // The selection may follow; the panes stay.
        const pane = /<pane [^>]*\/>/.exec(x)?.[0];
        if (pane && !hb.get(name)?.includes(pane)) out.push(`${f}: frozen pane changed`);
      } else if (!["conditionalFormatting", "tableParts", "extLst", "pageMargins"].includes(name) && hb.get(name) !== x)
        out.push(`${f}: <${name}> changed: ${x.slice(0, 100)} → ${(hb.get(name) ?? "gone").slice(0, 100)}`);
    }
    const ra = rowAttrs(a);
    const rb = rowAttrs(b);
    for (const [r, attrs] of ra) {
      const after = rb.get(r);
      for (const at of attrs.match(/\b(hidden|ht|customHeight|outlineLevel|collapsed)="[^"]*"/g) ?? [])
        if (!after?.includes(at)) out.push(`${f}: row ${r} lost ${at}`);
    }
  }
  return out;
}

/**
 * The written workbook passes Excel's rules, keeps everything of the person's (cells, parts,
 * names, views, widths, row flags), puts nothing where it must not, and is stable on a re-run.
 */
function sound(
  id: string,
  probe: Probe,
  input: Uint8Array,
  output: Uint8Array,
  answers?: ExternalAnswers,
  rerun = answers !== undefined || richer(probe),
): void {
  const { sheet, plan, hidden } = planOf(input, answers);
  expect(sheet).toBe(probe.sheet);
  expect(excelRuleProblems(output)).toEqual([]);
  expect(lostProblems(input, output, plan)).toEqual([]);
  const created = new Set(plan.columns.filter((c) => c.created).map((c) => c.col));
  expect(headProblems(input, output, created)).toEqual([]);
  // Nothing written where it must not be.
  const wrong: string[] = [];
  for (const c of plan.cells) {
    // The person's own Owner column is where owners belong, inside a table or filter too.
    if (c.col === probe.ownerColumn) continue;
    for (const f of probe.forbidden)
      if (inside(f.range, c.row, c.col)) wrong.push(`${cellAddress(c.row, c.col)} in the ${f.what}`);
    if (hidden.includes(c.col)) wrong.push(`${cellAddress(c.row, c.col)} in a hidden column`);
  }
  expect(wrong).toEqual([]);
  written.push({ id, input, output });

  // Audited again, the written workbook reuses its columns and changes none of its sheets
  // (checked on the richer probes: combinations, tables, answers).
  if (!rerun) return;
  const again = planOf(output, answers);
  expect(again.plan.columns.filter((c) => c.created)).toEqual([]);
  const twice = applyPlan(output, again.plan);
  for (const name of Object.keys(unzipSync(output)).filter((n) => n.startsWith("xl/worksheets/")))
    expect([name, partText(twice, name)]).toEqual([name, partText(output, name)]);
}

/** Combinations and tables: also run with answers, and audited again. */
const richer = (probe: Probe) =>
  probe.features.length > 1 || probe.features.some((f) => f.startsWith("table") || f === "two-tables");

const PROBES = allProbes();
/** Every output, validated against the schemas at the end in one batch (compiling sml.xsd is the slow part). */
const written: { id: string; input: Uint8Array; output: Uint8Array }[] = [];

describe.each(PROBES.map((p) => [p.id, p] as [string, Probe]))("%s", (id, probe) => {
  const input = packageOf(probe.book);
  const file = () => path.join(dir, `${id.replace(/[^a-z0-9]+/gi, "_")}.xlsx`);
  const outFile = () => path.join(dir, `${id.replace(/[^a-z0-9]+/gi, "_")}.out.xlsx`);

  test("the command line audits the right sheet, metrics and current values, and the output loses nothing", async () => {
    writeFileSync(file(), input);
    const run = await runCli(["audit", file(), "--out", outFile(), "--json"]);
    expect({ id, stderr: run.stderr, code: run.code }).toEqual({ id, stderr: "", code: 0 });
    const json = JSON.parse(run.stdout) as { sheet: string; metrics: JsonMetric[] };
    expect(json.sheet).toBe(probe.sheet);
    expect(json.metrics.map((m) => [m.name, m.current])).toEqual(probe.expected.map((e) => [e.name, e.current]));
    for (const m of json.metrics)
      expect([m.name, m.currentPeriod ?? ""]).toEqual([m.name, expect.stringMatching(/Jun|2024-06/)]);

    sound(id, probe, input, new Uint8Array(readFileSync(outFile())));
  });

  // Only the richer probes: the rest add nothing a run with answers would not already show.
  if (richer(probe))
    test("with every answer given, the answers are written as safely", async () => {
      writeFileSync(file(), input);
      const csv = path.join(dir, `${id.replace(/[^a-z0-9]+/gi, "_")}.csv`);
      writeFileSync(
        csv,
        "metric,owner,threshold,lever\n" +
          probe.expected.map((e) => `"${e.name}",Ops lead,< ${e.current},approve up to $5k of overtime`).join("\n") +
          "\n",
      );
      const run = await runCli(["audit", file(), "--out", outFile(), "--json", "--answers", csv]);
      expect({ id, stderr: run.stderr, code: run.code }).toEqual({ id, stderr: "", code: 0 });
      const json = JSON.parse(run.stdout) as { metrics: (JsonMetric & { owner: string | null })[] };
      // An owner already on the sheet stays; the file's answer fills the others.
      const owners = probe.expected.map((_, i) => (probe.layout === "rows" ? OWNERS[i] : null) ?? "Ops lead");
      expect(json.metrics.map((m) => m.owner)).toEqual(owners);
      sound(
        `${id} (answered)`,
        probe,
        input,
        new Uint8Array(readFileSync(outFile())),
        parseAnswers(readFileSync(csv, "utf8"), csv),
      );
    });

  test("the text mode says the same in words, without a stack trace", async () => {
    writeFileSync(file(), input);
    const run = await runCli(["audit", file(), "--out", outFile()]);
    expect({ stderr: run.stderr, code: run.code }).toEqual({ stderr: "", code: 0 });
    expect(run.stdout).not.toMatch(/internal error|\n\s+at /);
    expect(run.stdout).toContain(`${probe.expected.length} metrics`);
    for (const e of probe.expected) expect(run.stdout).toContain(e.name);
    // The current period as the sheet shows it, never a date's serial number.
    expect(run.stdout.split("\n")[1]).not.toMatch(/\(\d{5}(\.\d+)?\)/);
  });
});

/**
 * The same check as schemaProblems (test/helpers/ooxml.ts) for every probe at once: each
 * part the output changed or added, against its schema; only errors its input part did not
 * already have count.
 */
(schemasAvailable() ? test : test.skip)(
  "every written probe passes the schemas (problems its input had aside)",
  async () => {
    expect(written.length).toBeGreaterThan(0);
    const problems = await schemaProblemsOfMany(written);
    expect(problems).toEqual([]);
  },
  120000,
);

describe("workbooks that truly cannot be audited are refused in one line", () => {
  /** Only a title and a note on the sheet; a chart sheet and a very hidden data sheet beside it. */
  function unauditable(kind: "title-only" | "hidden-data-only"): Uint8Array {
    const b = baseLayout("rows");
    const x: Ctx = { ...b, layout: "rows", forbidden: [] };
    if (kind === "title-only") {
      x.sheet.cells = [["KPI Scorecard 2024"], [], ["Figures follow next month."]];
    } else {
      FEATURES["several-sheets"](x);
      x.sheet.state = "veryHidden";
      x.book.activeTab = 2;
      x.book.sheets = x.book.sheets.filter((s) => s.name !== "Calc");
      x.book.sheets.push({ ...x.book.sheets[0], name: "Cover", cells: [["Board pack"]], rels: [], state: undefined });
      x.book.activeTab = 0;
    }
    return packageOf(x.book);
  }

  test.each(["title-only", "hidden-data-only"] as const)("%s: exit 2, one line, nothing written", async (kind) => {
    const file = path.join(dir, `refused-${kind}.xlsx`);
    const out = path.join(dir, `refused-${kind}.out.xlsx`);
    writeFileSync(file, unauditable(kind));
    for (const json of [false, true]) {
      const run = await runCli(["audit", file, "--out", out, ...(json ? ["--json"] : [])]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^decision-map: /);
      expect(run.stderr).not.toMatch(/internal error|\bat \w+ \(/);
      expect(existsSync(out)).toBe(false);
    }
  });
});

/**
 * Protected sheets and protected workbooks in the file writer and the command line: a sheet
 * whose protection forbids editing is audited summary-only (the Decision Map and MBR Brief
 * sheets are added, nothing on the sheet changes, and one line says so); a workbook whose
 * structure is locked cannot take new sheets, so that write is refused, saying why.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { decide } from "../../src/governance/decide";
import { SHEET_PROTECTED_SUMMARY_ONLY, summaryOnlyNote } from "../../src/governance/plan";
import type { WritePlan } from "../../src/governance/types";
import { applyPlan, openWorkbook, XlsxError } from "../../src/xlsx";
import { isSheetProtected, isStructureLocked } from "../../src/xlsx/write";
import { runCli } from "../helpers/io";
import { excelRuleProblems, lostProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";
import { buildXlsx, MAIN_NS, REL_NS } from "./build";

const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;

/** A small KPI sheet: metrics in rows, months across; `tail` goes after sheetData (protection). */
function kpiSheet(tail = ""): string {
  return (
    `<sheetData>` +
    `<row r="1">${s("A1", "Metric")}${s("B1", "Jan")}${s("C1", "Feb")}${s("D1", "Mar")}</row>` +
    `<row r="2">${s("A2", "Revenue")}${n("B2", 100)}${n("C2", 110)}${n("D2", 120)}</row>` +
    `<row r="3">${s("A3", "Churn")}${n("B3", 0.03)}${n("C3", 0.04)}${n("D3", 0.05)}</row>` +
    `<row r="4">${s("A4", "NPS")}${n("B4", 40)}${n("C4", 42)}${n("D4", 45)}</row>` +
    `</sheetData>${tail}`
  );
}

const PROTECT = `<sheetProtection sheet="1" objects="1" scenarios="1"/>`;

/** The package with its workbook part's <workbookProtection> set (after <bookViews>? before <sheets>, as the schema orders it). */
function withWorkbookProtection(bytes: Uint8Array, element: string): Uint8Array {
  const parts = unzipSync(bytes);
  const xml = strFromU8(parts["xl/workbook.xml"]);
  const at = xml.includes("<bookViews") ? xml.indexOf("<bookViews") : xml.indexOf("<sheets>");
  parts["xl/workbook.xml"] = strToU8(`${xml.slice(0, at)}${element}${xml.slice(at)}`);
  return zipSync(parts);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-protect-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Each part of a package, by name. */
const partsOf = (bytes: Uint8Array) => unzipSync(bytes);

describe("what counts as protected", () => {
  test("sheet='1' or 'true' protects a sheet; a sheetProtection without it does not", () => {
    expect(isSheetProtected(`<worksheet>${kpiSheet(PROTECT)}</worksheet>`)).toBe(true);
    expect(isSheetProtected(`<worksheet>${kpiSheet(`<sheetProtection sheet="true"/>`)}</worksheet>`)).toBe(true);
    expect(isSheetProtected(`<worksheet>${kpiSheet(`<sheetProtection objects="1"/>`)}</worksheet>`)).toBe(false);
    expect(isSheetProtected(`<worksheet>${kpiSheet()}</worksheet>`)).toBe(false);
    expect(isSheetProtected(`<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetProtection sheet="1"/></x:worksheet>`)).toBe(
      true,
    );
  });

  test("lockStructure='1' locks a workbook; an empty workbookProtection (as openpyxl writes) does not", () => {
    expect(isStructureLocked(`<workbook><workbookProtection lockStructure="1"/><sheets/></workbook>`)).toBe(true);
    expect(isStructureLocked(`<workbook><workbookProtection/><sheets/></workbook>`)).toBe(false);
    expect(isStructureLocked(`<workbook><workbookProtection lockWindows="1"/><sheets/></workbook>`)).toBe(false);
    expect(
      isStructureLocked(
        `<x:workbook xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}"><x:workbookProtection lockStructure="true"/></x:workbook>`,
      ),
    ).toBe(true);
  });
});

describe("a protected KPI sheet, through the command line", () => {
  test("audited summary-only: the two summary sheets are added, the sheet's part is byte for byte the same, one line says so", async () => {
    const input = buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet(PROTECT) }] });
    const file = write("locked.xlsx", input);
    const out = path.join(dir, "out.xlsx");
    const run = await runCli(["audit", file, "--out", out]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toContain(
      "KPIs is protected: governance was written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    );
    expect(run.stdout).not.toContain("Only the Decision Map and MBR Brief sheets were written");
    const output = new Uint8Array(readFileSync(out));
    const [a, b] = [partsOf(input), partsOf(output)];
    expect(Buffer.compare(Buffer.from(a["xl/worksheets/sheet1.xml"]), Buffer.from(b["xl/worksheets/sheet1.xml"]))).toBe(
      0,
    );
    const wb = openWorkbook(output);
    expect(wb.sheetNames).toEqual(["KPIs", "Decision Map", "MBR Brief"]);
    expect(wb.readGrid("Decision Map").values.map((r) => r[0])).toEqual(["Metric", "Revenue", "Churn", "NPS"]);
    expect(excelRuleProblems(output)).toEqual([]);
    if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
  });

  test("the JSON says summary-only because the sheet is protected, with no governance columns and the note", async () => {
    const file = write("locked.xlsx", buildXlsx({ sheets: [{ name: "Q3 KPIs", xml: kpiSheet(PROTECT) }] }));
    const run = await runCli(["audit", file, "--out", path.join(dir, "out.xlsx"), "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.table).toMatchObject({ summaryOnly: SHEET_PROTECTED_SUMMARY_ONLY, governanceColumns: null });
    expect(json.metrics.map((m: { name: string }) => m.name)).toEqual(["Revenue", "Churn", "NPS"]);
    expect(json.notes).toEqual([
      "'Q3 KPIs' is protected: governance was written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    ]);
  });

  test("an unprotected sheet still gets its governance beside the metrics (no note)", async () => {
    const file = write("open.xlsx", buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet() }] }));
    const run = await runCli(["audit", file, "--out", path.join(dir, "out.xlsx"), "--json"]);
    const json = JSON.parse(run.stdout);
    expect(json.table.summaryOnly).toBeNull();
    expect(json.table.governanceColumns).not.toBeNull();
    expect(json.notes).toEqual([]);
  });

  test("the workbook's structure locked as well: refused in one line saying so, nothing written", async () => {
    const input = withWorkbookProtection(
      buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet(PROTECT) }] }),
      `<workbookProtection lockStructure="1"/>`,
    );
    const file = write("locked-book.xlsx", input);
    const out = path.join(dir, "out.xlsx");
    const run = await runCli(["audit", file, "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(
      "The workbook's structure is protected, so Decision Map cannot add its 'Decision Map' and 'MBR Brief' sheets. Unprotect it (Review > Protect Workbook)",
    );
    expect(existsSync(out)).toBe(false);
  });

  test("an empty workbookProtection (no lock) is no obstacle", async () => {
    const input = withWorkbookProtection(
      buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet(PROTECT) }] }),
      `<workbookProtection/>`,
    );
    const run = await runCli(["audit", write("b.xlsx", input), "--out", path.join(dir, "out.xlsx")]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });

  test("a re-run once our sheets exist works with the structure locked: they are replaced, none added", async () => {
    const first = path.join(dir, "first.xlsx");
    const run1 = await runCli([
      "audit",
      write("a.xlsx", buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet(PROTECT) }] })),
      "--out",
      first,
    ]);
    expect(run1.code).toBe(0);
    const locked = withWorkbookProtection(
      new Uint8Array(readFileSync(first)),
      `<workbookProtection lockStructure="1"/>`,
    );
    const out = path.join(dir, "second.xlsx");
    const run2 = await runCli(["audit", write("again.xlsx", locked), "--out", out]);
    expect([run2.code, run2.stderr]).toEqual([0, ""]);
    expect(openWorkbook(new Uint8Array(readFileSync(out))).sheetNames).toEqual(["KPIs", "Decision Map", "MBR Brief"]);
  });
});

describe("the file writer itself", () => {
  const plan = (grid: ReturnType<ReturnType<typeof openWorkbook>["readGrid"]>): WritePlan => {
    const d = decide({ grid });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    return d.plan.plan;
  };

  test("a plan that writes cells on a protected sheet is refused (the core never makes one; the writer checks)", () => {
    const input = buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet(PROTECT) }] });
    const open = buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet() }] });
    const onSheet = plan(openWorkbook(open).readGrid("KPIs"));
    expect(onSheet.cells.length).toBeGreaterThan(0);
    expect(() => applyPlan(input, onSheet)).toThrow(XlsxError);
    expect(() => applyPlan(input, onSheet)).toThrow(/Sheet 'KPIs' is protected\. Unprotect it/);
  });

  test("a summary-only plan leaves the audited sheet's part, and every part but the workbook's lists and styles, as they were", () => {
    const input = buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet(PROTECT) }] });
    const grid = openWorkbook(input).readGrid("KPIs");
    const p = plan(grid);
    expect([p.cells, p.columns, p.rules]).toEqual([[], [], []]);
    const output = applyPlan(input, p);
    expect(lostProblems(input, output, p)).toEqual([]);
    const [a, b] = [partsOf(input), partsOf(output)];
    for (const name of Object.keys(a))
      if (!/workbook\.xml|styles\.xml|\[Content_Types\]|app\.xml/.test(name))
        expect([name, Buffer.compare(Buffer.from(a[name]), Buffer.from(b[name]))]).toEqual([name, 0]);
  });

  test("our own summary sheet, protected by the person, is not overwritten", async () => {
    const first = path.join(dir, "first.xlsx");
    await runCli([
      "audit",
      write("a.xlsx", buildXlsx({ sheets: [{ name: "KPIs", xml: kpiSheet() }] })),
      "--out",
      first,
    ]);
    // Protect the Decision Map sheet of the first run's output.
    const parts = unzipSync(new Uint8Array(readFileSync(first)));
    const wb = openWorkbook(new Uint8Array(readFileSync(first)));
    expect(wb.sheetNames).toContain("Decision Map");
    const part = Object.keys(parts).find(
      (k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k) && strFromU8(parts[k]).includes(">Current value<"),
    );
    expect(part).toBeDefined();
    const xml = strFromU8(parts[part!]);
    const after = xml.indexOf("</sheetData>") + "</sheetData>".length;
    parts[part!] = strToU8(`${xml.slice(0, after)}${PROTECT}${xml.slice(after)}`);
    const input = zipSync(parts);
    const grid = openWorkbook(input).readGrid("KPIs");
    expect(() => applyPlan(input, plan(grid))).toThrow(/Sheet 'Decision Map' is protected/);
  });
});

describe("the one line every face says", () => {
  test("protected: the sheet, where the governance went, what to do; a pivot keeps its own words", () => {
    const base = { sheetName: "Ops KPIs", summaryOnly: SHEET_PROTECTED_SUMMARY_ONLY } as Parameters<
      typeof summaryOnlyNote
    >[0];
    expect(summaryOnlyNote(base)).toBe(
      "'Ops KPIs' is protected: governance was written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    );
    expect(summaryOnlyNote(base, false)).toBe(
      "'Ops KPIs' is protected: governance is written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    );
    expect(summaryOnlyNote({ ...base, summaryOnly: "cells beside a pivot table are overwritten" })).toBe(
      "Only the Decision Map and MBR Brief sheets were written, nothing on 'Ops KPIs': cells beside a pivot table are overwritten.",
    );
    expect(summaryOnlyNote({ ...base, summaryOnly: undefined })).toBeNull();
  });
});

/**
 * The command on every real workbook in ../shared/corpus: it never crashes, never changes
 * the input, and either writes a decision map whose metrics are real metric names or
 * refuses with one line that says what to do.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { runCli } from "../helpers/io";

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const files = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
  : [];
if (files.length === 0) console.warn(`${CORPUS} not found: corpus command tests skipped`);

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
/** Dates, months, sprint numbers and bare numbers are not metric names. */
const NOT_A_METRIC =
  /^(\d+([./-]\d+)*|\d{4}-\d{2}-\d{2}.*|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*([ -]\d{2,4})?)$/i;

(files.length ? describe : describe.skip)("decision-map audit on the corpus", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "dm-corpus-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(files)("%s", async (file) => {
    const input = path.join(dir, file);
    copyFileSync(path.join(CORPUS, file), input);
    const before = sha(readFileSync(input));
    const out = path.join(dir, `${file}.out.xlsx`);
    const run = await runCli(["audit", input, "--json", "--out", out]);
    expect(sha(readFileSync(input))).toBe(before);
    if (run.code === 2) {
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(existsSync(out)).toBe(false);
      return;
    }
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.metrics.length).toBeGreaterThan(0);
    for (const m of report.metrics) expect(m.name).not.toMatch(NOT_A_METRIC);
    // Every part of the input is still in the output; the ones we do not edit, byte for byte.
    const a = unzipSync(readFileSync(path.join(CORPUS, file)));
    const b = unzipSync(readFileSync(out));
    const editable =
      /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|docProps\/app\.xml|xl\/worksheets\/sheet\d+\.xml)$/;
    for (const name of Object.keys(a)) {
      expect(b[name]).toBeDefined();
      if (!editable.test(name)) expect([name, sha(b[name])]).toEqual([name, sha(a[name])]);
    }
  });
});

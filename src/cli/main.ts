/**
 * decision-map audit <workbook.xlsx> [--sheet NAME] [--range A1:D9] [--table NAME] [--out FILE]
 *   [--answers FILE] [--json] [--ask] [--max-per-owner N] [--fail-on vanity|incomplete]
 *
 * Reads a KPI sheet, judges each metric's owner, threshold and lever, writes a new workbook
 * with the governance columns, highlighting and two new sheets, and reports. The input file
 * is never modified; on bad input nothing is written and the exit code is 2.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import type { ExternalAnswers } from "../governance/audit";
import { decide } from "../governance/decide";
import { parseUserRange } from "../governance/detect";
import {
  columnLetter,
  gridColumnEnd,
  gridRowEnd,
  rangeAddress,
  sameSheetName,
  type CellRange,
  type Grid,
} from "../governance/grid";
import type { Answers, Audit, DetectHints, WritePlan } from "../governance/types";
import {
  applyPlan,
  chooseKpiSheet,
  openWorkbook,
  summarySheetConflict,
  XlsxError,
  type SheetChoice,
  type XlsxWorkbook,
} from "../xlsx";
import { sheetsThatRead } from "../xlsx/choose";
import { useCodec } from "../xlsx/zip";
import { NODE_CODEC } from "./zlibCodec";
import { parseAnswers } from "./answers";
import { askForAnswers } from "./ask";
import { UsageError } from "./errors";
import { chosenTableText, jsonReport, otherTablesJson, reportNotes, textReport } from "./report";

// Node's zlib for the packages: several times faster on a big sheet (./zlibCodec).
useCodec(NODE_CODEC);

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

const USAGE = `Usage: decision-map audit <workbook.xlsx> [options]

Options:
  --sheet NAME            audit this sheet (default: the active sheet, else the first with a KPI table)
  --range A1:D9           audit the table in these cells ('Sheet 1'!A1:D9 names the sheet too)
  --table NAME            audit this Excel table (when a sheet holds several tables)
  --out FILE              write the decision map here (default: <name>.decision-map.xlsx beside the input)
  --answers FILE          owner / threshold / lever per metric, CSV or JSON (metric,owner,threshold,lever)
  --ask                   in a terminal, ask for each answer still missing
  --json                  print the audit as JSON
  --max-per-owner N       more metrics than N per owner is overload (default 5)
  --fail-on LEVEL         exit 1 when any metric is vanity, or incomplete-or-vanity
  -h, --help              show this help
`;

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof XlsxError) {
      io.stderr.write(`decision-map: ${inCommandWords(e.message)}\n`);
      return 2;
    }
    // Not the person's fault: one line for them, the stack only when asked for.
    io.stderr.write(`decision-map: internal error: ${(e as Error).message}. Nothing was written.\n`);
    if (process.env.DEBUG) io.stderr.write(`${(e as Error).stack}\n`);
    return 2;
  }
}

/**
 * The core's advice speaks of selecting a table, which a person does in Excel; here the
 * command's own option says the same.
 */
function inCommandWords(message: string): string {
  return message.replace(/select the table and run again/g, "give the table's cells with --range A1:D9");
}

interface Options {
  file: string;
  sheet?: string;
  /** --range as typed, and the cells it names. */
  range?: { text: string; cells: CellRange };
  table?: string;
  out?: string;
  answers?: string;
  json: boolean;
  ask: boolean;
  maxPerOwner: number;
  failOn?: "vanity" | "incomplete";
}

function parseOptions(argv: string[]): Options | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: "string" },
        range: { type: "string" },
        table: { type: "string" },
        out: { type: "string" },
        answers: { type: "string" },
        json: { type: "boolean", default: false },
        ask: { type: "boolean", default: false },
        "max-per-owner": { type: "string" },
        "fail-on": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run 'decision-map --help' for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [command, file, ...extra] = positionals;
  if (command !== "audit") {
    throw new UsageError(
      command === undefined
        ? "Say what to do: decision-map audit <workbook.xlsx>."
        : `Unknown command '${command}'. Use: decision-map audit <workbook.xlsx>.`,
    );
  }
  if (file === undefined) throw new UsageError("Name the workbook to audit: decision-map audit <workbook.xlsx>.");
  if (extra.length > 0) throw new UsageError(`One workbook at a time; unexpected '${extra[0]}'.`);
  let maxPerOwner = 5;
  if (values["max-per-owner"] !== undefined) {
    maxPerOwner = Number(values["max-per-owner"]);
    if (!Number.isInteger(maxPerOwner) || maxPerOwner < 1) {
      throw new UsageError(`--max-per-owner takes a whole number of 1 or more, not '${values["max-per-owner"]}'.`);
    }
  }
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "vanity" && failOn !== "incomplete") {
    throw new UsageError(`--fail-on takes 'vanity' or 'incomplete', not '${failOn}'.`);
  }
  let sheet = values.sheet;
  let range: Options["range"];
  if (values.range !== undefined) {
    const given = parseRangeOption(values.range);
    if (given.sheet !== undefined) {
      if (sheet !== undefined && !sameSheetName(sheet, given.sheet))
        throw new UsageError(
          `--range names sheet '${given.sheet}' but --sheet names '${sheet}'; give one sheet (--range ${given.cellsText} --sheet NAME).`,
        );
      sheet = sheet ?? given.sheet;
    }
    range = { text: given.cellsText, cells: given.cells };
  }
  const table = values.table?.trim();
  if (table === "") throw new UsageError("--table takes the name of an Excel table, such as --table Table1.");
  if (table !== undefined && range !== undefined)
    throw new UsageError(
      "Give --range or --table, not both: --table NAME audits that Excel table, --range A1:D9 those cells.",
    );
  return {
    file,
    sheet,
    range,
    table,
    out: values.out,
    answers: values.answers,
    json: values.json ?? false,
    ask: values.ask ?? false,
    maxPerOwner,
    failOn,
  };
}

/** "A1:D9", "$B$5:$E$10", "Sheet1!A1:D9" or "'My Sheet'!A1:D9" → the sheet (if named) and the cells. */
function parseRangeOption(text: string): { sheet?: string; cells: CellRange; cellsText: string } {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?([^!]+)$/.exec(text.trim());
  const cells = m ? parseUserRange(m[3]) : null;
  if (m === null || cells === null)
    throw new UsageError(`--range takes cells such as A1:D9 or 'Sheet 1'!B5:E10, not '${text}'.`);
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]?.trim();
  return { sheet, cells, cellsText: rangeAddress(cells) };
}

async function readInput(file: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`No such file: ${file}. Check the path.`);
    if (code === "EISDIR") throw new UsageError(`${file} is a folder; name an .xlsx workbook.`);
    throw new UsageError(`Cannot read ${file} (${code ?? (e as Error).message}).`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The sheet to audit: the named one, else the active one with a KPI table, else the first. */
function chooseSheet(
  wb: XlsxWorkbook,
  wanted: string | undefined,
  options: Options,
): Extract<SheetChoice, { ok: true }> {
  const choice = chooseKpiSheet(wb, wanted, "Name a sheet with --sheet to see why.");
  if (choice.ok) return choice;
  // A workbook of one sheet is refused with that sheet's reason, in the command's words.
  if (wb.sheetNames.length === 1) throw new UsageError(refusal(choice.message, wb, wb.sheetNames[0], options));
  throw new UsageError(choice.message);
}

/** The sheet holding the Excel table --table names (when no --sheet is given), or why there is none. */
function sheetOfTable(wb: XlsxWorkbook, table: string | undefined): string | undefined {
  if (table === undefined) return undefined;
  const all: string[] = [];
  for (const name of wb.sheetNames) {
    const tables = wb.readGrid(name).tables;
    if (tables.some((t) => t.name.toUpperCase() === table.toUpperCase())) return name;
    for (const t of tables) all.push(`'${t.name}'`);
  }
  throw new UsageError(
    all.length === 0
      ? `No Excel table named '${table}': this workbook has no Excel tables. Give the table's cells with --range A1:D9.`
      : `No Excel table named '${table}'. The workbook's tables are: ${all.slice(0, 12).join(", ")}${all.length > 12 ? ", …" : ""}.`,
  );
}

function defaultOutput(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.decision-map.xlsx`);
}

function progress(io: CliIo, text: string): void {
  if (io.stderr.isTTY) io.stderr.write(`\r\x1b[2K${text}`);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv);
  if (options === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (/\.xls$/i.test(options.file)) {
    throw new UsageError(
      `${options.file} is an old .xls workbook: open it in Excel and save it as .xlsx (Excel Workbook), then try again.`,
    );
  }
  if (!/\.(xlsx|xlsm)$/i.test(options.file)) {
    throw new UsageError(`${options.file} is not an .xlsx workbook. Save it as .xlsx (Excel Workbook) and try again.`);
  }
  const output = path.resolve(options.out ?? defaultOutput(options.file));
  if (await sameFile(output, options.file)) {
    throw new UsageError("--out names the input file; Decision Map never changes the input. Choose another file name.");
  }
  if (options.ask && !io.stdin.isTTY) {
    throw new UsageError("--ask needs a terminal to ask in. Give the answers with --answers FILE instead.");
  }

  let answers: ExternalAnswers | undefined;
  if (options.answers !== undefined) {
    const text = await fs.readFile(options.answers, "utf8").catch(() => {
      throw new UsageError(`Cannot read the answers file ${options.answers}. Check the path.`);
    });
    answers = parseAnswers(text, options.answers);
  }

  progress(io, "Reading the workbook…");
  const bytes = await readInput(options.file);
  const wb = openWorkbook(bytes);
  const chosen = chooseSheet(wb, options.sheet ?? sheetOfTable(wb, options.table), options);
  const { name: sheetName, grid, others } = chosen;
  progress(io, `Finding the KPI table in '${sheetName}'…`);
  const hints = hintsFor(grid, options);
  const auditOptions = { maxMetricsPerOwner: options.maxPerOwner };
  // The table found while choosing the sheet is the one to audit when nothing narrows it.
  const found = Object.keys(hints).length === 0 ? chosen.detected : undefined;
  let decided = decide({ grid, hints, ...found, options: auditOptions, answers, plan: !options.ask });
  if (!decided.ok) throw new UsageError(refusal(decided.message, wb, sheetName, options));
  const otherTables = decided.others;
  if (options.ask) {
    progress(io, "");
    const asked = await askForAnswers(decided.audit, io.stdin, io.stderr);
    const merged = new Map<string, Partial<Answers>>(answers ?? []);
    for (const [key, given] of asked) merged.set(key, { ...merged.get(key), ...given });
    decided = decide({ grid, table: decided.table, options: auditOptions, answers: merged });
    if (!decided.ok) throw new UsageError(decided.message);
  }
  const audit = decided.audit;
  const planned = decided.plan!;
  if (!planned.ok) throw new UsageError(planned.message);
  const conflict = summarySheetConflict(wb);
  if (conflict) throw new UsageError(conflict);

  progress(io, "Writing the decision map…");
  const written = applyPlan(bytes, planned.plan);
  await writeAtomically(output, written);
  progress(io, "");

  const shown = path.relative(process.cwd(), output) || output;
  const notes = reportNotes(audit, planned.plan);
  if (options.json) {
    const report = {
      ...jsonReport(audit, options.file, shown, governanceColumns(planned.plan)),
      otherTables: otherTablesJson(otherTables),
      otherSheets: others,
      notes,
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout.write(textReport(audit, options.file, shown));
    // The choices made for the person: which table, which sheet, and how to pick another.
    const chosen = chosenTableText(audit.table, otherTables);
    if (chosen) io.stdout.write(`${chosen}\n`);
    for (const note of notes) io.stdout.write(`${note}\n`);
    if (others.length > 0)
      io.stdout.write(
        `Audited '${sheetName}'; ${others.map((n) => `'${n}'`).join(", ")} ${others.length === 1 ? "also reads" : "also read"} as a dashboard (--sheet NAME to audit it instead).\n`,
      );
  }
  return failing(audit, options.failOn) ? 1 : 0;
}

function governanceColumns(plan: WritePlan) {
  // Nothing is written beside a pivot table (summary sheets only): no governance columns.
  if (plan.columns.length === 0) return null;
  const col = (kind: string) => columnLetter(plan.columns.find((c) => c.kind === kind)!.col);
  return { owner: col("owner"), threshold: col("threshold"), lever: col("lever"), governance: col("governance") };
}

/** --range and --table as detection hints; a range that misses every filled cell is refused here. */
function hintsFor(grid: Grid, options: Options): DetectHints {
  if (options.table !== undefined) return { table: options.table };
  if (options.range === undefined) return {};
  const r = options.range.cells;
  const used: CellRange = {
    top: grid.origin.row,
    left: grid.origin.col,
    bottom: gridRowEnd(grid) - 1,
    right: gridColumnEnd(grid) - 1,
  };
  const empty = used.bottom < used.top || used.right < used.left;
  if (empty || r.bottom < used.top || r.top > used.bottom || r.right < used.left || r.left > used.right) {
    const where = empty ? "the sheet is empty" : `its cells are in ${rangeAddress(used)}`;
    throw new UsageError(
      `--range ${options.range.text} holds nothing on sheet '${grid.sheetName}' (${where}); give the cells of the KPI table, header row included.`,
    );
  }
  return { within: r };
}

/**
 * A refusal in the command's words: only options it has, and when the sheet holds no KPI
 * table, the sheets that do.
 */
function refusal(message: string, wb: XlsxWorkbook, sheet: string, options: Options): string {
  const elsewhere = options.range === undefined && options.table === undefined ? sheetsThatRead(wb, [sheet]) : [];
  const instead =
    elsewhere.length > 0
      ? `${sheetList(elsewhere)} ${elsewhere.length === 1 ? "reads as a KPI table" : "read as KPI tables"}: --sheet NAME.`
      : null;
  const tails: [RegExp, string][] = [
    [
      /Choose another sheet, select the table, or give its header row\.?$/,
      instead ?? "Name another sheet with --sheet NAME, or the table's cells with --range A1:D9.",
    ],
    [
      /Select the KPI table \(its header row and metric rows\) and run again\.?$/,
      "Give the KPI table's cells, header row included, with --range A1:D9.",
    ],
    [/Choose another layout or sheet\.?$/, instead ?? "Name another sheet with --sheet NAME."],
  ];
  // A workbook of one sheet has no other sheet to choose.
  if (wb.sheetNames.length === 1)
    tails.unshift(
      [
        /Choose another sheet, or select the table and run again\.?$/,
        "If the table is there, give its cells, header row included, with --range A1:D9.",
      ],
      [
        /Choose the sheet that holds your KPI table, or add one metric per row under a header row\.?$/,
        "Add one metric per row under a header row, then run again.",
      ],
    );
  for (const [tail, words] of tails) if (tail.test(message)) return message.replace(tail, words);
  return instead ? `${message} ${instead}` : message;
}

/** "'A'", "'A' and 'B'", "'A', 'B' and 2 more". */
function sheetList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length <= 3) return `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
  return `${q.slice(0, 2).join(", ")} and ${q.length - 2} more`;
}

function failing(audit: Audit, failOn: Options["failOn"]): boolean {
  if (failOn === "vanity") return audit.summary.vanity > 0;
  if (failOn === "incomplete") return audit.summary.vanity + audit.summary.incomplete > 0;
  return false;
}

/**
 * Whether writing `output` would replace `input`: the same path, or the same file reached
 * another way (a symbolic link either side, a linked folder, a hard link). Real paths are
 * compared, and for an output that exists, the file itself (device and inode).
 */
async function sameFile(output: string, input: string): Promise<boolean> {
  if (output === path.resolve(input)) return true;
  const real = async (p: string): Promise<string> => {
    try {
      return await fs.realpath(p);
    } catch {
      // Not there yet: the real folder it would be written in, and its name.
      return path.join(await fs.realpath(path.dirname(p)).catch(() => path.dirname(p)), path.basename(p));
    }
  };
  if ((await real(output)) === (await real(path.resolve(input)))) return true;
  const [a, b] = await Promise.all([fs.stat(output).catch(() => null), fs.stat(input).catch(() => null)]);
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

/** Write beside the target and rename, so a failure never leaves half a workbook behind. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw new UsageError(
      `Cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Choose another --out.`,
    );
  }
}

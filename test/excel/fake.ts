/**
 * A grid-backed fake of the Excel object model for the host's tests, built on office-addin-mock,
 * strict where Excel is strict:
 *
 * - Load, then sync, then read: ranges and worksheets are OfficeMockObjects, so a property read
 *   before load() and context.sync() gives the mock's "not loaded" / "not synced" error. What
 *   OfficeMockObject cannot express is hand-made here and enforces load-then-sync itself
 *   (collections, isNullObject, RangeAreas, conditional formats).
 * - Requirement sets: the fake runs as a host of one ExcelApi version (`FakeExcel.version`,
 *   1.9 unless a test says otherwise). Every member has the set `test/excel/api-sets.json`
 *   names (generated from @types/office-js by scripts/make-excel-api-sets.js). A member above
 *   the manifest's minimum (1.9) throws ApiNotFound on a host below its set, and throws on any
 *   host unless the code asked `Office.context.requirements.isSetSupported` for it first.
 * - Null objects: a method called on (or a child object taken from) a null object, or an item
 *   that does not exist (getItem), fails the next sync with ItemNotFound.
 * - Payload caps: a sync whose written values (request) or loaded cells, formats, formulas and
 *   addresses (response) pass 5 MB fails with Request/ResponsePayloadSizeLimitExceeded, as in
 *   Excel on the web, and changes nothing.
 * - Cell-edit mode: while `editing`, a sync fails with InvalidOperationInCellEditMode, unless
 *   the batch was run with `delayForCellEdit` (then it waits for the edit to end).
 * - Protection: a write to a protected sheet, or adding or deleting a sheet while the
 *   workbook's structure is protected, fails the sync with AccessDenied; the operations queued
 *   before it in that sync stay done, as in Excel (a batch is not a transaction).
 * - Events: onChanged reports `source` (Local / Remote) and, from ExcelApi 1.14, `triggerSource`.
 * - Pivot tables: each has a name and a layout whose getRange() is the pivot's cells; the
 *   fake does not refresh them (their cells are plain cells).
 * - getMergedAreasOrNullObject: only areas whose top-left cell is in the range (OfficeDev/
 *   office-js#3611), and a failure above 512 areas, as its reference says.
 */
import { OfficeMockObject } from "office-addin-mock";
import { cellAddress, parseRange, quoteSheetName, type CellRange } from "../../src/governance/grid";
import apiSets from "./api-sets.json";

export interface FakeCell {
  value: string | number | boolean | null;
  numberFormat?: string;
  formula?: string;
  /** What a formula cell shows (Excel computes it; the fake does not): 0 when unset. */
  cached?: string | number | boolean;
  /** Set when the value was entered with a leading apostrophe (stored as text). */
  quotePrefix?: boolean;
}

export interface FakeRule {
  range: string;
  type: "Custom" | "CellValue" | "ColorScale";
  formula: string;
  operator?: string;
  formula2?: string;
  fill?: string;
  font?: string;
}

export interface FakeTable {
  name: string;
  range: string;
  showHeaders: boolean;
  showTotals: boolean;
  /** Its columns' names, left to right (filled from the header row when not given). */
  columns?: string[];
}

/** A pivot table: its name and the cells it covers (PivotLayout.getRange, without the filter area). */
export interface FakePivot {
  name: string;
  range: string;
  /** Its report filters (filterHierarchies), by name: they sit above `range`, outside it. */
  filters?: string[];
}

/** A chart, shape or picture floating over the sheet, placed in points from the sheet's top-left corner. */
export interface FakeDrawing {
  kind: "chart" | "shape";
  name: string;
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface FakeEvent {
  address: string;
  source: "Local" | "Remote";
  triggerSource?: string;
  details?: { valueAfter: unknown; valueBefore: unknown };
}

/** The newest ExcelApi set the typings know. */
export const NEWEST_EXCEL_API: string = apiSets.newest;
/** The manifest's minimum: members up to it need no isSetSupported check. */
export const MANIFEST_EXCEL_API = "1.9";
const SETS = apiSets.members as Record<string, string>;

function compareSets(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  return x[0] - y[0] || x[1] - y[1];
}

/** An error as Office.js raises it: `code` says which. */
export function officeError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export const STANDARD_WIDTH_POINTS = 48;
export const STANDARD_HEIGHT_POINTS = 15;
const PAYLOAD_CAP = 5_000_000;
const MERGED_AREAS_CAP = 512;

let nextSheetId = 1;

export class FakeSheet {
  readonly id = `{00000000-0000-0000-0000-${String(nextSheetId++).padStart(12, "0")}}`;
  readonly cells = new Map<string, FakeCell>();
  readonly rules: FakeRule[] = [];
  /** Column widths in points, where set. */
  readonly widths = new Map<number, number>();
  /** Row heights in points, where set. */
  readonly heights = new Map<number, number>();
  readonly styles = new Map<string, string>();
  readonly tables: FakeTable[] = [];
  readonly merges: string[] = [];
  readonly drawings: FakeDrawing[] = [];
  readonly pivots: FakePivot[] = [];
  /** Sheet-scoped names: what they refer to ("Q5:T40") and their comments. */
  readonly names = new Map<string, { range: string; comment: string }>();
  /** Cell looks set through RangeFormat ("row,col" → "wrap" / "bold"). */
  readonly looks = new Map<string, Set<string>>();
  /** Rows frozen at the top, and how the sheet prints (PageLayout). */
  frozenRows = 0;
  print: { orientation?: string; zoom?: unknown } = {};
  /** Handlers added with onChanged.add. */
  readonly changeHandlers: ((event: FakeEvent) => Promise<void>)[] = [];
  protected = false;
  /** Worksheet.visibility: "Visible", "Hidden" or "VeryHidden". */
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  constructor(public name: string) {}

  set(row: number, col: number, value: FakeCell["value"], numberFormat?: string): void {
    this.cells.set(`${row},${col}`, { value, numberFormat });
  }

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  /** Cells as a person would see them: values, formulas as "=…", text flags, widths, rules, tables. */
  snapshot(): string {
    const cells = [...this.cells]
      .filter(([, c]) => c.value !== null || c.formula)
      .map(
        ([k, c]) =>
          `${k}=${JSON.stringify(c.formula ?? c.value)}${c.quotePrefix ? "'" : ""}${c.numberFormat ? ` ${c.numberFormat}` : ""}`,
      )
      .sort();
    const widths = [...this.widths].map(([c, w]) => `width ${c}=${w}`).sort();
    const rules = this.rules.map((r) => `rule ${r.range} ${r.formula} ${r.fill} ${r.font}`);
    const styles = [...this.styles].map(([a, b]) => `style ${a}<${b}`).sort();
    const names = [...this.names].map(([n, x]) => `name ${n}=${x.range} ${x.comment}`).sort();
    const looks = [...this.looks]
      .filter(([, l]) => l.size > 0)
      .map(([k, l]) => `look ${k}=${[...l].sort().join("+")}`)
      .sort();
    const tables = this.tables.map((t) => `table ${t.name}=${t.range} ${(t.columns ?? []).join("|")}`);
    return [...cells, ...widths, ...rules, ...styles, ...names, ...tables, ...looks].join("\n");
  }

  usedRange(): CellRange | null {
    let r: CellRange | null = null;
    for (const [k, c] of this.cells) {
      if (c.value === null && !c.formula) continue;
      const [row, col] = k.split(",").map(Number);
      r = r
        ? {
            top: Math.min(r.top, row),
            left: Math.min(r.left, col),
            bottom: Math.max(r.bottom, row),
            right: Math.max(r.right, col),
          }
        : { top: row, left: col, bottom: row, right: col };
    }
    return r;
  }

  /** The points from the sheet's top to the top of a row, and from its left to the left of a column. */
  rowTop(row: number): number {
    let y = 0;
    for (let r = 0; r < row; r++) y += this.heights.get(r) ?? STANDARD_HEIGHT_POINTS;
    return y;
  }

  columnLeft(col: number): number {
    let x = 0;
    for (let c = 0; c < col; c++) x += this.widths.get(c) ?? STANDARD_WIDTH_POINTS;
    return x;
  }
}

type Pending = () => void;
type Mock = OfficeMockObject & Record<string, unknown>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Members of the mock itself and of every Office.js object, never gated. */
const UNGATED = new Set([
  ...["load", "sync", "toJSON", "track", "untrack", "context", "isNullObject", "then"],
  // office-addin-mock's own workings
  ...["addMock", "loadAllProperties", "loadCalled", "loadMultipleProperties", "loadNavigational", "loadScalar"],
  ...["parseObjectPropertyIntoArray", "populate", "resetValue", "setValue", "updatePropertyCall"],
]);

export class FakeExcel {
  /** The ExcelApi version new fakes run as. */
  static version = MANIFEST_EXCEL_API;

  readonly sheets: FakeSheet[] = [];
  readonly version: string;
  active = 0;
  /** The person's selection on the active sheet. */
  selection = "A1";
  /** The workbook's structure is protected: no sheet can be added or deleted. */
  structureProtected = false;
  /** Excel is in cell-edit mode (someone is typing in a cell). */
  editing = false;
  syncs = 0;
  /** Writes that reached the model (cells, rules, widths, sheets). */
  writes = 0;
  /** The JSON size of the values written in the largest batch (one sync). */
  maxBatchBytes = 0;
  /** The JSON size of the largest response (cells, formats, formulas and addresses loaded in one sync). */
  maxResponseBytes = 0;
  /** The highest ExcelApi version the code asked isSetSupported about and was told yes. */
  private checked = "0.0";
  private batchBytes = 0;
  private pending: Pending[] = [];
  private mocks: OfficeMockObject[] = [];
  private flushers: { dirty: () => boolean; flush: () => void }[] = [];
  /** Response sizes of what was loaded for the next sync. */
  private loads: (() => number)[] = [];
  /** Failures the next sync raises (a null object used, an item not found, too many merged areas). */
  private failures: (() => Error | null)[] = [];
  /** The batch runs with delayForCellEdit. */
  private delay = false;

  constructor(version = FakeExcel.version) {
    this.version = version;
  }

  /** What `Office` is to the code under test: only the requirement-set check. */
  readonly office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version = "1.1") => {
          if (name !== "ExcelApi") return false;
          const ok = compareSets(version, this.version) <= 0;
          if (ok && compareSets(version, this.checked) > 0) this.checked = version;
          return ok;
        },
      },
    },
  };

  /** Makes this fake the global Office and Excel (Excel.run) the code under test calls. */
  install(): this {
    const g = globalThis as Record<string, unknown>;
    g.Office = this.office;
    g.Excel = { run: (...args: unknown[]) => this.run(...args) };
    return this;
  }

  /** Excel.run: run(batch) or run(options, batch). */
  async run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as (context: Excel.RequestContext) => Promise<T>;
    const options = (args.length > 1 ? args[0] : undefined) as { delayForCellEdit?: boolean } | undefined;
    if (options?.delayForCellEdit !== undefined) this.gate("RunOptions", "delayForCellEdit");
    const context = this.context();
    this.delay = options?.delayForCellEdit === true;
    try {
      const result = await batch(context);
      await context.sync();
      return result;
    } finally {
      this.delay = false;
    }
  }

  /** Throws, as Excel does, on a member the host does not have or the code did not check for. */
  private gate(owner: string, member: string): void {
    const set = SETS[`${owner}.${member}`];
    if (!set || compareSets(set, MANIFEST_EXCEL_API) <= 0) return;
    if (compareSets(set, this.version) > 0)
      throw officeError("ApiNotFound", `${owner}.${member} needs ExcelApi ${set}; this Excel has ${this.version}.`);
    if (compareSets(set, this.checked) > 0)
      throw new Error(
        `${owner}.${member} needs ExcelApi ${set}, above the manifest's ${MANIFEST_EXCEL_API}: check isSetSupported("ExcelApi", "${set}") first.`,
      );
  }

  /**
   * Wraps an object as the Office.js class `owner`: members are gated by requirement set and,
   * for a null object, any method call or child object fails the next sync with ItemNotFound.
   */
  private typed<T extends object>(
    target: T,
    owner: string,
    isNull = false,
    onSet?: (p: string, value: unknown) => void,
  ): T {
    const fake = this;
    return new Proxy(target, {
      get(t, p, receiver) {
        if (typeof p !== "string" || p.startsWith("_") || UNGATED.has(p)) return Reflect.get(t, p, receiver);
        fake.gate(owner, p);
        const value = Reflect.get(t, p, receiver) as unknown;
        if (!isNull) return value;
        if (typeof value === "function")
          return (...args: unknown[]) => {
            fake.failures.push(() => officeError("ItemNotFound", `${owner}.${p} called on a null object`));
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        if (typeof value === "object" && value !== null && fake.syncs === fake.createdAt.get(t))
          fake.failures.push(() => officeError("ItemNotFound", `${owner}.${p} taken from a null object`));
        return value;
      },
      set(t, p, value, receiver) {
        if (typeof p === "string" && !p.startsWith("_") && !UNGATED.has(p)) fake.gate(owner, p);
        const ok = Reflect.set(t, p, value, receiver);
        if (typeof p === "string") onSet?.(p, value);
        return ok;
      },
    });
  }

  private readonly createdAt = new WeakMap<object, number>();

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Excel's sheet names are case-insensitive. */
  private find(name: string): FakeSheet | undefined {
    return this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
  }

  /** Writes queued on the context and not yet synced (a refused apply must leave none). */
  queuedWrites(): number {
    return this.pending.length + this.flushers.filter((f) => f.dirty()).length;
  }

  /** Fails the sync, as Excel does, when a write reaches a protected sheet. */
  private guard(sheet: FakeSheet): void {
    if (sheet.protected)
      throw officeError(
        "AccessDenied",
        `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}').`,
      );
  }

  private guardStructure(): void {
    if (this.structureProtected)
      throw officeError("AccessDenied", "The workbook's structure is protected: sheets cannot be added or deleted.");
  }

  /**
   * What a value written through Range.values becomes, as Excel reads typed input: null
   * leaves the cell; "'x" is the text x with the quote prefix; "=…" is a formula; "+1"/"-5",
   * " 42 " and "1,234" are numbers, "3%" is 0.03, "TRUE" a boolean; other "+…", "-…", "@…"
   * are read as formulas (Excel would show #NAME?).
   */
  private store(sheet: FakeSheet, row: number, col: number, v: unknown): void {
    if (v === null || v === undefined) return;
    this.guard(sheet);
    const key = `${row},${col}`;
    const cell: FakeCell = sheet.cells.get(key) ?? { value: null };
    cell.formula = undefined;
    cell.cached = undefined;
    cell.quotePrefix = undefined;
    if (typeof v === "string" && v.startsWith("'")) {
      cell.value = v.slice(1);
      cell.quotePrefix = true;
    } else if (typeof v === "string" && v.startsWith("=")) {
      cell.formula = v;
      cell.value = null;
    } else if (typeof v === "string" && NUMBER.test(v.trim().replace(/,/g, ""))) {
      cell.value = Number(v.trim().replace(/,/g, ""));
    } else if (
      typeof v === "string" &&
      /^\s*[-+]?[\d.,]+\s*%\s*$/.test(v) &&
      Number.isFinite(parseFloat(v.replace(/,/g, "")))
    ) {
      cell.value = parseFloat(v.replace(/,/g, "")) / 100; // "3%" is 0.03 in Excel
      cell.numberFormat = "0%";
    } else if (typeof v === "string" && /^\s*(true|false)\s*$/i.test(v)) {
      cell.value = v.trim().toLowerCase() === "true";
    } else if (typeof v === "string" && /^[+\-@]/.test(v)) {
      cell.formula = `=${v}`;
      cell.value = null;
    } else cell.value = v === "" ? null : (v as FakeCell["value"]);
    sheet.cells.set(key, cell);
    this.writes++;
  }

  private address(sheet: FakeSheet, r: CellRange): string {
    const a = cellAddress(r.top, r.left);
    const b = cellAddress(r.bottom, r.right);
    return `${quoteSheetName(sheet.name)}!${a === b ? a : `${a}:${b}`}`;
  }

  /** A loaded-after-sync object with an address (RangeAreas), or a null object. */
  private areas(addresses: () => string | null, failure?: () => Error | null): object {
    let loadedAt = -1;
    const createdAt = this.syncs;
    const fake = this;
    return this.typed(
      {
        load() {
          loadedAt = fake.syncs;
          fake.loads.push(() => (addresses() ?? "").length + 20);
          if (failure) fake.failures.push(failure);
          return this;
        },
        get isNullObject() {
          if (fake.syncs <= createdAt) throw new Error("isNullObject read before context.sync()");
          return addresses() === null;
        },
        get address() {
          if (loadedAt < 0 || fake.syncs <= loadedAt)
            throw new Error("RangeAreas.address read before load() and sync()");
          return addresses();
        },
      },
      "RangeAreas",
    );
  }

  private rangeMock(sheet: FakeSheet, r: CellRange, isNull = false): Mock {
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    // A whole-sheet (or whole-column) range is never read cell by cell here.
    const whole = rows * cols > 5_000_000;
    const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] =>
      whole
        ? []
        : Array.from({ length: rows }, (_, i) =>
            Array.from({ length: cols }, (_, j) => f(sheet.get(r.top + i, r.left + j))),
          );
    // Excel gives a formula cell's computed value; the fake does not compute: its cached value, or 0.
    const values = grid((c) => (c?.formula ? (c.cached ?? 0) : (c?.value ?? "")));
    const numberFormat = grid((c) => c?.numberFormat ?? "General");
    const formulas = grid((c) => c?.formula ?? c?.value ?? "");
    const data = { values, numberFormat, formulas };
    const fake = this;
    const address = this.address(sheet, r);
    const width0 = sheet.widths.get(r.left) ?? STANDARD_WIDTH_POINTS;
    const heights = new Set(
      Array.from({ length: Math.min(rows, 2) }, (_, i) => sheet.heights.get(r.top + i) ?? STANDARD_HEIGHT_POINTS),
    );
    const height0 = rows <= 2 && heights.size === 1 ? [...heights][0] : rows > 2 ? this.uniformHeight(sheet, r) : null;
    const mergedIn = () =>
      sheet.merges.filter((m) => {
        const x = parseRange(m)!;
        return x.top >= r.top && x.top <= r.bottom && x.left >= r.left && x.left <= r.right;
      });
    const mock = new OfficeMockObject({
      address,
      rowIndex: r.top,
      columnIndex: r.left,
      rowCount: rows,
      columnCount: cols,
      values,
      numberFormat,
      formulas,
      // "unset" until the code sets them (office-addin-mock takes no nulls in nested objects).
      format: {
        columnWidth: width0,
        rowHeight: 0,
        wrapText: "unset",
        verticalAlignment: "unset",
        font: { bold: "unset" },
      },
      copyFrom: (source: { _fakeAddress: string }, type: string) => {
        fake.pending.push(() => {
          fake.guard(sheet);
          if (type === "Formats") sheet.styles.set(address, source._fakeAddress);
          fake.writes++;
        });
      },
      clear: (applyTo = "All") => {
        fake.pending.push(() => {
          fake.guard(sheet);
          for (const [k, c] of [...sheet.cells]) {
            const [row, col] = k.split(",").map(Number);
            if (row < r.top || row > r.bottom || col < r.left || col > r.right) continue;
            if (applyTo === "Formats") c.numberFormat = undefined;
            else if (applyTo === "Contents") ((c.value = null), (c.formula = undefined), (c.quotePrefix = undefined));
            else sheet.cells.delete(k);
          }
          if (applyTo !== "Contents")
            for (const [a] of [...sheet.styles]) {
              const x = parseRange(a.split("!")[1])!;
              if (x.top >= r.top && x.bottom <= r.bottom && x.left >= r.left && x.right <= r.right)
                sheet.styles.delete(a);
            }
          fake.writes++;
        });
      },
      getCell: (i: number, j: number) =>
        fake.rangeMock(sheet, { top: r.top + i, left: r.left + j, bottom: r.top + i, right: r.left + j }),
      getResizedRange: (dr: number, dc: number) =>
        fake.rangeMock(sheet, { top: r.top, left: r.left, bottom: r.bottom + dr, right: r.right + dc }),
      getColumn: (j: number) =>
        fake.rangeMock(sheet, { top: r.top, left: r.left + j, bottom: r.bottom, right: r.left + j }),
      getRow: (i: number) => fake.rangeMock(sheet, { top: r.top + i, left: r.left, bottom: r.top + i, right: r.right }),
      getMergedAreasOrNullObject: () => {
        const inside = mergedIn();
        return fake.areas(
          () => (inside.length ? inside.map((m) => `${quoteSheetName(sheet.name)}!${m}`).join(", ") : null),
          () =>
            inside.length > MERGED_AREAS_CAP
              ? officeError("GeneralException", `There are more than ${MERGED_AREAS_CAP} merged areas in the range.`)
              : null,
        );
      },
    }) as Mock;
    const format = mock.format as Mock;
    // RangeFormat.rowHeight is null where the rows' heights differ.
    (format as unknown as { setValue(n: string, v: unknown): void }).setValue("rowHeight", height0);
    mock._fakeAddress = address;
    mock.conditionalFormats = this.conditionalFormats(sheet, address);
    // Loading cells, formats or formulas costs their JSON in the response.
    const load = mock.load.bind(mock);
    mock.load = (props: string | string[]) => {
      const names = (Array.isArray(props) ? props : String(props).split(",")).map((p) => p.trim());
      fake.loads.push(() =>
        names.reduce((n, p) => {
          if (p === "values" || p === "numberFormat" || p === "formulas")
            return n + JSON.stringify(data[p as "values"]).length;
          return n + (p === "address" ? address.length + 12 : 16);
        }, 0),
      );
      return load(props);
    };
    // Writes made to this object before the next sync reach the model then.
    const font = format.font as unknown as { bold: boolean | null };
    const looked = () => typeof format.wrapText === "boolean" || typeof font.bold === "boolean";
    const dirty = () => format.columnWidth !== width0 || looked();
    this.flushers.push({
      dirty,
      flush: () => {
        if (looked()) {
          this.guard(sheet);
          for (let row = r.top; row <= r.bottom; row++)
            for (let col = r.left; col <= r.right; col++) {
              const set = sheet.looks.get(`${row},${col}`) ?? new Set<string>();
              for (const [look, on] of [
                ["wrap", format.wrapText],
                ["bold", font.bold],
              ] as const)
                if (on === true) set.add(look);
                else if (on === false) set.delete(look);
              sheet.looks.set(`${row},${col}`, set);
            }
          this.writes++;
        }
        const width = format.columnWidth;
        if (typeof width === "number" && width !== width0) {
          this.guard(sheet);
          // 48 points is the standard width: setting it is the same as having none.
          for (let c = r.left; c <= r.right; c++)
            width === STANDARD_WIDTH_POINTS ? sheet.widths.delete(c) : sheet.widths.set(c, width);
          this.writes++;
        }
      },
    });
    this.mocks.push(mock);
    this.writtenRanges.push({ mock, values });
    // A values write takes its place in the batch's order (after a table column added before it).
    const typed = this.typed(mock, "Range", isNull, (p, v) => {
      if (p === "numberFormat" && Array.isArray(v)) {
        const formats = v as unknown[][];
        this.pending.push(() => {
          this.guard(sheet);
          formats.forEach((row, i) =>
            row.forEach((f, j) => {
              const key = `${r.top + i},${r.left + j}`;
              const cell = sheet.cells.get(key) ?? { value: null };
              cell.numberFormat = f === "General" ? undefined : String(f);
              sheet.cells.set(key, cell);
            }),
          );
          this.writes++;
        });
        return;
      }
      if (p !== "values" || !Array.isArray(v)) return;
      const rowsWritten = v as unknown[][];
      this.pending.push(() =>
        rowsWritten.forEach((row, i) => row.forEach((x, j) => this.store(sheet, r.top + i, r.left + j, x))),
      );
    });
    this.createdAt.set(mock, this.syncs);
    if (isNull) this.nullObject(mock, true);
    return typed;
  }

  /** The height all rows of a range share, or null (as RangeFormat.rowHeight reads). */
  private uniformHeight(sheet: FakeSheet, r: CellRange): number | null {
    const first = sheet.heights.get(r.top) ?? STANDARD_HEIGHT_POINTS;
    for (const [row, h] of sheet.heights) if (row >= r.top && row <= r.bottom && h !== first) return null;
    if (first !== STANDARD_HEIGHT_POINTS && r.bottom - r.top + 1 > sheet.heights.size) return null;
    return first;
  }

  /** A collection whose `items` can be read only after load() and a sync. */
  private collection<T>(owner: string, items: () => T[], bytesPerItem = 40) {
    const fake = this;
    let loadedAt = -1;
    return this.typed(
      {
        load() {
          loadedAt = fake.syncs;
          fake.loads.push(() => items().length * bytesPerItem);
          return this;
        },
        get items(): T[] {
          if (loadedAt < 0 || fake.syncs <= loadedAt) throw new Error(`${owner} items read before load() and sync()`);
          return items();
        },
      },
      owner,
    );
  }

  private conditionalFormats(sheet: FakeSheet, address: string) {
    const fake = this;
    const coll = this.collection("ConditionalFormatCollection", () =>
      sheet.rules.map((rule) => {
        const format = { fill: { color: rule.fill }, font: { color: rule.font } };
        const custom = { isNullObject: rule.type !== "Custom", rule: { formula: rule.formula }, format };
        const cellValue = {
          isNullObject: rule.type !== "CellValue",
          rule: { operator: rule.operator, formula1: rule.formula, formula2: rule.formula2 },
          format,
        };
        return fake.typed(
          {
            type: rule.type,
            // As in Excel, `custom` on another type of rule fails; customOrNullObject does not.
            get custom() {
              if (rule.type !== "Custom") throw officeError("ItemNotFound", "not a custom conditional format");
              return custom;
            },
            customOrNullObject: custom,
            cellValueOrNullObject: cellValue,
            getRanges: () => fake.areas(() => `${quoteSheetName(sheet.name)}!${rule.range}`),
            delete: () =>
              fake.pending.push(() => {
                fake.guard(sheet);
                sheet.rules.splice(sheet.rules.indexOf(rule), 1);
                fake.writes++;
              }),
          },
          "ConditionalFormat",
        );
      }),
    );
    return Object.assign(coll, {
      add(type: string) {
        const cf = { type, custom: { rule: { formula: "" }, format: { fill: { color: "" }, font: { color: "" } } } };
        fake.pending.push(() => {
          fake.guard(sheet);
          sheet.rules.push({
            range: address.split("!")[1],
            type: "Custom",
            formula: cf.custom.rule.formula,
            fill: cf.custom.format.fill.color,
            font: cf.custom.format.font.color,
          });
          fake.writes++;
        });
        return cf;
      },
    });
  }

  /** An Excel table's columns: names, and add(index, values, name) that widens the table. */
  private tableColumns(sheet: FakeSheet, t: FakeTable) {
    const fake = this;
    const names = () => {
      if (!t.columns) {
        const r = parseRange(t.range)!;
        t.columns = Array.from({ length: r.right - r.left + 1 }, (_, j) => {
          const v = sheet.get(r.top, r.left + j)?.value;
          return v === null || v === undefined || v === "" ? `Column${j + 1}` : String(v);
        });
      }
      return t.columns;
    };
    const shrink = (right: number) => {
      const r = parseRange(t.range)!;
      t.range = `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, right)}`;
      t.columns = names().slice(0, right - r.left + 1);
    };
    return Object.assign(
      this.collection("TableColumnCollection", () =>
        names().map((name, j) =>
          this.typed(
            {
              name,
              delete: () =>
                fake.pending.push(() => {
                  fake.guard(sheet);
                  const r = parseRange(t.range)!;
                  if (r.left + j !== r.right) throw new Error("the fake deletes a table's last column only");
                  shrink(r.right - 1);
                  fake.writes++;
                }),
            },
            "TableColumn",
          ),
        ),
      ),
      {
        add(index?: number, values?: unknown, name?: string) {
          fake.pending.push(() => {
            fake.guard(sheet);
            const r = parseRange(t.range)!;
            const list = names();
            const at = index === undefined || index === null || index < 0 ? list.length : index;
            if (at > list.length)
              throw officeError("InvalidArgument", `column index ${at} is past the table's ${list.length} columns`);
            if (at !== list.length) throw new Error("the fake adds table columns at the end only");
            if (name && list.some((n) => n.toLowerCase() === name.toLowerCase()))
              throw officeError("InvalidArgument", `the table already has a column named ${name}`);
            // Appending into an empty column: the table grows over it.
            for (let row = r.top; row <= r.bottom; row++) {
              const c = sheet.get(row, r.right + 1);
              if (c && (c.value !== null || c.formula))
                throw new Error("the fake does not shift cells to add a table column");
            }
            const header = name ?? `Column${list.length + 1}`;
            list.push(header);
            t.range = `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right + 1)}`;
            if (t.showHeaders) sheet.set(r.top, r.right + 1, header);
            if (values !== undefined && values !== null) throw new Error("the fake adds table columns without values");
            fake.writes++;
          });
          return {};
        },
      },
    );
  }

  private sheetMock(found: FakeSheet | undefined, name: string): Mock {
    // A batch may call methods on an object that turns out to be null: the sync then fails.
    const isNull = found === undefined;
    const sheet = found ?? new FakeSheet(name);
    const mock = new OfficeMockObject({
      name: sheet.name,
      id: sheet.id,
      standardWidth: 8.43,
      standardHeight: STANDARD_HEIGHT_POINTS,
      protection: { protected: sheet.protected },
      visibility: sheet.visibility,
      // The sheet the person looks at becomes this one (the active sheet).
      activate: () =>
        this.pending.push(() => {
          if (this.sheets.includes(sheet)) this.active = this.sheets.indexOf(sheet);
        }),
      getUsedRangeOrNullObject: () => {
        const used = sheet.usedRange();
        return this.rangeMock(sheet, used ?? { top: 0, left: 0, bottom: 0, right: 0 }, used === null);
      },
      getRange: (address?: string) => {
        const r = address ? parseRange(address) : { top: 0, left: 0, bottom: 1_048_575, right: 16_383 };
        if (!r) throw new Error(`bad address ${address}`);
        return this.rangeMock(sheet, r);
      },
      getRangeByIndexes: (top: number, left: number, rows: number, cols: number) =>
        this.rangeMock(sheet, { top, left, bottom: top + rows - 1, right: left + cols - 1 }),
    }) as Mock;
    mock.names = this.names(sheet);
    mock.freezePanes = this.typed(
      { freezeRows: (n: number) => this.pending.push(() => ((sheet.frozenRows = n), this.writes++)) },
      "WorksheetFreezePanes",
    );
    mock.pageLayout = this.typed({ orientation: null, zoom: null }, "PageLayout", false, (p, v) =>
      this.pending.push(() => {
        this.guard(sheet);
        sheet.print = { ...sheet.print, [p]: v };
        this.writes++;
      }),
    );
    mock.onChanged = this.typed(
      {
        add: (handler: FakeSheet["changeHandlers"][number]) => {
          sheet.changeHandlers.push(handler);
          return {
            remove: () =>
              this.pending.push(() => sheet.changeHandlers.splice(sheet.changeHandlers.indexOf(handler), 1)),
          };
        },
      },
      "EventHandlers",
    );
    mock.delete = () =>
      this.pending.push(() => {
        this.guardStructure();
        this.sheets.splice(this.sheets.indexOf(sheet), 1);
        this.writes++;
      });
    mock.tables = this.collection("TableCollection", () =>
      sheet.tables.map((t) =>
        this.typed(
          {
            name: t.name,
            showHeaders: t.showHeaders,
            showTotals: t.showTotals,
            getRange: () => this.rangeMock(sheet, parseRange(t.range)!),
            columns: this.tableColumns(sheet, t),
            resize: (address: string) =>
              this.pending.push(() => {
                this.guard(sheet);
                const now = parseRange(t.range)!;
                const next = parseRange(address.split("!").pop()!)!;
                if (next.top !== now.top || next.left !== now.left || next.bottom !== now.bottom)
                  throw new Error("the fake resizes a table's columns only");
                if (t.columns) t.columns = t.columns.slice(0, next.right - next.left + 1);
                t.range = `${cellAddress(next.top, next.left)}:${cellAddress(next.bottom, next.right)}`;
                this.writes++;
              }),
          },
          "Table",
        ),
      ),
    );
    Object.assign(mock.tables as object, {
      getItem: (tableName: string) => {
        const t = sheet.tables.find((x) => x.name.toLowerCase() === tableName.toLowerCase());
        if (!t) {
          this.failures.push(() => officeError("ItemNotFound", `no table ${tableName}`));
          return { columns: { add: () => ({}) } };
        }
        return this.typed({ name: t.name, columns: this.tableColumns(sheet, t) }, "Table");
      },
    });
    mock.pivotTables = this.collection("PivotTableCollection", () =>
      sheet.pivots.map((p) =>
        this.typed(
          {
            name: p.name,
            layout: this.typed({ getRange: () => this.rangeMock(sheet, parseRange(p.range)!) }, "PivotLayout"),
            filterHierarchies: this.collection("FilterPivotHierarchyCollection", () =>
              (p.filters ?? []).map((name) => this.typed({ name }, "FilterPivotHierarchy")),
            ),
          },
          "PivotTable",
        ),
      ),
    );
    const drawing = (d: FakeDrawing) => ({ name: d.name, top: d.top, left: d.left, width: d.width, height: d.height });
    mock.charts = this.collection("ChartCollection", () =>
      sheet.drawings.filter((d) => d.kind === "chart").map((d) => this.typed(drawing(d), "Chart")),
    );
    mock.shapes = this.collection("ShapeCollection", () =>
      sheet.drawings.filter((d) => d.kind === "shape").map((d) => this.typed(drawing(d), "Shape")),
    );
    this.createdAt.set(mock, this.syncs);
    this.nullObject(mock, isNull);
    this.mocks.push(mock);
    return this.typed(mock, "Worksheet", isNull);
  }

  /** A sheet's names collection: add, load (items/name, comment, formula), getItemOrNullObject. */
  private names(sheet: FakeSheet) {
    const formulaOf = (range: string) =>
      `=${quoteSheetName(sheet.name)}!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
    const coll = this.collection("NamedItemCollection", () =>
      [...sheet.names].map(([name, x]) =>
        this.typed(
          {
            name,
            comment: x.comment,
            formula: formulaOf(x.range),
            delete: () =>
              this.pending.push(() => {
                this.guard(sheet);
                sheet.names.delete(name);
                this.writes++;
              }),
          },
          "NamedItem",
        ),
      ),
    );
    return Object.assign(coll, {
      add: (name: string, reference: { _fakeAddress: string }, comment = "") => {
        this.pending.push(() => {
          this.guard(sheet);
          if (sheet.names.has(name)) throw officeError("InvalidArgument", `the name ${name} already exists`);
          sheet.names.set(name, { range: reference._fakeAddress.split("!")[1], comment });
          this.writes++;
        });
      },
      getItemOrNullObject: (name: string) => {
        const found = sheet.names.get(name);
        const item = new OfficeMockObject({
          name,
          comment: found?.comment ?? "",
          formula: found ? formulaOf(found.range) : "",
          delete: () =>
            this.pending.push(() => {
              this.guard(sheet);
              sheet.names.delete(name);
              this.writes++;
            }),
          getRangeOrNullObject: () =>
            this.rangeMock(sheet, found ? parseRange(found.range)! : { top: 0, left: 0, bottom: 0, right: 0 }, !found),
        }) as Mock;
        this.createdAt.set(item, this.syncs);
        this.nullObject(item, found === undefined);
        this.mocks.push(item);
        return this.typed(item, "NamedItem", found === undefined);
      },
    });
  }

  /**
   * Fires a person's edit of `address` on a sheet, as Excel's onChanged would: `source` is
   * "Remote" for a co-author's edit; triggerSource exists from ExcelApi 1.14.
   */
  async edit(
    sheetName: string,
    address: string,
    options: { source?: "Local" | "Remote"; triggerSource?: string; valueAfter?: unknown } | string = {},
  ): Promise<void> {
    const o = typeof options === "string" ? { triggerSource: options } : options;
    const event: FakeEvent = { address, source: o.source ?? "Local" };
    if (compareSets(this.version, "1.14") >= 0) event.triggerSource = o.triggerSource ?? "Unknown";
    if (o.valueAfter !== undefined) event.details = { valueAfter: o.valueAfter, valueBefore: "" };
    for (const h of [...this.sheet(sheetName).changeHandlers]) await h(event);
  }

  /** isNullObject is known only after a sync, as in Excel. */
  private nullObject(mock: object, isNull: boolean): void {
    const createdAt = this.syncs;
    Object.defineProperty(mock, "isNullObject", {
      configurable: true,
      get: () => {
        if (this.syncs <= createdAt) throw new Error("isNullObject read before context.sync()");
        return isNull;
      },
    });
  }

  /** The RequestContext the host is given (also makes this fake the global Office). */
  context(): Excel.RequestContext {
    (globalThis as Record<string, unknown>).Office = this.office;
    // Loading the sheets loads their names, as worksheets.load("items/name") does.
    let loadedSheets: Mock[] = [];
    const sheetList = this.collection("WorksheetCollection", () => loadedSheets);
    const loadSheets = sheetList.load.bind(sheetList);
    sheetList.load = () => {
      loadedSheets = this.sheets.map((x) => {
        const m = this.sheetMock(x, x.name);
        m.load("name, id, visibility, protection/protected");
        return m;
      });
      return loadSheets();
    };
    const worksheets = Object.assign(sheetList, {
      getActiveWorksheet: () => this.sheetMock(this.sheets[this.active], this.sheets[this.active]?.name ?? ""),
      getItem: (key: string) => {
        const s = this.find(key) ?? this.sheets.find((x) => x.id === key);
        if (!s) {
          this.failures.push(() => officeError("ItemNotFound", `no sheet ${key}`));
          return this.sheetMock(undefined, key);
        }
        return this.sheetMock(s, s.name);
      },
      getItemOrNullObject: (key: string) => {
        const s = this.find(key) ?? this.sheets.find((x) => x.id === key);
        return this.sheetMock(s, s?.name ?? key);
      },
      add: (name: string) => {
        const sheet = new FakeSheet(name);
        this.pending.push(() => {
          this.guardStructure();
          if (this.find(name)) throw officeError("ItemAlreadyExists", `a sheet named ${name} already exists`);
          this.sheets.push(sheet);
          this.writes++;
        });
        return this.sheetMock(sheet, name);
      },
    });
    const fake = this;
    const protection = this.typed(
      new OfficeMockObject({
        get protected() {
          return fake.structureProtected;
        },
      }),
      "WorkbookProtection",
    );
    this.mocks.push(protection);
    const sync = async () => {
      this.syncs++;
      const failures = this.failures;
      this.failures = [];
      const loads = this.loads;
      this.loads = [];
      if (this.editing) {
        if (!this.delay) {
          this.dropBatch();
          throw officeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
        }
        this.editing = false; // the batch waited until the person pressed Enter
      }
      for (const f of failures) {
        const e = f();
        if (e) {
          this.dropBatch();
          throw e;
        }
      }
      const request = this.requestBytes();
      if (request > PAYLOAD_CAP) {
        this.dropBatch();
        throw officeError("RequestPayloadSizeLimitExceeded", `the request is ${request} bytes`);
      }
      const response = loads.reduce((n, f) => n + f(), 0);
      if (response > PAYLOAD_CAP) {
        this.dropBatch();
        throw officeError("ResponsePayloadSizeLimitExceeded", `the response is ${response} bytes`);
      }
      this.maxResponseBytes = Math.max(this.maxResponseBytes, response);
      this.batchBytes = request;
      this.maxBatchBytes = Math.max(this.maxBatchBytes, this.batchBytes);
      // In order; an operation that fails stops the batch, and what ran before it stays done.
      const flushers = this.flushers;
      const pending = this.pending;
      this.flushers = [];
      this.pending = [];
      for (const op of pending) op();
      for (const f of flushers) f.flush();
      for (const m of this.mocks) await m.sync();
      this.writtenRanges = [];
    };
    const getSelectedRange = () => {
      const sheet = this.sheets[this.active];
      return this.rangeMock(sheet, parseRange(this.selection)!);
    };
    const workbook = this.typed({ worksheets, getSelectedRange, protection }, "Workbook");
    return { workbook, sync } as unknown as Excel.RequestContext;
  }

  /** Ranges made in this batch, to measure the values written to them. */
  private writtenRanges: { mock: Mock; values: unknown[][] }[] = [];

  /** The JSON size of the values queued for writing. */
  private requestBytes(): number {
    let n = 0;
    for (const { mock, values } of this.writtenRanges)
      if (Array.isArray(mock.values) && mock.values !== values) n += JSON.stringify(mock.values).length;
    return n;
  }

  /** A failed request: nothing queued in it reaches the workbook. */
  private dropBatch(): void {
    this.flushers = [];
    this.pending = [];
    this.writtenRanges = [];
  }
}

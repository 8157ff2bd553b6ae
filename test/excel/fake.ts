/**
 * A grid-backed fake of the Excel object model for the host's tests, built on office-addin-mock.
 *
 * Ranges and worksheets are OfficeMockObjects, so a property read before load() and
 * context.sync() gives the mock's "not loaded" / "not synced" error instead of data, as in
 * Excel. Writes are queued on the objects and reach the sheet model only at context.sync(),
 * which is counted. What OfficeMockObject cannot express is hand-made here, and enforces
 * load-then-sync itself:
 * - collections (conditionalFormats, tables): the mock cannot load `items/...` paths;
 * - isNullObject, which Excel knows only after a sync;
 * - RangeAreas (merged areas, a rule's ranges) and the conditional format items, whose
 *   *OrNullObject children are only known after a sync.
 */
import { OfficeMockObject } from "office-addin-mock";
import { cellAddress, parseRange, quoteSheetName, type CellRange } from "../../src/governance/grid";

export interface FakeCell {
  value: string | number | boolean | null;
  numberFormat?: string;
  formula?: string;
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
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  readonly rules: FakeRule[] = [];
  readonly widths = new Map<number, number>();
  readonly styles = new Map<string, string>();
  readonly tables: FakeTable[] = [];
  readonly merges: string[] = [];
  /** Sheet-scoped names: what they refer to ("Q5:T40") and their comments. */
  readonly names = new Map<string, { range: string; comment: string }>();
  /** Handlers added with onChanged.add. */
  readonly changeHandlers: ((event: { address: string; triggerSource?: string }) => Promise<void>)[] = [];
  protected = false;
  constructor(public name: string) {}

  set(row: number, col: number, value: FakeCell["value"], numberFormat?: string): void {
    this.cells.set(`${row},${col}`, { value, numberFormat });
  }

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  /** Cells as a person would see them: values, formulas as "=…", text flags, widths and rules. */
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
    return [...cells, ...widths, ...rules, ...styles, ...names].join("\n");
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
}

type Pending = () => void;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  active = 0;
  /** The person's selection on the active sheet. */
  selection = "A1";
  syncs = 0;
  /** Writes that reached the model (cells, rules, widths, sheets). */
  writes = 0;
  /** The JSON size of the values written in the largest batch (one sync): Excel on the web caps a request at 5 MB. */
  maxBatchBytes = 0;
  private batchBytes = 0;
  private pending: Pending[] = [];
  /** Clears run before the writes queued with them, as a clear-then-write batch does in Excel. */
  private clears: Pending[] = [];
  private mocks: OfficeMockObject[] = [];
  private flushers: { dirty: () => boolean; flush: () => void }[] = [];

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Writes queued on the context and not yet synced (a refused apply must leave none). */
  queuedWrites(): number {
    return this.pending.length + this.clears.length + this.flushers.filter((f) => f.dirty()).length;
  }

  /**
   * What a value written through Range.values becomes, as Excel reads typed input: null
   * leaves the cell; "'x" is the text x with the quote prefix; "=…" is a formula; "+1"/"-5",
   * " 42 " and "1,234" are numbers, "3%" is 0.03, "TRUE" a boolean; other "+…", "-…", "@…"
   * are read as formulas (Excel would show #NAME?).
   */
  private store(sheet: FakeSheet, row: number, col: number, v: unknown): void {
    if (v === null || v === undefined) return;
    const key = `${row},${col}`;
    const cell: FakeCell = sheet.cells.get(key) ?? { value: null };
    cell.formula = undefined;
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
    return `${quoteSheetName(sheet.name)}!${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`;
  }

  /** A loaded-after-sync object with an address (RangeAreas), or a null object. */
  private areas(addresses: () => string | null): object {
    let loadedAt = -1;
    const createdAt = this.syncs;
    const fake = this;
    return {
      load() {
        loadedAt = fake.syncs;
        return this;
      },
      get isNullObject() {
        if (fake.syncs <= createdAt) throw new Error("isNullObject read before context.sync()");
        return addresses() === null;
      },
      get address() {
        if (loadedAt < 0 || fake.syncs <= loadedAt) throw new Error("RangeAreas.address read before load() and sync()");
        return addresses();
      },
    };
  }

  private rangeMock(sheet: FakeSheet, r: CellRange): OfficeMockObject & Record<string, unknown> {
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    // A whole-sheet range (getRange() without an address) is never read cell by cell here.
    const whole = rows * cols > 5_000_000;
    const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] =>
      whole
        ? []
        : Array.from({ length: rows }, (_, i) =>
            Array.from({ length: cols }, (_, j) => f(sheet.get(r.top + i, r.left + j))),
          );
    // Excel gives a formula cell's computed value; the fake does not compute, so 0.
    const values = grid((c) => (c?.formula ? 0 : (c?.value ?? "")));
    const numberFormat = grid((c) => c?.numberFormat ?? "General");
    const formulas = grid((c) => c?.formula ?? c?.value ?? "");
    const fake = this;
    const address = this.address(sheet, r);
    const width0 = sheet.widths.get(r.left) ?? 48;
    const mock = new OfficeMockObject({
      address,
      rowIndex: r.top,
      columnIndex: r.left,
      rowCount: rows,
      columnCount: cols,
      values,
      numberFormat,
      formulas,
      format: { columnWidth: sheet.widths.get(r.left) ?? 48 },
      copyFrom: (source: { _fakeAddress: string }, type: string) => {
        fake.pending.push(() => {
          if (type === "Formats") sheet.styles.set(address, source._fakeAddress);
          fake.writes++;
        });
      },
      clear: (applyTo = "All") => {
        fake.clears.push(() => {
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
      getMergedAreasOrNullObject: () => {
        const inside = sheet.merges.filter((m) => {
          const x = parseRange(m)!;
          return x.top >= r.top && x.bottom <= r.bottom && x.left >= r.left && x.right <= r.right;
        });
        return fake.areas(() =>
          inside.length ? inside.map((m) => `${quoteSheetName(sheet.name)}!${m}`).join(", ") : null,
        );
      },
    }) as OfficeMockObject & Record<string, unknown>;
    mock._fakeAddress = address;
    mock.conditionalFormats = this.conditionalFormats(sheet, address);
    // Writes made to this object before the next sync reach the model then.
    const dirty = () =>
      (Array.isArray(mock.values) && mock.values !== values) ||
      (mock.format as { columnWidth: unknown }).columnWidth !== width0;
    this.flushers.push({
      dirty,
      flush: () => {
        if (Array.isArray(mock.values) && mock.values !== values) {
          this.batchBytes += JSON.stringify(mock.values).length;
          (mock.values as unknown[][]).forEach((row, i) =>
            row.forEach((v, j) => this.store(sheet, r.top + i, r.left + j, v)),
          );
        }
        const width = (mock.format as { columnWidth: unknown }).columnWidth;
        if (typeof width === "number" && width !== width0) {
          // 48 points is the standard width: setting it is the same as having none.
          for (let c = r.left; c <= r.right; c++) width === 48 ? sheet.widths.delete(c) : sheet.widths.set(c, width);
          this.writes++;
        }
      },
    });
    this.mocks.push(mock);
    return mock;
  }

  /** A collection whose `items` can be read only after load() and a sync. */
  private collection<T>(items: () => T[]) {
    const fake = this;
    let loadedAt = -1;
    return {
      load() {
        loadedAt = fake.syncs;
        return this;
      },
      get items(): T[] {
        if (loadedAt < 0 || fake.syncs <= loadedAt) throw new Error("collection items read before load() and sync()");
        return items();
      },
    };
  }

  private conditionalFormats(sheet: FakeSheet, address: string) {
    const fake = this;
    const coll = this.collection(() =>
      sheet.rules.map((rule) => {
        const format = { fill: { color: rule.fill }, font: { color: rule.font } };
        const custom = { isNullObject: rule.type !== "Custom", rule: { formula: rule.formula }, format };
        const cellValue = {
          isNullObject: rule.type !== "CellValue",
          rule: { operator: rule.operator, formula1: rule.formula, formula2: rule.formula2 },
          format,
        };
        return {
          type: rule.type,
          // As in Excel, `custom` on another type of rule fails; customOrNullObject does not.
          get custom() {
            if (rule.type !== "Custom") throw new Error("ItemNotFound: not a custom conditional format");
            return custom;
          },
          customOrNullObject: custom,
          cellValueOrNullObject: cellValue,
          getRanges: () => fake.areas(() => `${quoteSheetName(sheet.name)}!${rule.range}`),
          delete: () =>
            fake.pending.push(() => {
              sheet.rules.splice(sheet.rules.indexOf(rule), 1);
              fake.writes++;
            }),
        };
      }),
    );
    return Object.assign(coll, {
      add(type: string) {
        const cf = { type, custom: { rule: { formula: "" }, format: { fill: { color: "" }, font: { color: "" } } } };
        fake.pending.push(() => {
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

  private sheetMock(found: FakeSheet | undefined, name: string): OfficeMockObject & Record<string, unknown> {
    // Excel lets a batch call methods on an object that turns out to be null; so does the fake.
    const sheet = found ?? new FakeSheet(name);
    const mock = new OfficeMockObject({
      name,
      protection: { protected: sheet.protected },
      getUsedRangeOrNullObject: () => {
        const used = sheet.usedRange();
        const range = this.rangeMock(sheet, used ?? { top: 0, left: 0, bottom: 0, right: 0 });
        this.nullObject(range, used === null);
        return range;
      },
      getRange: (address?: string) => {
        const r = address ? parseRange(address) : { top: 0, left: 0, bottom: 1_048_575, right: 16_383 };
        if (!r) throw new Error(`bad address ${address}`);
        return this.rangeMock(sheet, r);
      },
    }) as OfficeMockObject & Record<string, unknown>;
    mock.names = this.names(sheet);
    mock.onChanged = {
      add: (handler: FakeSheet["changeHandlers"][number]) => {
        sheet.changeHandlers.push(handler);
        return {
          remove: () => this.pending.push(() => sheet.changeHandlers.splice(sheet.changeHandlers.indexOf(handler), 1)),
        };
      },
    };
    mock.delete = () =>
      this.pending.push(() => {
        this.sheets.splice(this.sheets.indexOf(sheet), 1);
        this.writes++;
      });
    mock.tables = this.collection(() =>
      sheet.tables.map((t) => ({
        name: t.name,
        showHeaders: t.showHeaders,
        showTotals: t.showTotals,
        getRange: () => this.rangeMock(sheet, parseRange(t.range)!),
      })),
    );
    this.nullObject(mock, found === undefined);
    this.mocks.push(mock);
    return mock;
  }

  /** A sheet's names collection: add, getItemOrNullObject (comment, getRangeOrNullObject, delete). */
  private names(sheet: FakeSheet) {
    return {
      add: (name: string, reference: { _fakeAddress: string }, comment = "") => {
        this.pending.push(() => {
          if (sheet.names.has(name)) throw new Error(`InvalidArgument: the name ${name} already exists`);
          sheet.names.set(name, { range: reference._fakeAddress.split("!")[1], comment });
          this.writes++;
        });
      },
      getItemOrNullObject: (name: string) => {
        const found = sheet.names.get(name);
        const item = new OfficeMockObject({
          name,
          comment: found?.comment ?? "",
          delete: () =>
            this.pending.push(() => {
              sheet.names.delete(name);
              this.writes++;
            }),
          getRangeOrNullObject: () => {
            const range = this.rangeMock(
              sheet,
              found ? parseRange(found.range)! : { top: 0, left: 0, bottom: 0, right: 0 },
            );
            this.nullObject(range, found === undefined);
            return range;
          },
        }) as OfficeMockObject & Record<string, unknown>;
        this.nullObject(item, found === undefined);
        this.mocks.push(item);
        return item;
      },
    };
  }

  /** Fires a person's edit of `address` on a sheet, as Excel's onChanged would. */
  async edit(sheetName: string, address: string, triggerSource = "Unknown"): Promise<void> {
    for (const h of [...this.sheet(sheetName).changeHandlers]) await h({ address, triggerSource });
  }

  /** isNullObject is known only after a sync, as in Excel. */
  private nullObject(mock: object, isNull: boolean): void {
    const createdAt = this.syncs;
    Object.defineProperty(mock, "isNullObject", {
      get: () => {
        if (this.syncs <= createdAt) throw new Error("isNullObject read before context.sync()");
        return isNull;
      },
    });
  }

  /** The RequestContext the host is given. */
  context(): Excel.RequestContext {
    // Loading the sheets loads their names, as worksheets.load("items/name") does.
    let loadedSheets: (OfficeMockObject & Record<string, unknown>)[] = [];
    const sheetList = this.collection(() => loadedSheets);
    const loadSheets = sheetList.load.bind(sheetList);
    sheetList.load = () => {
      loadedSheets = this.sheets.map((x) => {
        const m = this.sheetMock(x, x.name);
        m.load("name");
        return m;
      });
      return loadSheets();
    };
    const worksheets = Object.assign(sheetList, {
      getActiveWorksheet: () => this.sheetMock(this.sheets[this.active], this.sheets[this.active]?.name ?? ""),
      getItem: (name: string) => {
        const s = this.sheets.find((x) => x.name === name);
        if (!s) throw new Error(`ItemNotFound: ${name}`);
        return this.sheetMock(s, name);
      },
      getItemOrNullObject: (name: string) =>
        this.sheetMock(
          this.sheets.find((s) => s.name === name),
          name,
        ),
      add: (name: string) => {
        const sheet = new FakeSheet(name);
        this.pending.push(() => {
          this.sheets.push(sheet);
          this.writes++;
        });
        return this.sheetMock(sheet, name);
      },
    });
    const sync = async () => {
      this.syncs++;
      this.batchBytes = 0;
      for (const op of this.clears) op();
      this.clears = [];
      for (const f of this.flushers) f.flush();
      this.flushers = [];
      this.maxBatchBytes = Math.max(this.maxBatchBytes, this.batchBytes);
      for (const op of this.pending) op();
      this.pending = [];
      for (const m of this.mocks) await m.sync();
    };
    const getSelectedRange = () => {
      const sheet = this.sheets[this.active];
      return this.rangeMock(sheet, parseRange(this.selection)!);
    };
    return { workbook: { worksheets, getSelectedRange }, sync } as unknown as Excel.RequestContext;
  }
}

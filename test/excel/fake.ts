/**
 * A grid-backed fake of the Excel object model for the host's tests, built on office-addin-mock.
 *
 * Ranges and worksheets are OfficeMockObjects, so a property read before load() and
 * context.sync() gives the mock's "not loaded" / "not synced" error instead of data, as in
 * Excel. Writes are queued on the objects and reach the sheet model only at context.sync(),
 * which is counted. Collections (conditionalFormats, worksheets) are small hand-made objects:
 * the mock cannot load `items/...` paths of a collection, so they enforce load-then-sync
 * themselves.
 */
import { OfficeMockObject } from "office-addin-mock";
import { cellAddress, parseRange, type CellRange } from "../../src/governance/grid";

export interface FakeCell {
  value: string | number | boolean | null;
  numberFormat?: string;
  formula?: string;
}

export interface FakeRule {
  range: string;
  formula: string;
  fill?: string;
  font?: string;
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  readonly rules: FakeRule[] = [];
  readonly widths = new Map<number, number>();
  readonly styles = new Map<string, string>();
  protected = false;
  constructor(public name: string) {}

  set(row: number, col: number, value: FakeCell["value"], numberFormat?: string): void {
    this.cells.set(`${row},${col}`, { value, numberFormat });
  }

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  /** Rows as a person would see them: values, formulas as "=…". */
  snapshot(): string {
    return [...this.cells]
      .filter(([, c]) => c.value !== null || c.formula)
      .map(([k, c]) => `${k}=${JSON.stringify(c.formula ?? c.value)}`)
      .sort()
      .join("\n");
  }

  usedRange(): CellRange | null {
    let r: CellRange | null = null;
    for (const [k, c] of this.cells) {
      if (c.value === null && !c.formula) continue;
      const [row, col] = k.split(",").map(Number);
      r = r
        ? { top: Math.min(r.top, row), left: Math.min(r.left, col), bottom: Math.max(r.bottom, row), right: Math.max(r.right, col) }
        : { top: row, left: col, bottom: row, right: col };
    }
    return r;
  }
}

type Pending = () => void;

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  active = 0;
  syncs = 0;
  /** Writes that reached the model (cells, rules, widths, sheets). */
  writes = 0;
  private pending: Pending[] = [];
  /** Clears run before the writes queued with them, as a clear-then-write batch does in Excel. */
  private clears: Pending[] = [];
  private mocks: OfficeMockObject[] = [];
  private flushers: (() => void)[] = [];

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

  /** What a value written through Range.values becomes, as Excel stores typed input. */
  private store(sheet: FakeSheet, row: number, col: number, v: unknown): void {
    if (v === null || v === undefined) return; // null leaves the cell as it was
    const key = `${row},${col}`;
    const cell = sheet.cells.get(key) ?? { value: null };
    cell.formula = undefined;
    if (typeof v === "string" && v.startsWith("'")) cell.value = v.slice(1);
    else if (typeof v === "string" && v.startsWith("=")) {
      cell.formula = v;
      cell.value = null;
    } else cell.value = v === "" ? null : (v as FakeCell["value"]);
    sheet.cells.set(key, cell);
    this.writes++;
  }

  private rangeMock(sheet: FakeSheet, r: CellRange): OfficeMockObject & Record<string, unknown> {
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] =>
      Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(sheet.get(r.top + i, r.left + j))));
    const values = grid((c) => (c?.formula ? 0 : (c?.value ?? "")));
    const numberFormat = grid((c) => c?.numberFormat ?? "General");
    const formulas = grid((c) => c?.formula ?? c?.value ?? "");
    const fake = this;
    const address = `${sheet.name}!${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`;
    const mock = new OfficeMockObject({
      address,
      values,
      numberFormat,
      formulas,
      format: { columnWidth: 48 },
      copyFrom: (source: { _fakeAddress: string }, type: string) => {
        fake.pending.push(() => {
          if (type === "Formats") sheet.styles.set(address, source._fakeAddress);
          fake.writes++;
        });
      },
      clear: () => {
        fake.clears.push(() => {
          sheet.cells.clear();
          fake.writes++;
        });
      },
    }) as OfficeMockObject & Record<string, unknown>;
    mock._fakeAddress = address;
    mock.conditionalFormats = this.conditionalFormats(sheet, address);
    // Writes made to this object before the next sync reach the model then.
    this.flushers.push(() => {
      if (Array.isArray(mock.values) && mock.values !== values) {
        (mock.values as unknown[][]).forEach((row, i) => row.forEach((v, j) => this.store(sheet, r.top + i, r.left + j, v)));
      }
      const width = (mock.format as { columnWidth: unknown }).columnWidth;
      if (typeof width === "number" && width !== 48) {
        for (let c = r.left; c <= r.right; c++) sheet.widths.set(c, width);
        this.writes++;
      }
    });
    this.mocks.push(mock);
    return mock;
  }

  private conditionalFormats(sheet: FakeSheet, address: string) {
    const fake = this;
    let loadedAt = -1;
    return {
      load() {
        loadedAt = fake.syncs;
        return this;
      },
      get items() {
        if (loadedAt < 0 || fake.syncs <= loadedAt) throw new Error("conditionalFormats.items read before load() and sync()");
        return sheet.rules.map((rule) => ({
          type: "Custom",
          custom: { rule: { formula: rule.formula } },
          delete: () =>
            fake.pending.push(() => {
              sheet.rules.splice(sheet.rules.indexOf(rule), 1);
              fake.writes++;
            }),
        }));
      },
      add(type: string) {
        const cf = { type, custom: { rule: { formula: "" }, format: { fill: { color: "" }, font: { color: "" } } } };
        fake.pending.push(() => {
          sheet.rules.push({
            range: address.split("!")[1],
            formula: cf.custom.rule.formula,
            fill: cf.custom.format.fill.color,
            font: cf.custom.format.font.color,
          });
          fake.writes++;
        });
        return cf;
      },
    };
  }

  private sheetMock(sheet: FakeSheet | undefined, name: string): OfficeMockObject & Record<string, unknown> {
    const fake = this;
    const mock = new OfficeMockObject({
      name,
      protection: { protected: sheet?.protected ?? false },
      getUsedRangeOrNullObject: () => {
        const used = sheet?.usedRange() ?? null;
        const range = used ? this.rangeMock(sheet!, used) : this.rangeMock(sheet ?? new FakeSheet(name), { top: 0, left: 0, bottom: 0, right: 0 });
        this.nullObject(range, used === null);
        return range;
      },
      getRange: (address?: string) => {
        const r = address ? parseRange(address) : { top: 0, left: 0, bottom: 0, right: 0 };
        if (!r) throw new Error(`bad address ${address}`);
        return this.rangeMock(sheet!, r);
      },
    }) as OfficeMockObject & Record<string, unknown>;
    this.nullObject(mock, sheet === undefined);
    this.mocks.push(mock);
    void fake;
    return mock;
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
    const worksheets = {
      getActiveWorksheet: () => this.sheetMock(this.sheets[this.active], this.sheets[this.active]?.name ?? ""),
      getItemOrNullObject: (name: string) => this.sheetMock(this.sheets.find((s) => s.name === name), name),
      add: (name: string) => {
        const sheet = new FakeSheet(name);
        this.pending.push(() => {
          this.sheets.push(sheet);
          this.writes++;
        });
        return this.sheetMock(sheet, name);
      },
    };
    const sync = async () => {
      this.syncs++;
      for (const op of this.clears) op();
      this.clears = [];
      for (const flush of this.flushers) flush();
      this.flushers = [];
      for (const op of this.pending) op();
      this.pending = [];
      for (const m of this.mocks) await m.sync();
    };
    return { workbook: { worksheets }, sync } as unknown as Excel.RequestContext;
  }
}

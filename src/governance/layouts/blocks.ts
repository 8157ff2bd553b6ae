/**
 * The blocks layout reader: a sheet (or a region of one) that describes each metric with
 * label / value cells ("Goal Title" → its value, "Owners" → its value, "Due Date" → …),
 * usually beside or above a small series table (Month | Actuals | Targets). One metric per
 * block; several blocks on a sheet are several metrics of one table.
 *
 * How it reads a sheet:
 * 1. Every short text cell that names a metric ("KPI", "Goal Title", "Indicateur") or a
 *    governance answer ("Owner(s)", "Responsible", "Threshold", "Lever", "Governance") is a
 *    label; its value is the cell right of it (past its merged area), else the cell below.
 *    A label with a column of values under it heads a table column, not a block.
 * 2. Each Owner label anchors a block; its name label is the nearest one above it in its
 *    column, or left of it in its row. A name label with no Owner label still makes a block
 *    when a series belongs to it.
 * 3. A series is a header row with a period column (Month, Date, Week…) and an Actual(s)
 *    column; it belongs to the nearest block above it. The latest filled actual is the
 *    current value, its period the sheet's text for it, and the target in its row a hint.
 *
 * Judgement calls:
 * - A name that is template text ("<Enter Goal Title>", "TBD") is no name: the metric is
 *   named after its sheet, the only name its owner gave it.
 * - An owner that is template text ("<Enter Owners & Contributors>") is still read: the
 *   owner judge says it names no one.
 */
import {
  cellAt,
  cellAddress,
  cellText,
  gridColumnEnd,
  gridRowEnd,
  isEmptyValue,
  isFormulaAt,
  numberFormatAt,
  rangeAddress,
  type CellRange,
  type Grid,
  mergeAt,
} from "../grid";
import { formatCellValue } from "../format";
import { governanceKindOf, isDateFormat, isPercentFormat, isTotalLabel, normalizeHeader } from "../headers";
import type { CellRef, DetectHints, GovernanceKind, KpiTable, MetricRow, ThresholdHint, ValueUnit } from "../types";
import { findBands, hintFromBands } from "./bands";
import type { LayoutReader } from "./types";

/** Labels whose value names the metric (normalized: lower case, no brackets, no trailing colon). */
export const NAME_LABELS: readonly string[] = [
  "kpi",
  "kpi name",
  "kpi title",
  "key performance indicator",
  "metric",
  "metric name",
  "measure",
  "measure name",
  "indicator",
  "indicator name",
  "objective",
  "goal title",
  "goal name",
  // French, Spanish, Portuguese, Italian, German, Dutch, Indonesian
  "indicateur",
  "nom de l'indicateur",
  "nom du kpi",
  "indicador",
  "nombre del indicador",
  "nome do indicador",
  "indicatore",
  "nome indicatore",
  "kennzahl",
  "kennzahlname",
  "indicator naam",
  "naam kpi",
  "indikator",
  "nama indikator",
  "nama kpi",
];

/** Owner labels in other languages (the English ones are the governance synonyms). */
export const OWNER_LABELS: readonly string[] = [
  "owners & contributors",
  "owner & contributors",
  "kpi owners",
  "responsable",
  "propriétaire",
  "pilote",
  "dueño",
  "responsável",
  "verantwortlich",
  "verantwortliche",
  "eigenaar",
  "verantwoordelijke",
  "proprietario",
  "pemilik",
  "penanggung jawab",
  "pic",
];

/** Header words of a series' period column. */
const PERIOD_HEADERS = new Set([
  "month",
  "months",
  "date",
  "period",
  "week",
  "quarter",
  "year",
  "day",
  "sprint",
  "mois",
  "date de fin",
  "période",
  "semaine",
  "trimestre",
  "mes",
  "fecha",
  "periodo",
  "período",
  "semana",
  "data",
  "mês",
  "mese",
  "settimana",
  "monat",
  "datum",
  "woche",
  "quartal",
  "maand",
  "bulan",
  "tanggal",
  "periode",
  "minggu",
  "kuartal",
]);

/** Words that make a series column the actual values. */
const ACTUAL_WORDS = new Set([
  "actual",
  "actuals",
  "achieved",
  "result",
  "results",
  "réalisé",
  "realise",
  "réel",
  "reel",
  "real",
  "realizado",
  "ist",
  "istwert",
  "realisasi",
  "capaian",
  "werkelijk",
  "realisatie",
  "effettivo",
  "consuntivo",
]);

/** Whole headers that are the value of a one-value series ("Value", "Wert"). */
const VALUE_HEADERS = new Set(["value", "values", "valeur", "valor", "wert", "waarde", "valore", "nilai"]);

/** Words that make a series column the targets. */
const TARGET_WORDS = new Set([
  "target",
  "targets",
  "goal",
  "goals",
  "plan",
  "budget",
  "objectif",
  "cible",
  "meta",
  "objetivo",
  "soll",
  "ziel",
  "doel",
  "obiettivo",
  "sasaran",
]);

const NAME_SET = new Set(NAME_LABELS);
const OWNER_SET = new Set(OWNER_LABELS);

/** The longest text read as a label: a label is a few words, never an instruction. */
const LABEL_MAX_CHARS = 40;
/** How far above its Owner label a name label may sit, and how far left in its row. */
const NAME_ROWS_ABOVE = 12;
const NAME_COLS_LEFT = 8;
/** How far below its block a series may start. */
const SERIES_ROWS_BELOW = 60;

type LabelKind = "name" | GovernanceKind;

interface Label {
  kind: LabelKind;
  cell: CellRef;
  /** The label's area (its merged cells, or itself). */
  area: CellRange;
  /** Its value cell, and whether it sits right of or below the label. */
  value: CellRef;
  where: "right" | "below";
  /** The value cell holds nothing yet. */
  empty: boolean;
}

interface Series {
  headerRow: number;
  periodCol: number;
  actualCol: number;
  targetCol: number | null;
  values: CellRef[];
  current: CellRef | null;
  currentPeriod?: string;
  target?: number;
  lastRow: number;
  left: number;
  right: number;
}

interface Block {
  owner: Label | null;
  name: Label | null;
  answers: Partial<Record<GovernanceKind, Label>>;
  series: Series | null;
}

function text(grid: Grid, row: number, col: number): string {
  return cellText(cellAt(grid, row, col)).trim();
}

function filled(grid: Grid, row: number, col: number): boolean {
  return !isEmptyValue(cellAt(grid, row, col)) || isFormulaAt(grid, row, col);
}

/** Template text a person is meant to overwrite: "<Enter Goal Title>", "[Name]", "TBD", "Enter owner". */
export function isTemplateText(s: string): boolean {
  const t = s.trim();
  if (t === "") return false;
  if (/^<[^<>]*>$/.test(t) || /^\[[^[\]]*\]$/.test(t) || /^\{[^{}]*\}$/.test(t)) return true;
  if (/^(?:enter|insert|type|add|fill in|your)\b/i.test(t) && t.length <= 60) return true;
  return /^(?:tbd|tbc|tba|n\/a|xxx+|\.\.\.+|…|-+|\?+)$/i.test(t);
}

/** What a label cell names, or null when it is no label. */
function labelKind(s: string): LabelKind | null {
  if (s === "" || s.length > LABEL_MAX_CHARS || isTemplateText(s)) return null;
  const norm = normalizeHeader(s);
  if (norm === "") return null;
  if (NAME_SET.has(norm)) return "name";
  if (OWNER_SET.has(norm) || OWNER_SET.has(normalizeHeader(s.replace(/\(s\)/gi, "s")))) return "owner";
  return governanceKindOf(s);
}

/** The value cell of a label at (row, col), or null when the label heads a column of a table. */
function labelAt(grid: Grid, row: number, col: number, kind: LabelKind): Label | null {
  const area = mergeAt(grid, row, col) ?? { top: row, left: col, bottom: row, right: col };
  const right = { row, col: area.right + 1 };
  const below = { row: area.bottom + 1, col };
  const isLabel = (c: CellRef) => labelKind(text(grid, c.row, c.col)) !== null;
  // A column of values under it: the label is a table's header, which the rows reader reads.
  const under2 = { row: area.bottom + 2, col };
  if (
    filled(grid, below.row, below.col) &&
    filled(grid, under2.row, under2.col) &&
    !isLabel(below) &&
    !isLabel(under2) &&
    rowCrowded(grid, row, col)
  )
    return null;
  if (filled(grid, right.row, right.col) && !isLabel(right))
    return { kind, cell: { row, col }, area, value: right, where: "right", empty: false };
  if (filled(grid, below.row, below.col) && !isLabel(below)) {
    if (filled(grid, under2.row, under2.col) && !isLabel(under2)) return null;
    return { kind, cell: { row, col }, area, value: below, where: "below", empty: false };
  }
  // Nothing filled in yet: the value goes right of the label, or under it when right of it
  // stands another label (labels across a row, values under them).
  if (filled(grid, right.row, right.col))
    return { kind, cell: { row, col }, area, value: below, where: "below", empty: true };
  return { kind, cell: { row, col }, area, value: right, where: "right", empty: true };
}

/** Whether a row holds many cells near a column, as a table's header row does. */
function rowCrowded(grid: Grid, row: number, col: number): boolean {
  let n = 0;
  for (let c = Math.max(0, col - NAME_COLS_LEFT); c <= col + NAME_COLS_LEFT; c++)
    if (c !== col && filled(grid, row, c)) n++;
  return n >= 3;
}

function inRegion(r: CellRange, row: number, col: number): boolean {
  return r.top <= row && row <= r.bottom && r.left <= col && col <= r.right;
}

function regionOf(grid: Grid, hints: DetectHints): CellRange {
  const all = {
    top: grid.origin.row,
    left: grid.origin.col,
    bottom: gridRowEnd(grid) - 1,
    right: gridColumnEnd(grid) - 1,
  };
  const w = hints.within;
  if (!w) return all;
  return {
    top: Math.max(all.top, w.top),
    left: Math.max(all.left, w.left),
    bottom: Math.min(all.bottom, w.bottom),
    right: Math.min(all.right, w.right),
  };
}

function findLabels(grid: Grid, region: CellRange): Label[] {
  const out: Label[] = [];
  const hidden = new Set(grid.hiddenRows ?? []);
  const hiddenCols = new Set(grid.hiddenColumns ?? []);
  for (let row = region.top; row <= region.bottom; row++) {
    if (hidden.has(row)) continue;
    const r = grid.values[row - grid.origin.row];
    if (!r) continue;
    for (let i = 0; i < r.length; i++) {
      const col = grid.origin.col + i;
      if (col < region.left || col > region.right || hiddenCols.has(col)) continue;
      const v = r[i];
      if (typeof v !== "string") continue;
      const kind = labelKind(v.trim());
      if (kind === null) continue;
      const label = labelAt(grid, row, col, kind);
      if (label !== null && inRegion(region, label.value.row, label.value.col)) out.push(label);
    }
  }
  return out;
}

/** The name label of an Owner label: nearest above in its column, else left in its row. */
function nameFor(owner: Label, names: Label[], taken: Set<Label>, owners: Label[]): Label | null {
  let best: Label | null = null;
  let bestDistance = Infinity;
  for (const n of names) {
    if (taken.has(n)) continue;
    let d: number;
    if (
      n.cell.col === owner.cell.col &&
      n.cell.row < owner.cell.row &&
      owner.cell.row - n.cell.row <= NAME_ROWS_ABOVE
    ) {
      // No other Owner label between them: that one's name would be this one.
      const between = owners.some(
        (o) => o !== owner && o.cell.col === owner.cell.col && o.cell.row > n.cell.row && o.cell.row < owner.cell.row,
      );
      if (between) continue;
      d = owner.cell.row - n.cell.row;
    } else if (
      n.cell.row === owner.cell.row &&
      n.cell.col < owner.cell.col &&
      owner.cell.col - n.cell.col <= NAME_COLS_LEFT
    ) {
      d = owner.cell.col - n.cell.col + 0.5;
    } else continue;
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

function words(norm: string): string[] {
  return norm.split(/[^\p{L}\p{N}%]+/u).filter((w) => w !== "");
}

/**
 * Series header rows: a run of visible header cells with a period column and an actuals
 * column (several runs on one row are several series, as for blocks side by side).
 */
function findSeries(grid: Grid, region: CellRange, rows: readonly number[]): Series[] {
  const out: Series[] = [];
  const hidden = new Set(grid.hiddenRows ?? []);
  const hiddenCols = new Set(grid.hiddenColumns ?? []);
  for (const row of rows) {
    if (hidden.has(row) || row < region.top || row > region.bottom) continue;
    const header = (col: number) =>
      !hiddenCols.has(col) && typeof cellAt(grid, row, col) === "string" && text(grid, row, col) !== "";
    for (let col = region.left; col <= region.right; col++) {
      if (!header(col)) continue;
      const left = col;
      while (col + 1 <= region.right && header(col + 1)) col++;
      const s = seriesIn(grid, row, left, col, hidden);
      if (s !== null) out.push(s);
    }
  }
  return out;
}

function seriesIn(grid: Grid, row: number, left: number, right: number, hidden: Set<number>): Series | null {
  let periodCol = -1;
  let actualCol = -1;
  let valueCol = -1;
  let targetCol = -1;
  for (let col = left; col <= right; col++) {
    const norm = normalizeHeader(text(grid, row, col));
    const ws = words(norm);
    if (periodCol < 0 && PERIOD_HEADERS.has(norm)) periodCol = col;
    else if (actualCol < 0 && ws.some((w) => ACTUAL_WORDS.has(w)) && ws.length <= 4) actualCol = col;
    else if (valueCol < 0 && VALUE_HEADERS.has(norm)) valueCol = col;
    else if (targetCol < 0 && ws.some((w) => TARGET_WORDS.has(w)) && ws.length <= 4) targetCol = col;
  }
  if (actualCol < 0) actualCol = valueCol;
  if (periodCol < 0 || actualCol < 0) return null;
  return readSeries(grid, row, periodCol, actualCol, targetCol < 0 ? null : targetCol, left, right, hidden);
}

/** The period a series row is for, as the sheet shows it, or null when the row names none. */
function periodText(grid: Grid, row: number, col: number): string | null {
  const v = cellAt(grid, row, col);
  if (typeof v === "number") {
    const fmt = numberFormatAt(grid, row, col);
    if (isDateFormat(fmt)) return formatCellValue(v, fmt);
    if (Number.isInteger(v) && v >= 1900 && v <= 2100) return String(v);
    return null;
  }
  if (typeof v !== "string") return null;
  const t = v.trim();
  if (t === "" || t.length > 40) return null;
  const norm = normalizeHeader(t);
  if (isTotalLabel(norm) || /^(?:ytd|qtd|mtd|average|avg|mean|full year|fy)$/.test(norm)) return null;
  return t;
}

function readSeries(
  grid: Grid,
  headerRow: number,
  periodCol: number,
  actualCol: number,
  targetCol: number | null,
  left: number,
  right: number,
  hidden: Set<number>,
): Series {
  const values: CellRef[] = [];
  let current: CellRef | null = null;
  let currentPeriod: string | undefined;
  let target: number | undefined;
  let lastRow = headerRow;
  const end = gridRowEnd(grid);
  for (let row = headerRow + 1; row < end; row++) {
    let any = false;
    for (let col = left; col <= right && !any; col++) if (!isEmptyValue(cellAt(grid, row, col))) any = true;
    if (!any) break;
    lastRow = row;
    if (hidden.has(row)) continue;
    const period = periodText(grid, row, periodCol);
    if (period === null) continue;
    const cell = { row, col: actualCol };
    values.push(cell);
    const v = cellAt(grid, row, actualCol);
    if (typeof v === "number" && Number.isFinite(v)) {
      current = cell;
      currentPeriod = period;
      const t = targetCol === null ? null : cellAt(grid, row, targetCol);
      target = typeof t === "number" && Number.isFinite(t) ? t : undefined;
    }
  }
  return {
    headerRow,
    periodCol,
    actualCol,
    targetCol,
    values,
    current,
    ...(currentPeriod !== undefined ? { currentPeriod } : {}),
    ...(target !== undefined ? { target } : {}),
    lastRow,
    left,
    right,
  };
}

function blockTop(b: Block): number {
  return Math.min(b.owner?.cell.row ?? Infinity, b.name?.cell.row ?? Infinity);
}

function blockCol(b: Block): number {
  return (b.name ?? b.owner)!.cell.col;
}

/** How far below its block's top a series' header row may be. */
const SERIES_REACH = SERIES_ROWS_BELOW + NAME_ROWS_ABOVE;

/**
 * The rows where a series of some block may start (from each block's top down to its reach),
 * ascending: a series is only ever attached there, so the rest of the sheet (a 100,000-row
 * table under a report header) is never scanned for one.
 */
function seriesRows(blocks: Block[], region: CellRange): number[] {
  const rows = new Set<number>();
  for (const b of blocks) {
    const top = Math.max(region.top, blockTop(b));
    const bottom = Math.min(region.bottom, top + SERIES_REACH);
    for (let row = top; row <= bottom; row++) rows.add(row);
  }
  return [...rows].sort((a, b) => a - b);
}

/** Each series to the nearest block above it (nearest column first, then nearest row). */
function attachSeries(blocks: Block[], series: Series[]): void {
  for (const s of series) {
    let best: Block | null = null;
    let bestKey = [Infinity, Infinity];
    for (const b of blocks) {
      const top = blockTop(b);
      if (top > s.headerRow || s.headerRow - top > SERIES_REACH) continue;
      const col = blockCol(b);
      const colDistance = col < s.left ? s.left - col : col > s.right ? col - s.right : 0;
      const key = [colDistance, s.headerRow - top];
      if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = b;
        bestKey = key;
      }
    }
    if (best !== null && best.series === null) best.series = s;
  }
}

/** Existing Threshold / Lever / Governance labels to their block: same rows or just below, nearest. */
function attachAnswers(blocks: Block[], labels: Label[]): void {
  for (const l of labels) {
    let best: Block | null = null;
    let bestDistance = Infinity;
    for (const b of blocks) {
      const anchor = (b.owner ?? b.name)!;
      const dr = l.cell.row - anchor.cell.row;
      if (dr < -3 || dr > 6) continue;
      const d = Math.abs(dr) * 100 + Math.abs(l.cell.col - anchor.cell.col);
      if (d < bestDistance) {
        best = b;
        bestDistance = d;
      }
    }
    if (best !== null && best.answers[l.kind as GovernanceKind] === undefined)
      best.answers[l.kind as GovernanceKind] = l;
  }
}

function unitOf(grid: Grid, s: Series | null): ValueUnit {
  if (s === null) return "number";
  const cell = s.current ?? s.values[0];
  if (cell && isPercentFormat(numberFormatAt(grid, cell.row, cell.col))) return "percent-fraction";
  if (text(grid, s.headerRow, s.actualCol).includes("%")) return "percent-points";
  return "number";
}

/** A note on status bands near a block ("Red < 80%", "YTD Status Definitions"), when the sheet has them. */
function bandNotes(grid: Grid, region: CellRange): string[] {
  const notes: string[] = [];
  for (let row = region.top; row <= region.bottom; row++) {
    const r = grid.values[row - grid.origin.row];
    if (!r) continue;
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      if (typeof v !== "string" || v.length > 80) continue;
      const t = v.trim();
      const col = grid.origin.col + i;
      if (
        /^(?:red|amber|yellow|green|rouge|rojo|vermelho|rot)\b.*(?:[<>≤≥]|\b(?:below|above|under|over)\b)\s*-?[\d.,]+\s*%?/i.test(
          t,
        )
      )
        notes.push(`Status band at ${cellAddress(row, col)}: '${t}'`);
      else if (/\bstatus\s+(?:definitions?|bands?)\b|\brag\s+(?:definitions?|bands?)\b/i.test(t))
        notes.push(`Status bands at ${cellAddress(row, col)} ('${t}')`);
    }
  }
  return notes;
}

/** How far around a block its status bands are looked for (rows above and below, columns either side). */
const BAND_ROWS = 12;
const BAND_ROWS_INTO_SERIES = 40;

/** The rows and columns a block covers: its labels, their values and the head of its series. */
function blockArea(grid: Grid, b: Block): CellRange {
  const area = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
  const grow = (r: CellRange) => {
    area.top = Math.min(area.top, r.top);
    area.left = Math.min(area.left, r.left);
    area.bottom = Math.max(area.bottom, r.bottom);
    area.right = Math.max(area.right, r.right);
  };
  for (const l of [b.name, b.owner, ...Object.values(b.answers)]) {
    if (!l) continue;
    grow(l.area);
    grow(
      mergeAt(grid, l.value.row, l.value.col) ?? {
        top: l.value.row,
        left: l.value.col,
        bottom: l.value.row,
        right: l.value.col,
      },
    );
  }
  if (b.series)
    grow({
      top: b.series.headerRow,
      left: b.series.left,
      bottom: Math.min(b.series.lastRow, b.series.headerRow + BAND_ROWS_INTO_SERIES),
      right: b.series.right,
    });
  return area;
}

/**
 * Each block's threshold hint from the status bands around it ("Red < 80%", a Green / Amber /
 * Red column, a "Status Definitions" table): bands nearer another block are that block's.
 */
function bandHints(grid: Grid, region: CellRange, blocks: Block[]): Map<Block, ThresholdHint> {
  const out = new Map<Block, ThresholdHint>();
  const series = blocks.flatMap((b) =>
    b.series ? [{ top: b.series.headerRow, left: b.series.left, bottom: b.series.lastRow, right: b.series.right }] : [],
  );
  const distance = (b: Block, cell: CellRef) =>
    Math.abs(cell.row - anchorRow(b)) + Math.abs(cell.col - blockCol(b)) / 4;
  for (const b of blocks) {
    const a = blockArea(grid, b);
    const area = {
      top: Math.max(region.top, a.top - BAND_ROWS),
      left: region.left,
      bottom: Math.min(region.bottom, a.bottom + BAND_ROWS),
      right: region.right,
    };
    const unit = unitOf(grid, b.series);
    const mine = findBands(grid, area, unit, series).filter((band) =>
      blocks.every((o) => o === b || distance(o, band.cell) >= distance(b, band.cell)),
    );
    const hint = hintFromBands(mine, unit);
    if (hint !== null) out.set(b, hint);
  }
  return out;
}

/** How many rows from the top of the region are searched for labels ("Goal Title", "Owners"). */
const LABEL_SCAN_ROWS = 1000;

export function readBlocks(grid: Grid, hints: DetectHints = {}): KpiTable[] {
  const region = regionOf(grid, hints);
  if (region.top > region.bottom || region.left > region.right) return [];
  // Blocks are a sheet's top matter, not its 100,000th row: labels are looked for near the top.
  const labels = findLabels(grid, { ...region, bottom: Math.min(region.bottom, region.top + LABEL_SCAN_ROWS) });
  const owners = labels.filter((l) => l.kind === "owner");
  const names = labels.filter((l) => l.kind === "name");
  if (owners.length === 0 && names.length === 0) return [];

  const taken = new Set<Label>();
  const blocks: Block[] = [];
  for (const o of owners) {
    const name = nameFor(o, names, taken, owners);
    if (name !== null) taken.add(name);
    blocks.push({ owner: o, name, answers: {}, series: null });
  }
  const lone = names.filter((n) => !taken.has(n) && !n.empty);
  for (const n of lone) blocks.push({ owner: null, name: n, answers: {}, series: null });
  attachSeries(blocks, findSeries(grid, region, seriesRows(blocks, region)));
  // A name label with neither an Owner label nor a series is a word on the sheet, not a block.
  const kept = blocks.filter((b) => b.owner !== null || (b.series !== null && b.name !== null));
  // An Owner label alone, with nothing to name and no series, is a note ("Owner: Dana" on a report).
  const real = kept.filter((b) => b.name !== null || b.series !== null);
  if (real.length === 0) return [];
  attachAnswers(
    real,
    labels.filter((l) => l.kind === "threshold" || l.kind === "lever" || l.kind === "governance"),
  );
  real.sort((a, b) => anchorRow(a) - anchorRow(b) || blockCol(a) - blockCol(b));
  // One metric per row: two blocks side by side on one row would share an identity.
  const seenRows = new Set<number>();
  const metricsBlocks = real.filter((b) => {
    const r = anchorRow(b);
    if (seenRows.has(r)) return false;
    seenRows.add(r);
    return true;
  });
  return [tableOf(grid, region, metricsBlocks)];
}

function anchorRow(b: Block): number {
  return (b.owner ?? b.name)!.cell.row;
}

function metricName(grid: Grid, b: Block, many: boolean): string {
  const given = b.name && !b.name.empty ? text(grid, b.name.value.row, b.name.value.col) : "";
  if (given !== "" && !isTemplateText(given)) return given.replace(/\s+/g, " ");
  const at = b.name ? b.name.value : b.owner!.cell;
  return many ? `${grid.sheetName} (${cellAddress(at.row, at.col)})` : grid.sheetName;
}

function tableOf(grid: Grid, region: CellRange, blocks: Block[]): KpiTable {
  const many = blocks.length > 1;
  const hints = bandHints(grid, region, blocks);
  const used = new Set<string>();
  const metrics: MetricRow[] = blocks.map((b) => {
    let name = metricName(grid, b, many);
    const at = b.name ? b.name.value : b.owner!.cell;
    if (used.has(name.toLowerCase())) name = `${name} (${cellAddress(at.row, at.col)})`;
    used.add(name.toLowerCase());
    const answerCells: MetricRow["answerCells"] = {};
    if (b.owner) answerCells.owner = b.owner.value;
    for (const k of ["threshold", "lever", "governance"] as const) {
      const l = b.answers[k];
      if (l) answerCells[k] = l.value;
    }
    const s = b.series;
    const unit = unitOf(grid, s);
    const hint = hints.get(b) ?? null;
    return {
      row: anchorRow(b),
      name,
      unit,
      cell: b.name ? b.name.value : b.owner!.cell,
      ...(s ? { values: s.values, current: s.current } : {}),
      ...(s?.currentPeriod !== undefined ? { currentPeriod: s.currentPeriod } : {}),
      ...(s?.target !== undefined ? { target: s.target } : {}),
      ...(hint !== null ? { thresholdHint: hint, direction: hint.direction } : {}),
      answerCells,
    };
  });

  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  const grow = (r: CellRange) => {
    top = Math.min(top, r.top);
    left = Math.min(left, r.left);
    bottom = Math.max(bottom, r.bottom);
    right = Math.max(right, r.right);
  };
  for (const b of blocks) {
    for (const l of [b.name, b.owner, ...Object.values(b.answers)]) {
      if (!l) continue;
      grow(l.area);
      const vm = mergeAt(grid, l.value.row, l.value.col);
      grow(vm ?? { top: l.value.row, left: l.value.col, bottom: l.value.row, right: l.value.col });
    }
    if (b.series)
      grow({ top: b.series.headerRow, left: b.series.left, bottom: b.series.lastRow, right: b.series.right });
  }
  const first = blocks[0];
  const s = blocks.find((b) => b.series !== null)?.series ?? null;
  const headers: string[] = [];
  if (s) for (let col = s.left; col <= s.right; col++) headers[col] = text(grid, s.headerRow, col);
  const valueColumns = [...new Set(blocks.flatMap((b) => (b.series ? [b.series.actualCol] : [])))];
  const referenceColumns = [
    ...new Set(blocks.flatMap((b) => (b.series && b.series.targetCol !== null ? [b.series.targetCol] : []))),
  ];

  let confidence = 0.55;
  if (blocks.every((b) => b.name !== null)) confidence += 0.15;
  if (blocks.every((b) => b.owner !== null)) confidence += 0.1;
  if (blocks.some((b) => b.series !== null && b.series.current !== null)) confidence += 0.12;
  // Labels alone are a weak sign: a report's header "Metric: … Owner: …" over a table of rows.
  if (blocks.every((b) => b.series === null)) confidence = Math.min(confidence, 0.6);

  const notes = blocks.map((b, i) => {
    const where = (l: Label | null) => (l ? cellAddress(l.cell.row, l.cell.col) : "none");
    const series = b.series
      ? `, series ${rangeAddress({ top: b.series.headerRow, left: b.series.left, bottom: b.series.lastRow, right: b.series.right })}`
      : "";
    return `Block ${i + 1}: name label ${where(b.name)}, owner label ${where(b.owner)}${series}`;
  });
  notes.push(...bandNotes(grid, { top, left: region.left, bottom, right: region.right }));
  for (const m of metrics)
    if (m.thresholdHint)
      notes.push(`Threshold hint for '${m.name}': ${m.thresholdHint.text}, from ${m.thresholdHint.why}`);

  return {
    sheetName: grid.sheetName,
    orientation: "blocks",
    area: { top, left, bottom, right },
    headerRow: blockTop(first),
    headers,
    metricColumn: metrics[0].cell!.col,
    valueColumns,
    currentColumn: valueColumns.length === 1 ? valueColumns[0] : null,
    referenceColumns,
    governance: { owner: null, threshold: null, lever: null, governance: null },
    firstRow: metrics[0].row,
    lastRow: metrics[metrics.length - 1].row,
    lastColumn: right,
    metrics,
    skipped: [],
    tableName: null,
    confidence: Math.round(Math.min(0.92, confidence) * 100) / 100,
    notes,
  };
}

export const blocksReader: LayoutReader = { orientation: "blocks", read: readBlocks };

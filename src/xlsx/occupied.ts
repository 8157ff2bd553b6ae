/**
 * What occupies a sheet besides its cells, for placement: the cells under its drawings
 * (charts, shapes, pictures anchored in xl/drawings/*) and its column widths (a narrow
 * empty column is a spacer the person keeps).
 */
import { parseRange, type CellRange } from "../governance/grid";
import { columnWidthToPoints } from "../governance/width";
import { partText } from "./package";
import type { SheetEntry, WorkbookModel } from "./read";
import { localName, rootElement, ScanError, tags } from "./scan";
import { attribute, relationships, relsPathOf, resolveTarget } from "./xml";

/** Excel's last row and column, 0-based. */
const LAST_ROW = 1048575;
const LAST_COL = 16383;
/** English Metric Units per pixel and per point. */
const EMU_PER_PX = 9525;
const EMU_PER_PT = 12700;

export interface SheetExtras {
  drawings: CellRange[];
  columnWidths: (number | undefined)[];
}

/** `head` is the sheet's XML before its cells, which the reader has already decoded. */
export function readSheetExtras(model: WorkbookModel, sheet: SheetEntry, head: string): SheetExtras {
  const layout = readLayout(head);
  const drawings: CellRange[] = [];
  for (const rel of relationships(partText(model.pkg, relsPathOf(sheet.part)))) {
    if (rel.external || !rel.type.endsWith("/drawing")) continue;
    const target = resolveTarget(sheet.part, rel.target);
    const drawing = target === null ? undefined : partText(model.pkg, target);
    if (drawing !== undefined) drawings.push(...anchors(drawing, layout));
  }
  drawings.push(...notedCells(model, sheet));
  return { drawings, columnWidths: layout.widths };
}

/**
 * The cells that carry a note (a comment; a threaded comment has one too). A note on an
 * empty cell is the person's: a value written there would take their note as its own, so the
 * cell is held like a drawing's footprint.
 */
function notedCells(model: WorkbookModel, sheet: SheetEntry): CellRange[] {
  const out: CellRange[] = [];
  for (const rel of relationships(partText(model.pkg, relsPathOf(sheet.part)))) {
    if (rel.external || !rel.type.endsWith("/comments")) continue;
    const target = resolveTarget(sheet.part, rel.target);
    const xml = target === null ? undefined : partText(model.pkg, target);
    if (xml === undefined) continue;
    try {
      for (const tag of tags(xml)) {
        if (tag.kind === "end" || localName(tag.name) !== "comment") continue;
        const at = parseRange(attribute(tag.attrs, "ref") ?? "");
        if (at) out.push(at);
      }
    } catch (e) {
      if (!(e instanceof ScanError)) throw e;
    }
  }
  return out;
}

interface Layout {
  widths: (number | undefined)[];
  defaultWidth: number;
  defaultRowPt: number;
}

/** Column widths and the defaults, from the sheet's head (before its cells). */
function readLayout(head: string): Layout {
  const spans: [number, number, number][] = [];
  let defaultWidth = 8.43;
  let defaultRowPt = 15;
  try {
    for (const tag of tags(head)) {
      const name = localName(tag.name);
      if (tag.kind === "end") continue;
      if (name === "sheetFormatPr") {
        const w = Number(attribute(tag.attrs, "defaultColWidth") ?? attribute(tag.attrs, "baseColWidth"));
        if (Number.isFinite(w) && w > 0) defaultWidth = w;
        const h = Number(attribute(tag.attrs, "defaultRowHeight"));
        if (Number.isFinite(h) && h > 0) defaultRowPt = h;
      } else if (name === "col") {
        const min = Number(attribute(tag.attrs, "min"));
        const max = Math.min(Number(attribute(tag.attrs, "max")), LAST_COL + 1);
        const width = Number(attribute(tag.attrs, "width"));
        if (!Number.isInteger(min) || !(min >= 1) || !(max >= min) || !Number.isFinite(width)) continue;
        spans.push([min - 1, max - 1, width]);
      }
    }
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
  }
  return { widths: spanWidths(spans), defaultWidth, defaultRowPt };
}

/**
 * Widths per column from `<col>` spans, a later span winning where they overlap, in time
 * bounded by the spans plus the columns, however many spans repeat "1 to 16,384": each
 * column is set once, from the last span that covers it, found by a jump table of the next
 * column still unset.
 */
function spanWidths(spans: [number, number, number][]): (number | undefined)[] {
  const widths: (number | undefined)[] = [];
  if (spans.length === 0) return widths;
  const next = new Int32Array(LAST_COL + 2).map((_, i) => i);
  const unset = (c: number): number => {
    let root = c;
    while (next[root] !== root) root = next[root];
    while (c !== root) {
      const up = next[c];
      next[c] = root;
      c = up;
    }
    return root;
  };
  for (let i = spans.length - 1; i >= 0; i--) {
    const [from, to, width] = spans[i];
    for (let c = unset(from); c <= to; c = unset(c + 1)) {
      widths[c] = width;
      next[c] = c + 1;
    }
  }
  return widths;
}

/** A column's width in pixels (the one conversion both hosts use, via points). */
function columnPx(layout: Layout, col: number): number {
  return (columnWidthToPoints(layout.widths[col] ?? layout.defaultWidth) * 4) / 3;
}

/** The column holding a point `emu` to the right of column `from`'s left edge. */
function columnAt(layout: Layout, from: number, emu: number): number {
  let col = from;
  let left = emu / EMU_PER_PX;
  while (col < LAST_COL && left >= columnPx(layout, col)) {
    left -= columnPx(layout, col);
    col++;
  }
  return col;
}

function rowAt(layout: Layout, from: number, emu: number): number {
  const rowEmu = layout.defaultRowPt * EMU_PER_PT;
  return Math.min(LAST_ROW, from + Math.floor(emu / rowEmu));
}

interface Marker {
  col: number;
  colOff: number;
  row: number;
  rowOff: number;
}

/** The cells each anchor in a drawing part covers. */
function anchors(xml: string, layout: Layout): CellRange[] {
  const out: CellRange[] = [];
  let root;
  try {
    root = rootElement(xml);
  } catch {
    return out;
  }
  let depth = 0;
  let anchorDepth = -1;
  let kind = "";
  let marker: "from" | "to" | null = null;
  let from: Partial<Marker> = {};
  let to: Partial<Marker> = {};
  let ext: { cx: number; cy: number } | null = null;
  let pos: { x: number; y: number } | null = null;
  try {
    for (const tag of tags(xml, root.innerStart, root.innerEnd)) {
      const name = localName(tag.name);
      if (tag.kind === "end") {
        depth--;
        if (depth === anchorDepth) {
          const r = footprint(kind, from, to, ext, pos, layout);
          if (r) out.push(r);
          anchorDepth = -1;
        } else if (anchorDepth >= 0 && depth === anchorDepth + 1) marker = null;
        continue;
      }
      if (anchorDepth < 0 && (name === "twoCellAnchor" || name === "oneCellAnchor" || name === "absoluteAnchor")) {
        anchorDepth = depth;
        kind = name;
        from = {};
        to = {};
        ext = null;
        pos = null;
      } else if (anchorDepth >= 0 && depth === anchorDepth + 1) {
        if (name === "from" || name === "to") marker = name;
        else if (name === "ext")
          ext = { cx: Number(attribute(tag.attrs, "cx")), cy: Number(attribute(tag.attrs, "cy")) };
        else if (name === "pos") pos = { x: Number(attribute(tag.attrs, "x")), y: Number(attribute(tag.attrs, "y")) };
      } else if (marker !== null && depth === anchorDepth + 2 && tag.kind === "start") {
        const value = Number(xml.slice(tag.end, xml.indexOf("<", tag.end)).trim());
        const m = marker === "from" ? from : to;
        if (name === "col" || name === "row" || name === "colOff" || name === "rowOff") m[name] = value;
      }
      if (tag.kind === "start") depth++;
    }
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
  }
  return out;
}

function complete(m: Partial<Marker>): m is Marker {
  return Number.isFinite(m.col) && Number.isFinite(m.row);
}

function clampRange(top: number, left: number, bottom: number, right: number): CellRange | null {
  if (![top, left, bottom, right].every(Number.isFinite)) return null;
  const t = Math.max(0, Math.min(LAST_ROW, top));
  const l = Math.max(0, Math.min(LAST_COL, left));
  return {
    top: t,
    left: l,
    bottom: Math.max(t, Math.min(LAST_ROW, bottom)),
    right: Math.max(l, Math.min(LAST_COL, right)),
  };
}

function footprint(
  kind: string,
  from: Partial<Marker>,
  to: Partial<Marker>,
  ext: { cx: number; cy: number } | null,
  pos: { x: number; y: number } | null,
  layout: Layout,
): CellRange | null {
  if (kind === "twoCellAnchor") {
    if (!complete(from) || !complete(to)) return null;
    // A "to" marker at offset 0 ends at that cell's edge: the cell itself is not covered.
    const right = (to.colOff ?? 0) > 0 ? to.col : to.col - 1;
    const bottom = (to.rowOff ?? 0) > 0 ? to.row : to.row - 1;
    return clampRange(from.row, from.col, Math.max(from.row, bottom), Math.max(from.col, right));
  }
  if (ext === null || !(ext.cx >= 0) || !(ext.cy >= 0)) return null;
  if (kind === "oneCellAnchor") {
    if (!complete(from)) return null;
    const x = (from.colOff ?? 0) + ext.cx;
    const y = (from.rowOff ?? 0) + ext.cy;
    return clampRange(from.row, from.col, rowAt(layout, from.row, y), columnAt(layout, from.col, x));
  }
  if (kind === "absoluteAnchor" && pos !== null && pos.x >= 0 && pos.y >= 0) {
    const left = columnAt(layout, 0, pos.x);
    const top = rowAt(layout, 0, pos.y);
    return clampRange(top, left, rowAt(layout, 0, pos.y + ext.cy), columnAt(layout, 0, pos.x + ext.cx));
  }
  return null;
}

/**
 * Proof that a workbook we wrote opens in Excel without the repair prompt and keeps
 * everything of the person's:
 * - `schemaProblems`: every part we changed or added, validated against the ISO/IEC 29500
 *   Transitional schemas in ../shared/ooxml-schemas (after markup-compatibility
 *   preprocessing, as the schemas' README says); only problems our change introduced count.
 * - `excelRuleProblems`: the rules Excel enforces beyond the schema.
 * - `lostProblems`: nothing of the person's lost: cells, formulas, merges, defined names,
 *   rules, validations, tables, drawings, every other part.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { validateXML } from "xmllint-wasm";
import { cellAddress, parseRange, sameSheetName } from "../../src/governance/grid";
import type { WritePlan } from "../../src/governance/types";
import { children, localName, rootElement, tags, type Element } from "../../src/xlsx/scan";
import { attribute, attributes, decodeEntities, relationships, relsPathOf, resolveTarget } from "../../src/xlsx/xml";

const SCHEMAS = path.resolve(__dirname, "../../../shared/ooxml-schemas");

export function schemasAvailable(): boolean {
  return existsSync(path.join(SCHEMAS, "ISO-IEC29500-4_2016", "sml.xsd"));
}

type Parts = Record<string, Uint8Array>;
const text = (parts: Parts, name: string) => (parts[name] ? strFromU8(parts[name]) : undefined);

function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------
// Schemas

let preload: { fileName: string; contents: string }[] | null = null;
function schemaFiles(): { fileName: string; contents: string }[] {
  if (preload) return preload;
  const dir = path.join(SCHEMAS, "ISO-IEC29500-4_2016");
  preload = readdirSync(dir)
    .filter((f) => f.endsWith(".xsd"))
    .map((f) => ({ fileName: f, contents: readFileSync(path.join(dir, f), "utf8") }));
  preload.push({ fileName: "../mce/mc.xsd", contents: readFileSync(path.join(SCHEMAS, "mce", "mc.xsd"), "utf8") });
  for (const f of ["opc-contentTypes.xsd", "opc-relationships.xsd"])
    preload.push({ fileName: f, contents: readFileSync(path.join(SCHEMAS, "ecma", "fouth-edition", f), "utf8") });
  return preload;
}

/** Which schema validates a part, by its name; null for parts we do not validate. */
function schemaOf(name: string): string | null {
  if (name === "[Content_Types].xml") return "opc-contentTypes.xsd";
  if (name.endsWith(".rels")) return "opc-relationships.xsd";
  if (/^xl\/(worksheets\/[^/]+|styles|workbook|sharedStrings|tables\/[^/]+|calcChain)\.xml$/.test(name))
    return "sml.xsd";
  if (/^xl\/drawings\/[^/]+\.xml$/.test(name)) return "dml-spreadsheetDrawing.xsd";
  if (name === "docProps/app.xml") return "shared-documentPropertiesExtended.xsd";
  return null;
}

const ATTR = /([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g;

/**
 * Markup compatibility, as a consumer that knows only the Transitional schemas applies it:
 * elements and attributes of ignorable namespaces dropped, each mc:AlternateContent
 * replaced by its Fallback, mc:* attributes removed.
 */
export function preprocessMce(xml: string): string {
  const root = rootElement(xml);
  const decls = attributes(root.attrs);
  let mc = "";
  for (const [k, v] of decls)
    if (k.startsWith("xmlns:") && v === "http://schemas.openxmlformats.org/markup-compatibility/2006") mc = k.slice(6);
  const ignorable = new Set((mc ? (decls.get(`${mc}:Ignorable`) ?? "") : "").split(/\s+/).filter(Boolean));
  const drop = (name: string) => {
    const colon = name.indexOf(":");
    const prefix = colon < 0 ? "" : name.slice(0, colon);
    return prefix !== "" && (ignorable.has(prefix) || prefix === mc);
  };
  const startTag = (el: Element) => {
    const kept = el.attrs.replace(ATTR, (whole, name: string) =>
      !name.startsWith("xmlns") && drop(name) ? "" : whole,
    );
    return `<${el.name}${kept}`;
  };
  const walk = (from: number, to: number): string => {
    let out = "";
    let pos = from;
    for (const el of children(xml, from, to)) {
      out += xml.slice(pos, el.start);
      pos = el.end;
      if (mc && el.name === `${mc}:AlternateContent`) {
        const fallback = children(xml, el.innerStart, el.innerEnd).find((k) => k.name === `${mc}:Fallback`);
        if (fallback) out += walk(fallback.innerStart, fallback.innerEnd);
        continue;
      }
      if (drop(el.name)) continue;
      if (el.innerStart === el.end) out += `${startTag(el)}/>`;
      else out += `${startTag(el)}>${walk(el.innerStart, el.innerEnd)}</${el.name}>`;
    }
    return out + xml.slice(pos, to);
  };
  const open = root.innerStart === root.end ? `${startTag(root)}/>` : `${startTag(root)}>`;
  const body = root.innerStart === root.end ? "" : `${walk(root.innerStart, root.innerEnd)}</${root.name}>`;
  return xml.slice(0, root.start) + open + body + xml.slice(root.end);
}

const FALSE_ALARM = /attribute '\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}space' is not allowed/;

async function validate(files: { name: string; xml: string }[], schema: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(files.map((f) => [f.name, []]));
  if (files.length === 0) return out;
  const all = schemaFiles();
  const result = await validateXML({
    xml: files.map((f, i) => ({ fileName: `part${i}.xml`, contents: preprocessMce(f.xml) })),
    schema: [all.find((s) => s.fileName === schema)!],
    preload: all.filter((s) => s.fileName !== schema),
  });
  for (const e of result.errors) {
    const m = /^part(\d+)\.xml/.exec(e.rawMessage);
    if (!m || FALSE_ALARM.test(e.rawMessage) || /fails to validate$/.test(e.rawMessage)) continue;
    out.get(files[Number(m[1])].name)!.push(e.rawMessage.replace(/^part\d+\.xml:\d+: /, ""));
  }
  return out;
}

/** Schema problems in the parts the output changed or added that the input's part did not have. */
export async function schemaProblems(input: Uint8Array, output: Uint8Array): Promise<string[]> {
  return schemaProblemsOfMany([{ id: "", input, output }]);
}

/**
 * The same for many workbooks at once, each problem prefixed by its workbook's id: one
 * validation run per schema for all of them (compiling sml.xsd is the slow part).
 */
export async function schemaProblemsOfMany(
  pairs: { id: string; input: Uint8Array; output: Uint8Array }[],
): Promise<string[]> {
  type Part = { name: string; xml: string };
  const bySchema = new Map<string, { before: Part[]; after: (Part & { pair: number; part: string })[] }>();
  pairs.forEach(({ input, output }, pair) => {
    const a = unzipSync(input);
    const b = unzipSync(output);
    for (const name of Object.keys(b)) {
      const schema = schemaOf(name);
      if (schema === null || same(a[name], b[name])) continue;
      const group = bySchema.get(schema) ?? { before: [], after: [] };
      group.after.push({ name: `after:${pair}:${name}`, xml: strFromU8(b[name]), pair, part: name });
      if (a[name]) group.before.push({ name: `before:${pair}:${name}`, xml: strFromU8(a[name]) });
      bySchema.set(schema, group);
    }
  });
  const problems: string[] = [];
  for (const [schema, group] of bySchema) {
    // One run per schema, before and after together.
    const both = await validate([...group.after, ...group.before], schema);
    for (const { name, pair, part } of group.after) {
      const errors = both.get(name) ?? [];
      const known = new Set(both.get(`before:${pair}:${part}`) ?? []);
      const id = pairs[pair].id;
      for (const e of errors) if (!known.has(e)) problems.push(`${id ? `${id}: ` : ""}${part}: ${e}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Excel's own rules

interface SheetInfo {
  name: string;
  part: string;
  sheetId: number;
}

function sheetsOf(parts: Parts): SheetInfo[] {
  const wb = text(parts, "xl/workbook.xml")!;
  const rels = relationships(text(parts, "xl/_rels/workbook.xml.rels"));
  const out: SheetInfo[] = [];
  for (const tag of tags(wb)) {
    if (tag.kind === "end" || localName(tag.name) !== "sheet") continue;
    const a = attributes(tag.attrs);
    const rid = [...a].find(([k]) => k.endsWith(":id"))?.[1];
    const rel = rels.find((r) => r.id === rid);
    out.push({
      name: a.get("name") ?? "",
      part: (rel && resolveTarget("xl/workbook.xml", rel.target)) ?? "",
      sheetId: Number(a.get("sheetId")),
    });
  }
  return out;
}

interface CellInfo {
  row: number;
  col: number;
  xml: string;
  formula: boolean;
  sharedMaster?: string;
  sharedChild?: string;
  text?: string;
}

function colOf(refText: string): number {
  let n = 0;
  for (const ch of refText) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Every cell of a worksheet, in document order, with what the checks need. */
function cellsOf(xml: string): { cells: CellInfo[]; problems: string[] } {
  const problems: string[] = [];
  const root = rootElement(xml);
  const data = children(xml, root.innerStart, root.innerEnd).find((k) => k.name === "sheetData");
  const cells: CellInfo[] = [];
  if (!data) return { cells, problems: ["no sheetData"] };
  let lastRow = -1;
  for (const row of children(xml, data.innerStart, data.innerEnd)) {
    const r = Number(attribute(row.attrs, "r") ?? lastRow + 2) - 1;
    if (r <= lastRow) problems.push(`row ${r + 1} out of order`);
    lastRow = r;
    let lastCol = -1;
    for (const c of children(xml, row.innerStart, row.innerEnd)) {
      if (c.name !== "c") continue;
      const refText = attribute(c.attrs, "r");
      const col = refText ? colOf(refText) : lastCol + 1;
      if (refText && Number(refText.replace(/^[A-Z]+/, "")) - 1 !== r) problems.push(`cell ${refText} in row ${r + 1}`);
      if (col <= lastCol) problems.push(`cell ${cellAddress(r, col)} out of order`);
      lastCol = col;
      const inner = children(xml, c.innerStart, c.innerEnd);
      const f = inner.find((k) => k.name === "f");
      const info: CellInfo = { row: r, col, xml: xml.slice(c.start, c.end), formula: f !== undefined };
      if (f && attribute(f.attrs, "t") === "shared") {
        const si = attribute(f.attrs, "si") ?? "";
        if (attribute(f.attrs, "ref") !== undefined) info.sharedMaster = si;
        else info.sharedChild = si;
      }
      const t = inner.find((k) => k.name === "is");
      if (t) info.text = decodeEntities(xml.slice(t.innerStart, t.innerEnd).replace(/<[^>]*>/g, ""));
      cells.push(info);
    }
  }
  return { cells, problems };
}

function worksheetChecks(parts: Parts, sheet: SheetInfo, dxfCount: number): string[] {
  const xml = text(parts, sheet.part);
  if (xml === undefined) return [`sheet '${sheet.name}': part ${sheet.part} missing`];
  const where = `sheet '${sheet.name}'`;
  const { cells, problems } = cellsOf(xml);
  const out = problems.map((p) => `${where}: ${p}`);
  const root = rootElement(xml);
  const kids = children(xml, root.innerStart, root.innerEnd);
  // <dimension> covers the cells.
  const dim = kids.find((k) => k.name === "dimension");
  if (dim && cells.length > 0) {
    const r = parseRange(attribute(dim.attrs, "ref") ?? "");
    const outside = cells.find((c) => !r || c.row < r.top || c.row > r.bottom || c.col < r.left || c.col > r.right);
    if (outside && xml.slice(outside.xml.indexOf(">")).length > 0 && /<v>|<is>|<f/.test(outside.xml))
      out.push(`${where}: dimension ${attribute(dim.attrs, "ref")} misses ${cellAddress(outside.row, outside.col)}`);
  }
  // <col> ranges sorted and disjoint.
  const colsEl = kids.find((k) => k.name === "cols");
  if (colsEl) {
    let last = 0;
    for (const c of children(xml, colsEl.innerStart, colsEl.innerEnd)) {
      const min = Number(attribute(c.attrs, "min"));
      const max = Number(attribute(c.attrs, "max"));
      if (!(min >= 1 && max >= min && min > last))
        out.push(`${where}: <col min="${min}" max="${max}"> overlaps or is out of order`);
      last = max;
    }
  }
  // Conditional-format priorities unique, dxfIds in range.
  const priorities = new Map<string, number>();
  for (const tag of tags(xml, root.innerStart, root.innerEnd)) {
    if (tag.kind === "end" || localName(tag.name) !== "cfRule") continue;
    const p = attribute(tag.attrs, "priority");
    if (p !== undefined) priorities.set(p, (priorities.get(p) ?? 0) + 1);
    const dxf = attribute(tag.attrs, "dxfId");
    if (dxf !== undefined && !tag.name.includes(":") && !(Number(dxf) < dxfCount))
      out.push(`${where}: dxfId ${dxf} out of range`);
  }
  for (const [p, n] of priorities) if (n > 1) out.push(`${where}: conditional-format priority ${p} used ${n} times`);
  // Shared-formula children have their master; text fits a cell.
  const masters = new Set(cells.filter((c) => c.sharedMaster !== undefined).map((c) => c.sharedMaster));
  for (const c of cells) {
    if (c.sharedChild !== undefined && !masters.has(c.sharedChild))
      out.push(`${where}: ${cellAddress(c.row, c.col)} shares formula ${c.sharedChild} with no master`);
    if (c.text !== undefined && c.text.length > 32767) out.push(`${where}: ${cellAddress(c.row, c.col)} is too long`);
  }
  // Tables: header cells equal their column names.
  const rels = relationships(text(parts, relsPathOf(sheet.part)));
  const byAddress = new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
  for (const rel of rels.filter((x) => x.type.endsWith("/table"))) {
    const tableXml = text(parts, resolveTarget(sheet.part, rel.target) ?? "");
    if (!tableXml) {
      out.push(`${where}: table part ${rel.target} missing`);
      continue;
    }
    const t = rootElement(tableXml);
    const range = parseRange(attribute(t.attrs, "ref") ?? "");
    const cols = [...tags(tableXml)].filter((x) => x.kind !== "end" && localName(x.name) === "tableColumn");
    const countEl = [...tags(tableXml)].find((x) => x.kind !== "end" && localName(x.name) === "tableColumns");
    const name = attribute(t.attrs, "displayName");
    if (!range) continue;
    if (cols.length !== range.right - range.left + 1)
      out.push(`table '${name}': ${cols.length} columns for ref ${attribute(t.attrs, "ref")}`);
    if (countEl && Number(attribute(countEl.attrs, "count")) !== cols.length)
      out.push(`table '${name}': tableColumns count is wrong`);
    const names = cols.map((c) => attribute(c.attrs, "name") ?? "");
    if (new Set(names.map((n) => n.toUpperCase())).size !== names.length)
      out.push(`table '${name}': column names repeat`);
    const ids = cols.map((c) => attribute(c.attrs, "id"));
    if (new Set(ids).size !== ids.length) out.push(`table '${name}': column ids repeat`);
    if (attribute(t.attrs, "headerRowCount") !== "0") {
      names.forEach((n, i) => {
        const c = byAddress.get(`${range.top},${range.left + i}`);
        const shown = c?.text ?? (c ? /<v>([^<]*)<\/v>/.exec(c.xml)?.[1] : undefined);
        if (c && c.text === undefined && /t="s"/.test(c.xml)) return; // a shared string: not read here
        if (shown !== n)
          out.push(`table '${name}': header ${cellAddress(range.top, range.left + i)} is '${shown}', column is '${n}'`);
      });
    }
    const af = [...tags(tableXml)].find((x) => x.kind !== "end" && localName(x.name) === "autoFilter");
    const afRange = af ? parseRange(attribute(af.attrs, "ref") ?? "") : null;
    if (af && (!afRange || afRange.left !== range.left || afRange.right !== range.right))
      out.push(`table '${name}': autoFilter ${attribute(af.attrs, "ref")} does not span ${attribute(t.attrs, "ref")}`);
  }
  return out;
}

export function excelRuleProblems(output: Uint8Array): string[] {
  const parts = unzipSync(output);
  const out: string[] = [];
  const sheets = sheetsOf(parts);
  sheets.forEach((s, i) => {
    if (s.name.length > 31) out.push(`sheet name '${s.name}' is longer than 31 characters`);
    if (sheets.some((o, j) => j < i && sameSheetName(o.name, s.name)))
      out.push(`sheet name '${s.name}' repeats (without case)`);
    if (sheets.some((o, j) => j < i && o.sheetId === s.sheetId)) out.push(`sheetId ${s.sheetId} repeats`);
  });
  const wbRels = relationships(text(parts, "xl/_rels/workbook.xml.rels"));
  const ids = wbRels.map((r) => r.id);
  if (new Set(ids).size !== ids.length) out.push("relationship ids repeat in workbook.xml.rels");
  // Defined names: unique per scope, localSheetId in range.
  const wb = text(parts, "xl/workbook.xml")!;
  const seen = new Set<string>();
  for (const tag of tags(wb)) {
    if (tag.kind === "end" || localName(tag.name) !== "definedName") continue;
    const scope = attribute(tag.attrs, "localSheetId") ?? "";
    if (scope !== "" && !(Number(scope) < sheets.length))
      out.push(`defined name ${attribute(tag.attrs, "name")}: localSheetId ${scope} out of range`);
    const key = `${scope}|${(attribute(tag.attrs, "name") ?? "").toUpperCase()}`;
    if (seen.has(key)) out.push(`defined name ${attribute(tag.attrs, "name")} repeats in its scope`);
    seen.add(key);
  }
  // Styles: list counts.
  const styles = text(parts, "xl/styles.xml");
  let dxfCount = 0;
  if (styles) {
    const root = rootElement(styles);
    for (const list of children(styles, root.innerStart, root.innerEnd)) {
      const count = attribute(list.attrs, "count");
      const n = children(styles, list.innerStart, list.innerEnd).length;
      if (list.name === "dxfs") dxfCount = n;
      if (
        count !== undefined &&
        ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"].includes(list.name) &&
        Number(count) !== n
      )
        out.push(`styles: ${list.name} count="${count}" holds ${n}`);
    }
  }
  for (const s of sheets) if (/worksheets\//.test(s.part)) out.push(...worksheetChecks(parts, s, dxfCount));
  // calcChain entries point at formula cells.
  const chain = text(parts, "xl/calcChain.xml");
  if (chain) {
    const formulaCells = new Map<number, Set<string>>();
    let i = 0;
    for (const tag of tags(chain)) {
      if (tag.kind === "end" || localName(tag.name) !== "c") continue;
      i = Number(attribute(tag.attrs, "i") ?? i);
      const sheet = sheets.find((s) => s.sheetId === i);
      if (!sheet) {
        out.push(`calcChain: sheet id ${i} does not exist`);
        continue;
      }
      if (!formulaCells.has(i)) {
        const xml = text(parts, sheet.part);
        formulaCells.set(
          i,
          new Set(
            xml
              ? cellsOf(xml)
                  .cells.filter((c) => c.formula)
                  .map((c) => cellAddress(c.row, c.col))
              : [],
          ),
        );
      }
      const r = attribute(tag.attrs, "r") ?? "";
      if (!formulaCells.get(i)!.has(r)) out.push(`calcChain: ${sheet.name}!${r} holds no formula`);
    }
  }
  // docProps/app.xml names the worksheets there are.
  const app = text(parts, "docProps/app.xml");
  if (app && app.includes("TitlesOfParts")) {
    const titles = [...app.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => decodeEntities(m[1]));
    for (const s of sheets) if (!titles.includes(s.name)) out.push(`docProps/app.xml does not list sheet '${s.name}'`);
    const size = /<TitlesOfParts><vt:vector size="(\d+)"/.exec(app)?.[1];
    const count = (/<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/.exec(app)?.[0].match(/<vt:lpstr>/g) ?? []).length;
    if (size !== undefined && Number(size) !== count)
      out.push(`docProps/app.xml TitlesOfParts size ${size} for ${count} titles`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Nothing of the person's lost

function topLevelBlocks(xml: string, names: string[]): string[] {
  const root = rootElement(xml);
  return children(xml, root.innerStart, root.innerEnd)
    .filter((k) => names.includes(k.name))
    .map((k) => xml.slice(k.start, k.end));
}

/** The person's rules, one string each: our own highlight rules (by formula) left out. */
function ruleStrings(xml: string, ours: Set<string>): string[] {
  const root = rootElement(xml);
  const out: string[] = [];
  for (const cf of children(xml, root.innerStart, root.innerEnd).filter((k) => k.name === "conditionalFormatting")) {
    const sqref = attribute(cf.attrs, "sqref");
    for (const rule of children(xml, cf.innerStart, cf.innerEnd)) {
      const f = /<formula>([^<]*)<\/formula>/.exec(xml.slice(rule.start, rule.end))?.[1];
      if (f !== undefined && ours.has(f.replace(/&quot;/g, '"'))) continue;
      out.push(`${sqref} ${xml.slice(rule.start, rule.end).replace(/\spriority="\d+"/, "")}`);
    }
  }
  return out;
}

/**
 * What of the input is missing or changed in the output, beyond the plan's own cells,
 * columns, rules and sheets. [] when nothing of the person's was lost.
 */
export function lostProblems(input: Uint8Array, output: Uint8Array, plan: WritePlan): string[] {
  const a = unzipSync(input);
  const b = unzipSync(output);
  const out: string[] = [];
  const sheetsA = sheetsOf(a);
  const sheetsB = sheetsOf(b);
  const audited = sheetsA.find((s) => s.name === plan.sheetName);
  const ours = new Set(plan.rules.map((r) => r.formula));
  const replacedSheets = new Set(
    sheetsA.filter((s) => plan.sheets.some((p) => sameSheetName(p.name, s.name))).map((s) => s.part),
  );
  // Every part is still there; those we have no reason to change are byte for byte the same.
  const mayChange = new Set([
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "xl/styles.xml",
    "docProps/app.xml",
  ]);
  if (audited) mayChange.add(audited.part);
  for (const part of replacedSheets) mayChange.add(part);
  const tableParts = audited
    ? relationships(text(a, relsPathOf(audited.part)))
        .filter((r) => r.type.endsWith("/table"))
        .map((r) => resolveTarget(audited.part, r.target))
        .filter((p): p is string => p !== null)
    : [];
  for (const name of Object.keys(a)) {
    if (!b[name]) out.push(`part ${name} is gone`);
    else if (!mayChange.has(name) && !tableParts.includes(name) && !same(a[name], b[name]))
      out.push(`part ${name} changed`);
  }
  for (const s of sheetsA) {
    if (!sheetsB.some((x) => x.name === s.name && x.sheetId === s.sheetId && x.part === s.part))
      out.push(`sheet '${s.name}' is gone or moved`);
  }
  // Defined names of the person's, unchanged.
  const names = (parts: Parts) =>
    [...tags(text(parts, "xl/workbook.xml")!)].filter((t) => t.kind !== "end" && localName(t.name) === "definedName");
  const wbB = text(b, "xl/workbook.xml")!;
  const wbA = text(a, "xl/workbook.xml")!;
  for (const t of names(a)) {
    if (attribute(t.attrs, "name") === "DecisionMap_Added") continue;
    const whole = wbA.slice(t.start, wbA.indexOf("</definedName>", t.end) + 14);
    if (!wbB.includes(whole)) out.push(`defined name ${attribute(t.attrs, "name")} changed or gone`);
  }
  if (!audited) return out;
  const xa = text(a, audited.part)!;
  const xb = text(b, audited.part)!;
  // Cells: every cell of the person's is in the output as it was, unless the plan writes it.
  const planned = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
  const after = new Map(cellsOf(xb).cells.map((c) => [`${c.row},${c.col}`, c.xml]));
  for (const c of cellsOf(xa).cells) {
    const key = `${c.row},${c.col}`;
    if (planned.has(key)) {
      if (c.formula) out.push(`the plan wrote over the formula in ${cellAddress(c.row, c.col)}`);
      continue;
    }
    if (after.get(key) !== c.xml) out.push(`cell ${cellAddress(c.row, c.col)} changed: ${c.xml} → ${after.get(key)}`);
  }
  // Merges, validations, hyperlinks, drawings, the person's rules: unchanged.
  for (const block of [
    "mergeCells",
    "dataValidations",
    "hyperlinks",
    "drawing",
    "legacyDrawing",
    "tableParts",
    "sheetProtection",
    "customSheetViews",
    "extLst",
    "autoFilter",
  ]) {
    if (topLevelBlocks(xa, [block]).join("") !== topLevelBlocks(xb, [block]).join("")) out.push(`${block} changed`);
  }
  const rulesB = ruleStrings(xb, ours);
  for (const r of ruleStrings(xa, ours))
    if (!rulesB.includes(r)) out.push(`conditional format lost: ${r.slice(0, 120)}`);
  // Tables: each still there with the same columns; only joined by the plan's own columns.
  for (const part of tableParts) {
    const ta = text(a, part)!;
    const tb = text(b, part);
    if (!tb) continue;
    const name = attribute(rootElement(ta).attrs, "displayName");
    const joined = plan.columns.filter((c) => c.created && c.table === name);
    if (joined.length === 0) {
      if (ta !== tb) out.push(`table '${name}' changed`);
      continue;
    }
    const colsA = [...tags(ta)]
      .filter((t) => t.kind !== "end" && localName(t.name) === "tableColumn")
      .map((t) => ta.slice(t.start, t.end));
    for (const c of colsA) if (!tb.includes(c)) out.push(`table '${name}': column ${c} lost`);
  }
  return out;
}

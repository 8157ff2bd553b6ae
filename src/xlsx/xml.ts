/**
 * The little XML an .xlsx host needs, on text. SpreadsheetML parts are machine-written and
 * regular; reading them with targeted patterns lets the writer splice in only what changes,
 * so every byte of the person's sheet it does not touch stays exactly as it was (a DOM round
 * trip would re-serialize every element, prefix and entity).
 */

import { XlsxError } from "./package";

// The lookbehind starts a name only where a name can start: without it, a run of name
// characters with no "=" after it was rescanned from each of its characters (quadratic).
const ATTRIBUTE = /(?<![\w:.-])([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Attributes one start tag may carry. SpreadsheetML's widest elements (a sheet view, a page
 * setup, a cell format) have a few dozen; a thousand is only ever a file built to stall a
 * reader, so it is refused rather than read.
 */
export const MAX_ATTRIBUTES = 1000;

/** The attributes of one start tag's attribute text, entity-decoded. */
export function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  let count = 0;
  for (let m = ATTRIBUTE.exec(text); m !== null; m = ATTRIBUTE.exec(text)) {
    if (++count > MAX_ATTRIBUTES) throw tooManyAttributes();
    out.set(m[1], decodeEntities(m[2] ?? m[3] ?? ""));
  }
  return out;
}

function tooManyAttributes(): XlsxError {
  return new XlsxError(
    "unsupported",
    `An element in this workbook carries more than ${MAX_ATTRIBUTES.toLocaleString("en-US")} attributes, which no workbook Excel saves does: open it in Excel, save a copy, and try again.`,
  );
}

/** One attribute of a start tag's text, or undefined (faster than `attributes` for one). */
export function attribute(text: string, name: string): string | undefined {
  const at = text.indexOf(`${name}=`);
  if (at < 0) return undefined;
  // Make sure we matched a whole name ("r=" must not match "spans=" or "ref=" in "xr:ref=").
  const before = at === 0 ? " " : text[at - 1];
  if (!/\s/.test(before)) return attributes(text).get(name);
  const quote = text[at + name.length + 1];
  if (quote !== '"' && quote !== "'") return attributes(text).get(name);
  const end = text.indexOf(quote, at + name.length + 2);
  return decodeEntities(text.slice(at + name.length + 2, end));
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name];
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return String.fromCodePoint(code);
  });
}

/** OOXML's own escape for characters XML cannot hold: "_x000D_" is a carriage return. */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Characters XML 1.0 cannot hold, and lone surrogates: matching control characters is the point.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as element content or an attribute value: escaped, with characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The text of every `<t>` in a string item (`<si>` or `<is>`), skipping phonetic runs. */
export function stringItemText(inner: string): string {
  let body = inner;
  if (inner.includes("<rPh")) {
    let kept = "";
    let from = 0;
    for (const r of elements(inner, "rPh")) {
      kept += inner.slice(from, r.start);
      from = r.end;
    }
    body = kept + inner.slice(from);
  }
  let out = "";
  for (const t of elements(body, "t")) out += t.inner;
  return decodeOoxmlEscapes(decodeEntities(out));
}

const isNameChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;

/**
 * Every `<tag …/>` or `<tag …>…</tag>` element in `xml` (not nested in itself), in one pass:
 * each search resumes where the last one ended, and once no `</tag>` is left, later start
 * tags are only read when they close themselves. (The pattern this replaces rescanned to the
 * end of the text from every unclosed start tag: a sheet of unclosed cells took minutes.)
 */
export function* elements(
  xml: string,
  tag: string,
): Generator<{ attrs: string; inner: string; start: number; end: number }> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let noClose = false;
  // The next CDATA section at or after where the last search began (-1: none left): an end
  // tag inside one ("<f><![CDATA[…</c>…]]></f>") is text, not the element's end.
  let cdata = xml.indexOf("<![CDATA[");
  const closeAfter = (from: number): number => {
    for (;;) {
      const end = xml.indexOf(close, from);
      if (cdata >= 0 && cdata < from) cdata = xml.indexOf("<![CDATA[", from);
      if (end < 0 || cdata < 0 || cdata > end) return end;
      const cdataEnd = xml.indexOf("]]>", cdata + 9);
      if (cdataEnd < 0) return -1;
      from = cdataEnd + 3;
    }
  };
  let at = xml.indexOf(open);
  while (at >= 0) {
    const after = at + open.length;
    if (after < xml.length && isNameChar(xml.charCodeAt(after))) {
      at = xml.indexOf(open, after);
      continue;
    }
    const gt = xml.indexOf(">", after);
    if (gt < 0) return;
    if (xml.charCodeAt(gt - 1) === 47 /* / */ && gt - 1 >= after) {
      yield { attrs: xml.slice(after, gt - 1), inner: "", start: at, end: gt + 1 };
      at = xml.indexOf(open, gt + 1);
      continue;
    }
    const end = noClose ? -1 : closeAfter(gt + 1);
    if (end < 0) {
      noClose = true;
      at = xml.indexOf(open, gt + 1);
      continue;
    }
    yield { attrs: xml.slice(after, gt), inner: xml.slice(gt + 1, end), start: at, end: end + close.length };
    at = xml.indexOf(open, end + close.length);
  }
}

/** The first element `<tag>` in `xml`, or null. */
export function firstElement(
  xml: string,
  tag: string,
): { attrs: string; inner: string; start: number; end: number } | null {
  for (const e of elements(xml, tag)) return e;
  return null;
}

/**
 * The part a relationship target names, resolved against the folder of the part that owns it
 * and normalised ("/xl/worksheets/sheet1.xml" and "../xl/./worksheets/sheet1.xml" from
 * "xl/workbook.xml" both give "xl/worksheets/sheet1.xml"; "%20" is a space). Null when the
 * target climbs out of the package ("../../x.xml") or has a segment no part name has, so no
 * such name ever reaches the model the writer works from.
 */
export function resolveTarget(ownerPart: string, target: string): string | null {
  const absolute = target.startsWith("/");
  const base = absolute ? [] : ownerPart.split("/").slice(0, -1);
  for (const raw of (absolute ? target.slice(1) : target).split("/")) {
    let piece: string;
    try {
      piece = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (piece === "..") {
      if (base.length === 0) return null;
      base.pop();
    } else if (piece === "" || piece === ".") {
      continue;
    } else if (piece.includes("/") || piece.includes("\\") || /^[A-Za-z]:/.test(piece)) {
      return null;
    } else {
      base.push(piece);
    }
  }
  return base.length === 0 ? null : base.join("/");
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The relationships of a part; with `limit`, reading stops one past it (the caller refuses). */
export function relationships(relsXml: string | undefined, limit = Infinity): Relationship[] {
  if (relsXml === undefined) return [];
  const out: Relationship[] = [];
  for (const e of elements(relsXml, "Relationship")) {
    if (out.length > limit) break;
    const a = attributes(e.attrs);
    out.push({
      id: a.get("Id") ?? "",
      type: a.get("Type") ?? "",
      target: a.get("Target") ?? "",
      external: a.get("TargetMode") === "External",
    });
  }
  return out;
}

/**
 * The prefix a part gives SpreadsheetML's main namespace on its root element ("x" in
 * `<x:worksheet xmlns:x="…">`), or "" when it is the default namespace as Excel writes it.
 */
export function mainPrefix(xml: string): string {
  const root = /<(?!\?|!)([\w.-]+:)?[\w.-]+[\s>/]/.exec(xml);
  return root?.[1] ? root[1].slice(0, -1) : "";
}

const MAIN_NS_PREFIX =
  /xmlns:([\w.-]{1,40})\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main["']/g;

/**
 * A part with every prefix bound to SpreadsheetML's main namespace taken off its tags, for
 * reading only: the root's ("<x:worksheet>"), and one declared further in, so a person's
 * cell written as `<x:c r="I2">` is read as the cell it is, not missed (and then overwritten).
 */
export function withoutPrefix(xml: string): string {
  const prefixes = new Set<string>();
  const root = mainPrefix(xml);
  if (root !== "") prefixes.add(root);
  if (xml.includes("xmlns:")) {
    MAIN_NS_PREFIX.lastIndex = 0;
    for (let m = MAIN_NS_PREFIX.exec(xml); m !== null && prefixes.size < 16; m = MAIN_NS_PREFIX.exec(xml)) {
      prefixes.add(m[1]);
    }
  }
  let out = xml;
  for (const prefix of prefixes) out = out.replace(new RegExp(`<(/?)${escapeForRegExp(prefix)}:`, "g"), "<$1");
  return out;
}

function escapeForRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A linear scan of XML tags, for the writer: where an element starts and ends, and at
 * which depth, so a splice lands among the right parent's children. Comments, CDATA
 * sections, processing instructions and quoted attribute values (which may hold "<" and
 * ">") are stepped over, never read as tags. One pass, no backtracking: the time is linear
 * in the text whatever it holds.
 */

export interface Tag {
  kind: "start" | "end" | "empty";
  /** The qualified name as written ("c", "x14:cfRule"). */
  name: string;
  /** Offset of "<". */
  start: number;
  /** Offset one past ">". */
  end: number;
  /** The start tag's attribute text (after the name), "" for an end tag. */
  attrs: string;
}

/** Thrown when the text is not well-formed where the scan needs it to be. */
export class ScanError extends Error {}

function isNameChar(code: number): boolean {
  // Anything that ends a name: whitespace, "/", ">", "=".
  return !(code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62 || code === 61);
}

/** Every tag between `from` and `to`, in document order. */
export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
  let i = xml.indexOf("<", from);
  while (i >= 0 && i < to) {
    const next = xml.charCodeAt(i + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith("<!--", i)) i = skipPast(xml, "-->", i + 4);
      else if (xml.startsWith("<![CDATA[", i)) i = skipPast(xml, "]]>", i + 9);
      else i = skipPast(xml, ">", i + 2);
    } else if (next === 63 /* ? */) {
      i = skipPast(xml, "?>", i + 2);
    } else if (next === 47 /* / */) {
      const close = xml.indexOf(">", i + 2);
      if (close < 0) throw new ScanError("unclosed end tag");
      yield { kind: "end", name: xml.slice(i + 2, close).trim(), start: i, end: close + 1, attrs: "" };
      i = close + 1;
    } else {
      let j = i + 1;
      while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
      const name = xml.slice(i + 1, j);
      // The end of the start tag: the first ">" outside quotes.
      let k = j;
      for (;;) {
        if (k >= xml.length) throw new ScanError("unclosed start tag");
        const c = xml.charCodeAt(k);
        if (c === 34 || c === 39) {
          const q = xml.indexOf(c === 34 ? '"' : "'", k + 1);
          if (q < 0) throw new ScanError("unclosed attribute value");
          k = q + 1;
        } else if (c === 62) break;
        else k++;
      }
      const empty = xml.charCodeAt(k - 1) === 47;
      yield {
        kind: empty ? "empty" : "start",
        name,
        start: i,
        end: k + 1,
        attrs: xml.slice(j, empty ? k - 1 : k),
      };
      i = k + 1;
    }
    i = xml.indexOf("<", i);
  }
}

function skipPast(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  if (at < 0) throw new ScanError(`unclosed ${marker}`);
  return at + marker.length;
}

export interface Element {
  name: string;
  attrs: string;
  /** Offset of the start tag's "<". */
  start: number;
  /** Offset one past the end tag's ">" (or the empty tag's). */
  end: number;
  /** The content between the start and end tags ("" range for an empty element). */
  innerStart: number;
  innerEnd: number;
}

/**
 * The child elements of the range `from`..`to` (the inside of one element): only those at
 * the first level, each with its whole extent. Nested elements, whatever their names, are
 * never returned.
 */
export function children(xml: string, from: number, to: number): Element[] {
  const out: Element[] = [];
  let depth = 0;
  let open: Tag | null = null;
  for (const tag of tags(xml, from, to)) {
    if (tag.kind === "empty") {
      if (depth === 0)
        out.push({
          name: tag.name,
          attrs: tag.attrs,
          start: tag.start,
          end: tag.end,
          innerStart: tag.end,
          innerEnd: tag.end,
        });
    } else if (tag.kind === "start") {
      if (depth === 0) open = tag;
      depth++;
    } else {
      depth--;
      if (depth < 0) throw new ScanError(`unexpected </${tag.name}>`);
      if (depth === 0 && open !== null) {
        if (tag.name !== open.name) throw new ScanError(`<${open.name}> closed by </${tag.name}>`);
        out.push({
          name: open.name,
          attrs: open.attrs,
          start: open.start,
          end: tag.end,
          innerStart: open.end,
          innerEnd: tag.start,
        });
        open = null;
      }
    }
  }
  if (depth !== 0) throw new ScanError("unclosed element");
  return out;
}

/** The document's root element (after the XML declaration, comments and the like). */
export function rootElement(xml: string): Element {
  for (const tag of tags(xml)) {
    if (tag.kind === "end") break;
    if (tag.kind === "empty") return { ...tag, innerStart: tag.end, innerEnd: tag.end };
    const close = xml.lastIndexOf("</");
    if (close < tag.end) break;
    return {
      name: tag.name,
      attrs: tag.attrs,
      start: tag.start,
      end: xml.indexOf(">", close) + 1,
      innerStart: tag.end,
      innerEnd: close,
    };
  }
  throw new ScanError("no root element");
}

/** The local part of a qualified name ("x14:cfRule" → "cfRule"). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Small hand-made .xlsx packages for reader and writer tests, part by part. */
import { strToU8, zipSync } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface SheetSpec {
  name: string;
  /** The inside of <worksheet>, or a whole part when it starts with "<?xml". */
  xml: string;
  /** Part name under xl/ (default worksheets/sheetN.xml). */
  part?: string;
  state?: "hidden" | "veryHidden";
  /** Write the relationship target as an absolute path ("/xl/worksheets/…"). */
  absolute?: boolean;
  chart?: boolean;
  /** Extra parts and this sheet's rels. */
  rels?: { id: string; type: string; target: string }[];
}

export interface BookSpec {
  sheets: SheetSpec[];
  styles?: string;
  sharedStrings?: string[] | string;
  activeTab?: number;
  extra?: Record<string, string>;
}

export const wrapSheet = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${inner}</worksheet>`;

export const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** A package with the parts a workbook needs, plus whatever the spec adds. */
export function buildXlsx(spec: BookSpec): Uint8Array {
  const files: Record<string, string> = {};
  const overrides: string[] = [];
  const wbRels: string[] = [];
  const sheetEls: string[] = [];
  spec.sheets.forEach((s, i) => {
    const part = s.part ?? (s.chart ? `chartsheets/sheet${i + 1}.xml` : `worksheets/sheet${i + 1}.xml`);
    const full = `xl/${part}`;
    files[full] = s.xml.startsWith("<?xml") ? s.xml : wrapSheet(s.xml);
    const ct = s.chart
      ? "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"
      : "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    overrides.push(`<Override PartName="/${full}" ContentType="${ct}"/>`);
    wbRels.push(
      `<Relationship Id="rId${i + 1}" Type="${T}/${s.chart ? "chartsheet" : "worksheet"}" Target="${s.absolute ? "/" + full : part}"/>`,
    );
    sheetEls.push(
      `<sheet name="${s.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
    );
    if (s.rels) {
      const dir = full.split("/").slice(0, -1).join("/");
      const base = full.split("/").pop();
      files[`${dir}/_rels/${base}.rels`] =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
        s.rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join("") +
        `</Relationships>`;
    }
  });
  const n = spec.sheets.length;
  files["xl/styles.xml"] = spec.styles ?? STYLES;
  wbRels.push(`<Relationship Id="rId${n + 1}" Type="${T}/styles" Target="styles.xml"/>`);
  overrides.push(
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
  );
  if (spec.sharedStrings !== undefined) {
    files["xl/sharedStrings.xml"] =
      typeof spec.sharedStrings === "string"
        ? spec.sharedStrings
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">` +
          spec.sharedStrings.map((s) => (s.startsWith("<") ? `<si>${s}</si>` : `<si><t>${s}</t></si>`)).join("") +
          `</sst>`;
    wbRels.push(`<Relationship Id="rId${n + 2}" Type="${T}/sharedStrings" Target="sharedStrings.xml"/>`);
    overrides.push(
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
    );
  }
  files["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<bookViews><workbookView activeTab="${spec.activeTab ?? 0}"/></bookViews><sheets>${sheetEls.join("")}</sheets><calcPr calcId="191029"/></workbook>`;
  files["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${wbRels.join("")}</Relationships>`;
  files["_rels/.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${T}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  files["[Content_Types].xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`;
  Object.assign(files, spec.extra ?? {});
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

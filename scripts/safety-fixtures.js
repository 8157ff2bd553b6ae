#!/usr/bin/env node
"use strict";
/**
 * Recipes for the workbook-safety fixtures: small workbooks carrying the ordinary Excel
 * features that a careless writer damages (formulas that show nothing, shared formulas
 * and their calcChain, data bars with their extension lists, custom views, Excel tables,
 * charts and shapes over the columns beside a table, narrow spacer columns, merged areas,
 * data validations, a person's sheet named like ours in another case, docProps/app.xml).
 * Each part is written as Excel writes it. test/safety uses these recipes directly; run
 * `node scripts/safety-fixtures.js [folder]` to write them as files and open them in Excel
 * or LibreOffice (default folder: .scratch/safety).
 */
const fs = require("node:fs");
const path = require("node:path");
const { strToU8, zipSync } = require("fflate");

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac";
const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = {
  sheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  calcChain: "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
};

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const col = (c) => {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
const ref = (r, c) => `${col(c)}${r + 1}`;

/**
 * One cell: a number, text (inline), `{ f, v }` a formula with its cached value (v "" for
 * a formula that shows nothing), `{ shared: si, ref }` a shared formula's master, `{ child: si }`.
 */
function cell(r, c, v, style) {
  const s = style === undefined ? "" : ` s="${style}"`;
  const at = ref(r, c);
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return `<c r="${at}"${s}><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${at}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v.error !== undefined) return `<c r="${at}"${s} t="e"><v>${esc(v.error)}</v></c>`;
  if (typeof v === "string") return `<c r="${at}"${s} t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  if (v.child !== undefined)
    return `<c r="${at}"${s} t="str"><f t="shared" si="${v.child}"/><v>${esc(v.v ?? "")}</v></c>`;
  if (v.shared !== undefined)
    return `<c r="${at}"${s} t="str"><f t="shared" ref="${v.ref}" si="${v.shared}">${esc(v.f)}</f><v>${esc(v.v ?? "")}</v></c>`;
  if (v.array !== undefined)
    return `<c r="${at}"${s}><f t="array" ref="${v.array}">${esc(v.f)}</f><v>${v.v ?? 0}</v></c>`;
  return `<c r="${at}"${s} t="str"><f>${esc(v.f)}</f><v>${esc(v.v ?? "")}</v></c>`;
}

function sheetData(rows) {
  return (
    "<sheetData>" +
    rows
      .map((cells, r) => {
        const body = (cells || [])
          .map((v, c) => cell(r, c, v, r === 0 && typeof v === "string" ? 1 : undefined))
          .join("");
        return body ? `<row r="${r + 1}" x14ac:dyDescent="0.25">${body}</row>` : "";
      })
      .join("") +
    "</sheetData>"
  );
}

/** The KPI table every fixture starts from: A1:D5 (Metric, Nov, Dec, Target). */
function kpiRows() {
  return [
    ["Metric", "Nov", "Dec", "Target"],
    ["Churn %", 0.031, 0.034, 0.025],
    ["Net Revenue Retention", 1.01, 0.98, 1.1],
    ["CAC", 480, 512, 450],
    ["Lead Quality", 50, 45, 60],
  ];
}

const STYLES =
  DECL +
  `<styleSheet xmlns="${MAIN}" xmlns:mc="${MC}" mc:Ignorable="x14ac" xmlns:x14ac="${X14AC}">` +
  `<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>` +
  `<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>` +
  `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/**
 * A workbook from sheets: { name, rows, head, tail, rels: [{ type, target, part, ct, xml }] }.
 * `head` goes between sheetViews and sheetData (cols), `tail` after sheetData (in schema order).
 */
function workbook(sheets, { app = true, calcChain } = {}) {
  const files = {};
  const overrides = [];
  const wbRels = [];
  const sheetEls = [];
  sheets.forEach((s, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    const width = Math.max(1, ...s.rows.map((r) => (r || []).length));
    const dim = s.rows.length ? `A1:${ref(s.rows.length - 1, width - 1)}` : "A1";
    files[part] =
      DECL +
      `<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="${MC}" mc:Ignorable="x14ac" xmlns:x14ac="${X14AC}">` +
      `<dimension ref="${dim}"/><sheetViews><sheetView ${i === 0 ? 'tabSelected="1" ' : ""}workbookViewId="0"/></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>${s.head || ""}${sheetData(s.rows)}` +
      `${s.tail || ""}</worksheet>`;
    overrides.push(`<Override PartName="/${part}" ContentType="${CT.sheet}"/>`);
    wbRels.push(`<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    sheetEls.push(`<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
    if (s.rels && s.rels.length) {
      files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] =
        DECL +
        `<Relationships xmlns="${PKG}">` +
        s.rels.map((r, k) => `<Relationship Id="rId${k + 1}" Type="${R}/${r.type}" Target="${r.target}"/>`).join("") +
        `</Relationships>`;
      for (const r of s.rels) {
        files[r.part] = r.xml;
        overrides.push(`<Override PartName="/${r.part}" ContentType="${r.ct}"/>`);
      }
    }
  });
  const n = sheets.length;
  files["xl/styles.xml"] = STYLES;
  wbRels.push(`<Relationship Id="rId${n + 1}" Type="${R}/styles" Target="styles.xml"/>`);
  overrides.push(
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
  );
  if (calcChain) {
    files["xl/calcChain.xml"] =
      DECL + `<calcChain xmlns="${MAIN}">${calcChain.map((c) => `<c r="${c.r}" i="${c.i}"/>`).join("")}</calcChain>`;
    wbRels.push(`<Relationship Id="rId${n + 2}" Type="${R}/calcChain" Target="calcChain.xml"/>`);
    overrides.push(`<Override PartName="/xl/calcChain.xml" ContentType="${CT.calcChain}"/>`);
  }
  files["xl/workbook.xml"] =
    DECL +
    `<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr defaultThemeVersion="164011"/>` +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>` +
    `<sheets>${sheetEls.join("")}</sheets><calcPr calcId="191029"/></workbook>`;
  files["xl/_rels/workbook.xml.rels"] = DECL + `<Relationships xmlns="${PKG}">${wbRels.join("")}</Relationships>`;
  const rootRels = [`<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/>`];
  if (app) {
    files["docProps/app.xml"] =
      DECL +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
      `<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`;
    rootRels.push(
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`,
    );
    overrides.push(
      `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`,
    );
  }
  files["_rels/.rels"] = DECL + `<Relationships xmlns="${PKG}">${rootRels.join("")}</Relationships>`;
  files["[Content_Types].xml"] =
    DECL +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`;
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), {
    mtime: new Date(Date.UTC(2026, 11, 1)),
  });
}

const MARGINS = `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;

/** A shape or chart-like anchor over the cells from (row, col) to (row2, col2), 0-based, as Excel anchors it. */
function drawingPart(anchorsList) {
  return (
    DECL +
    `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">` +
    anchorsList
      .map(
        ([r1, c1, r2, c2], k) =>
          `<xdr:twoCellAnchor><xdr:from><xdr:col>${c1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
          `<xdr:to><xdr:col>${c2}</xdr:col><xdr:colOff>304800</xdr:colOff><xdr:row>${r2}</xdr:row><xdr:rowOff>95250</xdr:rowOff></xdr:to>` +
          `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${k + 2}" name="Rectangle ${k + 1}"/><xdr:cNvSpPr/></xdr:nvSpPr>` +
          `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>`,
      )
      .join("") +
    `</xdr:wsDr>`
  );
}

function tablePart(id, name, refText, columns, { autoFilter = true } = {}) {
  return (
    DECL +
    `<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${refText}" totalsRowShown="0">` +
    (autoFilter ? `<autoFilter ref="${refText}"/>` : "") +
    `<tableColumns count="${columns.length}">${columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c)}"/>`).join("")}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** Every fixture: name → { bytes, what it holds, what a safe writer must do with it }. */
const FIXTURES = {
  /** Formulas that show "" beside the table (plain, a shared master and its children, an array), listed in calcChain. */
  "formulas-that-show-nothing.xlsx": () => {
    const rows = kpiRows();
    rows[0][4] = null;
    rows[1][4] = { f: 'IF(C2>0,"","x")', v: "" };
    rows[2][4] = { shared: 0, ref: "E3:E5", f: 'IF(C3>0,"","x")', v: "" };
    rows[3][4] = { child: 0, v: "" };
    rows[4][4] = { child: 0, v: "" };
    rows[1][5] = { array: "F2", f: "SUM(B2:C2)", v: 0.065 };
    return workbook([{ name: "Dashboard", rows, tail: MARGINS }], {
      calcChain: ["E2", "E3", "E4", "E5", "F2"].map((r) => ({ r, i: 1 })),
    });
  },
  /** A data bar (Excel 2010+ writes its extLst inside the rule) and the worksheet's own x14 extension. */
  "data-bar-with-extension.xlsx": () => {
    const id = "{8A6C2E1B-1D3B-4C35-9F0A-1B2C3D4E5F60}";
    const bar =
      `<conditionalFormatting sqref="C2:C5"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>` +
      `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${X14}"><x14:id>${id}</x14:id></ext></extLst></cfRule></conditionalFormatting>`;
    const ext =
      `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings>` +
      `<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="${id}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>C2:C5</xm:sqref></x14:conditionalFormatting>` +
      `</x14:conditionalFormattings></ext></extLst>`;
    return workbook([{ name: "Dashboard", rows: kpiRows(), tail: `${bar}${MARGINS}${ext}` }]);
  },
  /** A custom view, whose own pageMargins must not be taken for the worksheet's. */
  "custom-sheet-views.xlsx": () => {
    const views =
      `<customSheetViews><customSheetView guid="{4F1C2B8E-7A61-4E0B-9C5D-2E3F4A5B6C7D}" scale="90">` +
      `<selection activeCell="A1" sqref="A1"/><pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0.3" footer="0.3"/></customSheetView></customSheetViews>`;
    return workbook([{ name: "Dashboard", rows: kpiRows(), tail: `${views}${MARGINS}` }]);
  },
  /** A person's 'mbr brief' sheet: the same name as ours to Excel; Decision Map must refuse, not add a twin. */
  "person-sheet-named-like-ours.xlsx": () =>
    workbook([
      { name: "Dashboard", rows: kpiRows(), tail: MARGINS },
      { name: "mbr brief", rows: [["Minutes of the March board meeting"]], tail: MARGINS },
    ]),
  /** The KPI table is an Excel table (ListObject) with an autoFilter: our columns must join it. */
  "kpi-as-excel-table.xlsx": () =>
    workbook([
      {
        name: "Dashboard",
        rows: kpiRows(),
        tail: `${MARGINS}<tableParts count="1"><tablePart r:id="rId1"/></tableParts>`,
        rels: [
          {
            type: "table",
            target: "../tables/table1.xml",
            part: "xl/tables/table1.xml",
            ct: CT.table,
            xml: tablePart(1, "KPIs", "A1:D5", ["Metric", "Nov", "Dec", "Target"]),
          },
        ],
      },
    ]),
  /**
   * Beside the table: two narrow spacer columns (E, F), a chart-sized shape over G:J in the
   * table's rows, a merged note over K2:K3, another Excel table in L1:M5, a data validation.
   */
  "charts-spacers-and-neighbours.xlsx": () => {
    const rows = kpiRows();
    rows[0][10] = null;
    rows[1][10] = "Note: figures are provisional";
    rows[0][11] = "Project";
    rows[0][12] = "Lead";
    ["Apollo", "Zeus", "Hera", "Ares"].forEach((p, i) => {
      rows[i + 1][11] = p;
      rows[i + 1][12] = ["Sam", "Kim", "Lee", "Ana"][i];
    });
    const head = `<cols><col min="1" max="1" width="24" customWidth="1"/><col min="5" max="5" width="1.33203125" customWidth="1"/><col min="6" max="6" width="3.88671875" customWidth="1"/></cols>`;
    const tail =
      `<mergeCells count="1"><mergeCell ref="K2:K3"/></mergeCells>` +
      `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="M2:M5"><formula1>"Sam,Kim,Lee,Ana"</formula1></dataValidation></dataValidations>` +
      `${MARGINS}<drawing r:id="rId1"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts>`;
    return workbook([
      {
        name: "Dashboard",
        rows,
        head,
        tail,
        rels: [
          {
            type: "drawing",
            target: "../drawings/drawing1.xml",
            part: "xl/drawings/drawing1.xml",
            ct: CT.drawing,
            xml: drawingPart([[0, 6, 5, 9]]),
          },
          {
            type: "table",
            target: "../tables/table1.xml",
            part: "xl/tables/table1.xml",
            ct: CT.table,
            xml: tablePart(1, "Projects", "L1:M5", ["Project", "Lead"]),
          },
        ],
      },
    ]);
  },
};

if (require.main === module) {
  const folder = path.resolve(process.argv[2] || path.join(__dirname, "..", ".scratch", "safety"));
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, make] of Object.entries(FIXTURES)) {
    fs.writeFileSync(path.join(folder, name), make());
    console.log(`wrote ${path.join(folder, name)}`);
  }
}

module.exports = { FIXTURES, workbook, kpiRows, tablePart, drawingPart, CT, MARGINS };

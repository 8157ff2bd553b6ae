#!/usr/bin/env node
"use strict";
/**
 * Small workbooks in the layouts other than "metrics in rows", for the pane's browser tests
 * (test/e2e) and the README's screenshots:
 * - columns.xlsx: sheet "Monthly", metrics as columns (Month | MRR ($) | Churn % | NPS |
 *   Tickets closed), Jan-24…Dec-24 as text down A2:A13, values for Jan–Sep; and sheet
 *   "Regions", metrics in rows, a second KPI sheet to pick;
 * - blocks.xlsx: sheet "Goal", one KPI as label / value cells (Goal Title, Owners with the
 *   placeholder "<Enter Owners & Contributors>", Unit) over a monthly table (Sr no | Month |
 *   Current Actuals | Monthly targets), actuals for Jan–Sep 2025;
 * - two-sheets.xlsx: sheets "North" and "South", each metrics in rows, to pick one or the other.
 * Test code builds them at run time (`build()`); `node scripts/layout-fixtures.js [folder]`
 * writes them as files to open in Excel or LibreOffice (default folder: .scratch/layouts).
 */
const fs = require("node:fs");
const path = require("node:path");
const ExcelJS = require("exceljs");

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function header(row) {
  row.font = { bold: true };
}

async function columns() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Monthly");
  header(ws.addRow(["Month", "MRR ($)", "Churn %", "NPS", "Tickets closed"]));
  for (let i = 0; i < 12; i++) {
    const filled = i < 9;
    const row = ws.addRow([
      `${MONTHS[i]}-24`,
      filled ? 182000 + i * 4100 : null,
      filled ? Math.round((0.021 + i * 0.0015) * 10000) / 10000 : null,
      filled ? 41 - i : null,
      filled ? 310 + i * 12 : null,
    ]);
    row.getCell(2).numFmt = "$#,##0";
    row.getCell(3).numFmt = "0.0%";
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 10 : 15));
  const regions = wb.addWorksheet("Regions");
  header(regions.addRow(["Metric", "Nov", "Dec"]));
  regions.addRow(["Pipeline coverage", 2.9, 3.1]);
  regions.addRow(["Win rate", 0.22, 0.24]).eachCell((c, n) => n > 1 && (c.numFmt = "0%"));
  regions.addRow(["Deals closed", 14, 17]);
  regions.getColumn(1).width = 22;
  return wb;
}

async function blocks() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Goal");
  ws.getCell("B2").value = "Goal Title";
  ws.getCell("C2").value = "Reduce ticket backlog";
  ws.getCell("B4").value = "Owners";
  ws.getCell("C4").value = "<Enter Owners & Contributors>";
  ws.getCell("B6").value = "Unit";
  ws.getCell("C6").value = "tickets";
  ["B2", "B4", "B6"].forEach((a) => (ws.getCell(a).font = { bold: true }));
  const head = ["Sr no", "Month", "Current Actuals", "Monthly targets"];
  head.forEach((h, i) => {
    const c = ws.getCell(9, 2 + i);
    c.value = h;
    c.font = { bold: true };
  });
  for (let i = 0; i < 12; i++) {
    ws.getCell(10 + i, 2).value = i + 1;
    ws.getCell(10 + i, 3).value = `${MONTHS[i]} 2025`;
    if (i < 9) ws.getCell(10 + i, 4).value = 300 - i * 11;
    ws.getCell(10 + i, 5).value = 300 - (i + 1) * 10;
  }
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 30;
  ws.getColumn(4).width = 16;
  ws.getColumn(5).width = 16;
  return wb;
}

async function twoSheets() {
  const wb = new ExcelJS.Workbook();
  for (const [name, base] of [
    ["North", 1],
    ["South", 2],
  ]) {
    const ws = wb.addWorksheet(name);
    header(ws.addRow(["Metric", "Nov", "Dec"]));
    ws.addRow([`${name} revenue`, 100000 * base, 104000 * base]);
    ws.addRow([`${name} churn`, 0.02 * base, 0.021 * base]).eachCell((c, n) => n > 1 && (c.numFmt = "0.0%"));
    ws.getColumn(1).width = 20;
  }
  return wb;
}

const RECIPES = { "columns.xlsx": columns, "blocks.xlsx": blocks, "two-sheets.xlsx": twoSheets };

/** Every fixture as bytes, by file name. */
async function build() {
  const out = {};
  for (const [name, make] of Object.entries(RECIPES)) out[name] = Buffer.from(await (await make()).xlsx.writeBuffer());
  return out;
}

/** Writes every fixture into `dir`; returns their paths by file name. */
async function writeAll(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const files = {};
  for (const [name, bytes] of Object.entries(await build())) {
    files[name] = path.join(dir, name);
    fs.writeFileSync(files[name], bytes);
  }
  return files;
}

module.exports = { build, writeAll };

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, "..", ".scratch", "layouts");
  writeAll(dir).then((files) => console.log(Object.values(files).join("\n")));
}

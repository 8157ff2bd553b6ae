#!/usr/bin/env node
"use strict";
/**
 * Builds assets/sample-kpi-dashboard.xlsx: the SaaS dashboard from the seed essays, shaped the
 * way real ones are (a title, section rows, months across, Target and Variance columns, a
 * partly filled Owner column). Run `node scripts/make-sample.js` after changing it; the
 * workbook is committed so the demo needs no build step of its own.
 */
const path = require("node:path");
const ExcelJS = require("exceljs");

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// name, format, 12 monthly values (null = not reported yet), target, owner, threshold, lever
const SECTIONS = [
  ["Revenue", [
    ["MRR", "$#,##0", ramp(182000, 4100), 240000, "Priya Shah", "below $200k", "approve discounts up to 15% on renewals this quarter"],
    ["NRR", "0%", [1.08, 1.07, 1.07, 1.06, 1.05, 1.05, 1.04, 1.03, 1.02, 1.01, 0.99, 0.98], 1.1, "Priya Shah", "", "offer expansion credits up to $5k per account"],
    ["Gross Margin", "0.0%", [0.74, 0.73, 0.73, 0.72, 0.71, 0.7, 0.69, 0.68, 0.67, 0.66, 0.66, 0.65], 0.72, "We all do", "below 68%", "review at MBR"],
    ["Churn", "0.0%", [0.021, 0.022, 0.024, 0.023, 0.026, 0.027, 0.029, 0.03, 0.031, 0.032, 0.033, 0.034], 0.025, "", "", ""],
  ]],
  ["Sales & Marketing", [
    ["CAC", "$#,##0", [410, 420, 435, 450, 455, 470, 480, 490, 505, 515, 520, 530], 450, "VP Marketing", "> $500", "cut paid ad spend by up to 20%"],
    ["Lead Quality", "0", [62, 60, 58, 57, 55, 54, 52, 51, 49, 48, 47, 45], 60, "Sales team", "", "escalate to CEO"],
    ["Sales Velocity", "$#,##0", ramp(31000, -300), 35000, "Marketing", "", "align with sales"],
  ]],
  ["Product & Customers", [
    ["Bug Density", "0.00", [0.8, 0.9, 0.85, 1.0, 1.1, 1.05, 1.2, 1.25, 1.3, 1.4, 1.35, 1.5], 1, "", "", ""],
    ["NPS", "0", [41, 42, 40, 39, 41, 38, 37, 36, 35, 36, 34, 33], 45, "CEO", "below 30", "pause the pricing rollout for 30 days"],
  ]],
];

function ramp(start, step) {
  return MONTHS.map((_, i) => start + step * i);
}

async function build(file) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Decision Map sample";
  const ws = wb.addWorksheet("Dashboard", { views: [{ state: "frozen", xSplit: 1, ySplit: 4 }] });
  ws.getCell("A1").value = "Acme Cloud: Executive KPI Dashboard FY2026";
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.mergeCells("A1:F1");
  ws.getCell("A2").value = "Monthly, all figures as reported at month end";
  ws.getCell("A2").font = { italic: true, color: { argb: "FF666666" } };

  const header = ["Metric", ...MONTHS, "Target", "Variance", "Owner"];
  ws.getRow(4).values = header;
  ws.getRow(4).font = { bold: true, color: { argb: "FFFFFFFF" } };
  ws.getRow(4).eachCell((c) => (c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } }));

  let r = 5;
  for (const [section, metrics] of SECTIONS) {
    ws.getCell(r, 1).value = section;
    ws.getCell(r, 1).font = { bold: true };
    r++;
    for (const [name, fmt, values, target, owner] of metrics) {
      const row = ws.getRow(r);
      row.getCell(1).value = name;
      values.forEach((v, i) => {
        const c = row.getCell(2 + i);
        c.value = v;
        c.numFmt = fmt;
      });
      row.getCell(14).value = target;
      row.getCell(14).numFmt = fmt;
      row.getCell(15).value = { formula: `M${r}-N${r}`, result: values[11] - target };
      row.getCell(15).numFmt = fmt;
      if (owner) row.getCell(16).value = owner;
      r++;
    }
    r++; // a blank row between sections
  }
  ws.getCell(r, 1).value = "Source: finance close pack; CRM export; Jira.";
  ws.getCell(r, 1).font = { italic: true, color: { argb: "FF666666" } };
  ws.getColumn(1).width = 22;
  for (let c = 2; c <= 15; c++) ws.getColumn(c).width = 10;
  ws.getColumn(16).width = 16;

  // The sheet's own red rule, as people add them: Churn above 3%.
  ws.addConditionalFormatting({
    ref: "M9",
    rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["0.03"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } }, priority: 1 }],
  });

  const notes = wb.addWorksheet("Notes");
  notes.getCell("A1").value = "Board pack notes";
  notes.getCell("A2").value = "Targets agreed at the January offsite.";
  await wb.xlsx.writeFile(file);
  return SECTIONS;
}

/**
 * The demo's --answers file: thresholds and levers from the essays' scenarios, and an owner
 * for Churn, which the sheet leaves blank. Owners the sheet already names are not repeated.
 */
function answers() {
  const rows = [["metric", "owner", "threshold", "lever"]];
  for (const [, metrics] of SECTIONS) {
    for (const [name, , , , owner, threshold, lever] of metrics) {
      const given = name === "Churn" ? ["Dana Lee", "> 3%", "authorize up to $10k in retention credits"] : ["", threshold, lever];
      if (owner && given[0]) throw new Error(`${name}: the sheet already names an owner`);
      rows.push([name, ...given]);
    }
  }
  return rows;
}

module.exports = { build, answers, SECTIONS };

if (require.main === module) {
  const file = path.join(__dirname, "..", "assets", "sample-kpi-dashboard.xlsx");
  build(file).then(() => {
    const csv = answers().map((r) => r.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\n");
    require("node:fs").writeFileSync(path.join(__dirname, "..", "assets", "sample-answers.csv"), `${csv}\n`);
    console.log(`wrote ${file}`);
  });
}

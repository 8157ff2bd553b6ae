#!/usr/bin/env node
/* eslint-disable no-undef */
/**
 * Builds test/excel/api-sets.json: for every member of the Excel JavaScript API, the ExcelApi
 * requirement set it needs, read from the `[Api set: ExcelApi 1.x]` annotations that
 * @types/office-js carries in each member's doc comment. The Excel host fake
 * (test/excel/fake.ts) uses it to throw, as Excel does, on a member above the version it
 * runs as, unless the code asked `isSetSupported` first.
 *
 * Run: node scripts/make-excel-api-sets.js  (after an upgrade of @types/office-js)
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const DTS = path.join(ROOT, "node_modules/@types/office-js/index.d.ts");
const OUT = path.join(ROOT, "test/excel/api-sets.json");

/**
 * Members whose set the typings do not annotate, from Microsoft's reference:
 * RunOptions.delayForCellEdit is "ExcelApi 1.11" in the Excel.RunOptions page.
 */
const EXTRA = { "RunOptions.delayForCellEdit": "1.11" };

function compare(a, b) {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  return x[0] - y[0] || x[1] - y[1];
}

function build(text) {
  const lines = text.split("\n");
  const sets = {};
  let inExcel = false;
  let owner = null; // the class or interface whose members we are reading
  let pending = null; // the set named by the doc comment just read
  for (const line of lines) {
    if (/^declare namespace /.test(line)) {
      inExcel = line.startsWith("declare namespace Excel ");
      owner = null;
      continue;
    }
    if (!inExcel) continue;
    const decl = /^ {4}(?:export )?(?:class|interface) (\w+)/.exec(line);
    if (decl) {
      owner = decl[1];
      pending = null;
      continue;
    }
    if (/^ {4}\S/.test(line)) {
      // the end of a class, or an enum, a namespace (Excel.Interfaces), a function
      if (!/^ {4}\*|^ {4}\/\*\*/.test(line)) owner = null;
      pending = null;
      continue;
    }
    const set = /\[Api set: ExcelApi (\d+\.\d+)\b/.exec(line);
    if (set) {
      pending = set[1];
      continue;
    }
    if (owner === null) continue;
    const member = /^ {8}(?:readonly )?(\w+)\??\s*[:(<]/.exec(line);
    if (member) {
      if (pending) {
        const key = `${owner}.${member[1]}`;
        // Overloads share a name: the lowest set is what makes the name exist.
        if (!sets[key] || compare(pending, sets[key]) < 0) sets[key] = pending;
      }
      pending = null;
    }
  }
  Object.assign(sets, EXTRA);
  const versions = [...new Set(Object.values(sets))].sort(compare);
  const sorted = Object.fromEntries(
    Object.keys(sets)
      .sort()
      .map((k) => [k, sets[k]]),
  );
  return { source: "@types/office-js", newest: versions[versions.length - 1], members: sorted };
}

const table = build(fs.readFileSync(DTS, "utf8"));
fs.writeFileSync(OUT, JSON.stringify(table, null, 1) + "\n");
console.log(
  `${Object.keys(table.members).length} members, newest ExcelApi ${table.newest}: ${path.relative(ROOT, OUT)}`,
);

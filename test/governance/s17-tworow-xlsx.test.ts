/**
 * Two-row headers as real workbooks write them (issue 13, class 5), built as real .xlsx files
 * with ExcelJS and run through the command line and through `decide` on the grid the file
 * reader gives: a month merged over its Actual / Target pair (or written once, or repeated),
 * a third row of units, a YTD / Full year / Cumul group at the end, months as dates
 * ("mmm-yy") or EOMONTH formulas with cached values, quarters, a metric header merged over
 * both rows, Unit and Owner columns between the names and the months; in English, French,
 * German, Spanish, Portuguese, Indonesian and Dutch.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { decide } from "../../src/governance/decide";
import { columnLetter } from "../../src/governance/grid";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { runCli } from "../helpers/io";
import { excelRuleProblems, lostProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";

/** A header period: text, a date shown with a format, or an EOMONTH formula with its cached date. */
type Period = string | { date: [number, number]; fmt: string; shown: string; formula?: boolean };

interface Shape {
  id: string;
  /** Above the header: a title row. */
  title?: string;
  periods: Period[];
  /** How the period sits over its pair. */
  over: "merged" | "first" | "repeated";
  /** The sub-headers, in the sheet's order; `actualFirst` says which of the first two is the actual. */
  sub: [string, string] | [string, string, string];
  actualFirst: boolean;
  /** The title merged across the whole table's width. */
  titleMerged?: boolean;
  /** An empty column between the groups. */
  spacer?: boolean;
  /** The Unit / Owner headers merged over both rows (default) or in the lower row only. */
  betweenAt?: "merged" | "lower";
  /** The lower row is an Excel table's header: repeated names made unique as Excel does ("Actual2"). */
  excelTable?: boolean;
  /** The third sub-column's value per metric and period (a status word, a variance). */
  third?: (i: number, p: number) => string | number;
  /** Where the metric column's header is. */
  metricHeader: { text: string; at: "lower" | "upper" | "merged" };
  /** Columns between the names and the periods: header and a value per metric. */
  between?: { header: string; values: (i: number) => string; role: "unit" | "owner" }[];
  /** A third header row of units under the sub-headers (per pair: actual, target). */
  unitsRow?: [string, string];
  /** A group at the end over the same pair of sub-headers ("YTD", "Full year"). */
  tail?: string[];
  metrics: string[];
  /** How many periods have actuals; metric `lagging` (index) lacks its latest one. */
  filled: number;
  lagging?: number;
}

const serial = (y: number, m: number) => (Date.UTC(y, m - 1, 1) - Date.UTC(1899, 11, 30)) / 86400000;
const eom = (y: number, m: number) => serial(y, m + 1) - 1;

const EN_METRICS = [
  "Revenue",
  "Gross margin %",
  "New customers",
  "Churn rate",
  "Net promoter score",
  "Average handle time",
  "On-time delivery",
  "Backlog",
];
const FR_METRICS = [
  "Chiffre d'affaires",
  "Marge brute",
  "Nouveaux clients",
  "Taux de désabonnement",
  "Satisfaction client",
  "Délai moyen de livraison",
];
const DE_METRICS = [
  "Umsatz",
  "Deckungsbeitrag",
  "Neukunden",
  "Kündigungsquote",
  "Kundenzufriedenheit",
  "Liefertreue",
  "Ausschussquote",
  "Lagerumschlag",
  "Krankenstand",
  "Überstunden",
];
const ES_METRICS = ["Ventas", "Margen bruto", "Clientes nuevos", "Tasa de abandono", "Satisfacción del cliente"];
const PT_METRICS = [
  "Receita líquida",
  "Margem bruta",
  "Novos clientes",
  "Taxa de cancelamento",
  "Satisfação do cliente",
  "Prazo médio de entrega",
  "Ticket médio",
];
const ID_METRICS = [
  "Pendapatan",
  "Laba kotor",
  "Pelanggan baru",
  "Tingkat churn",
  "Kepuasan pelanggan",
  "Ketepatan pengiriman",
];
const MANY_METRICS = [
  ...EN_METRICS,
  "First contact resolution",
  "Cost per ticket",
  "Employee turnover",
  "Training hours",
  "Safety incidents",
  "Energy use",
  "Scrap rate",
];

const monthsEn = ["Jan-25", "Feb-25", "Mar-25", "Apr-25", "May-25", "Jun-25"];
const dated = (fmt: string, shown: (m: number) => string, formula = false): Period[] =>
  [1, 2, 3, 4, 5, 6].map((m) => ({ date: [2025, m] as [number, number], fmt, shown: shown(m), formula }));
const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const SHAPES: Shape[] = [
  {
    id: "en-merged-kpi-merged-over-both-rows",
    periods: monthsEn,
    over: "merged",
    sub: ["Actual", "Target"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "merged" },
    metrics: EN_METRICS,
    filled: 4,
    lagging: 2,
  },
  {
    id: "en-first-of-pair-target-first-unit-owner-between",
    title: "Operations scorecard 2025",
    periods: ["January", "February", "March", "April", "May"],
    over: "first",
    sub: ["Target", "Actual"],
    actualFirst: false,
    metricHeader: { text: "Metric", at: "lower" },
    between: [
      { header: "Unit", values: (i) => ["$k", "%", "#", "%", "pts", "min", "%", "#"][i % 8], role: "unit" },
      { header: "Owner", values: (i) => ["Dana Lee", "Priya Shah", "Tom Ng", "Ana Ruiz"][i % 4], role: "owner" },
    ],
    metrics: EN_METRICS,
    filled: 3,
    lagging: 0,
  },
  {
    id: "en-repeated-units-row-ytd",
    periods: ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025"],
    over: "repeated",
    sub: ["Actual", "Budget"],
    actualFirst: true,
    metricHeader: { text: "Measure", at: "upper" },
    unitsRow: ["$", "$"],
    tail: ["YTD"],
    metrics: MANY_METRICS,
    filled: 3,
  },
  {
    id: "en-dates-mmm-yy-full-year",
    periods: dated("mmm-yy", (m) => `${SHORT[m - 1]}-25`),
    over: "merged",
    sub: ["Actual", "Plan"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "lower" },
    tail: ["Full year"],
    metrics: EN_METRICS.slice(0, 6),
    filled: 5,
    lagging: 3,
  },
  {
    id: "en-eomonth-formulas",
    periods: dated("mmm-yy", (m) => `${SHORT[m - 1]}-25`, true),
    over: "first",
    sub: ["Actual", "Target"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "merged" },
    tail: ["YTD", "Full Year 2025"],
    metrics: EN_METRICS,
    filled: 2,
  },
  {
    id: "en-quarters-actual-plan",
    periods: ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"],
    over: "merged",
    sub: ["Actual", "Plan"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "merged" },
    tail: ["FY 2025"],
    metrics: EN_METRICS.slice(0, 5),
    filled: 3,
    lagging: 4,
  },
  {
    id: "en-plan-fact",
    periods: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    over: "merged",
    sub: ["Plan", "Fact"],
    actualFirst: false,
    metricHeader: { text: "Indicator", at: "merged" },
    tail: ["Total"],
    metrics: EN_METRICS.slice(0, 7),
    filled: 11,
  },
  {
    id: "fr-objectif-realise-cumul",
    title: "Tableau de bord 2025",
    periods: ["janv.-25", "févr.-25", "mars-25", "avr.-25", "mai-25", "juin-25"],
    over: "merged",
    sub: ["Objectif", "Réalisé"],
    actualFirst: false,
    metricHeader: { text: "Indicateur", at: "merged" },
    between: [{ header: "Unité", values: (i) => ["k€", "%", "nb", "%", "pts", "jours"][i % 6], role: "unit" }],
    tail: ["Cumul"],
    metrics: FR_METRICS,
    filled: 5,
    lagging: 1,
  },
  {
    id: "fr-trimestres-reel-budget",
    periods: ["T1 2025", "T2 2025", "T3 2025", "T4 2025"],
    over: "first",
    sub: ["Réel", "Budget"],
    actualFirst: true,
    metricHeader: { text: "Indicateur", at: "lower" },
    tail: ["Total annuel"],
    metrics: FR_METRICS,
    filled: 2,
  },
  {
    id: "de-ist-soll-gesamt",
    periods: ["Jan 25", "Feb 25", "Mrz 25", "Apr 25", "Mai 25", "Jun 25", "Jul 25", "Aug 25", "Sep 25", "Okt 25"],
    over: "merged",
    sub: ["Ist", "Soll"],
    actualFirst: true,
    metricHeader: { text: "Kennzahl", at: "merged" },
    between: [
      { header: "Einheit", values: (i) => ["T€", "%", "Anz.", "%", "Pkt.", "%"][i % 6], role: "unit" },
      { header: "Verantwortlich", values: (i) => ["K. Weber", "S. Braun"][i % 2], role: "owner" },
    ],
    tail: ["Gesamt"],
    metrics: DE_METRICS,
    filled: 10,
    lagging: 5,
  },
  {
    id: "de-dez-months-kumuliert",
    periods: ["Sep. 2025", "Okt. 2025", "Nov. 2025", "Dez. 2025"],
    over: "repeated",
    sub: ["Soll", "Ist"],
    actualFirst: false,
    metricHeader: { text: "KPI", at: "lower" },
    tail: ["Kumuliert"],
    metrics: DE_METRICS.slice(0, 6),
    filled: 4,
  },
  {
    id: "es-real-meta-acumulado",
    periods: ["ene-25", "feb-25", "mar-25", "abr-25", "may-25"],
    over: "merged",
    sub: ["Real", "Meta"],
    actualFirst: true,
    metricHeader: { text: "Indicador", at: "merged" },
    between: [{ header: "Responsable", values: (i) => ["Lucía Gómez", "Jorge Pérez"][i % 2], role: "owner" }],
    tail: ["Acumulado"],
    metrics: ES_METRICS,
    filled: 4,
  },
  {
    id: "es-1t-quarters-real-presupuesto",
    periods: ["1T 2025", "2T 2025", "3T 2025", "4T 2025"],
    over: "merged",
    sub: ["Real", "Presupuesto"],
    actualFirst: true,
    metricHeader: { text: "Indicador", at: "merged" },
    tail: ["Total año"],
    metrics: ES_METRICS,
    filled: 3,
  },
  {
    id: "pt-realizado-meta-set-out",
    periods: ["jul/25", "ago/25", "set/25", "out/25", "nov/25"],
    over: "first",
    sub: ["Meta", "Realizado"],
    actualFirst: false,
    metricHeader: { text: "Indicador", at: "upper" },
    unitsRow: ["R$ mil", "R$ mil"],
    tail: ["Acumulado"],
    metrics: PT_METRICS,
    filled: 4,
    lagging: 6,
  },
  {
    id: "id-target-realisasi-desember",
    periods: ["Agustus", "September", "Oktober", "November", "Desember"],
    over: "merged",
    sub: ["Target", "Realisasi"],
    actualFirst: false,
    metricHeader: { text: "KPI", at: "merged" },
    tail: ["Total"],
    metrics: ID_METRICS,
    filled: 5,
    lagging: 0,
  },
  {
    id: "nl-werkelijk-begroting-mrt",
    periods: ["jan", "feb", "mrt", "apr", "mei", "jun"],
    over: "merged",
    sub: ["Werkelijk", "Begroting"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "lower" },
    tail: ["Totaal"],
    metrics: EN_METRICS.slice(0, 5),
    filled: 5,
  },
  {
    id: "en-excel-table-unique-names-title-merged",
    title: "KPI scorecard FY25",
    titleMerged: true,
    periods: ["Jan-25", "Feb-25", "Mar-25", "Apr-25"],
    over: "merged",
    sub: ["Actual", "Target"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "lower" },
    between: [{ header: "Owner", values: (i) => ["Dana Lee", "Priya Shah", "Tom Ng"][i % 3], role: "owner" }],
    betweenAt: "lower",
    excelTable: true,
    metrics: EN_METRICS,
    filled: 3,
    lagging: 5,
  },
  {
    id: "en-units-in-subheaders-status-third-spacer",
    periods: ["Q1 FY25", "Q2 FY25", "Q3 FY25", "Q4 FY25"],
    over: "merged",
    sub: ["Actual ($k)", "Target ($k)", "Status"],
    actualFirst: true,
    metricHeader: { text: "KPI", at: "merged" },
    spacer: true,
    third: (i, p) => ((i + p) % 3 === 0 ? "Red" : "Green"),
    tail: ["YTD"],
    metrics: EN_METRICS,
    filled: 2,
    lagging: 1,
  },
  {
    id: "en-abbreviations-act-tgt-var-lower-between",
    periods: ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    over: "first",
    sub: ["Act.", "Tgt.", "Var"],
    actualFirst: true,
    metricHeader: { text: "Metric", at: "lower" },
    between: [
      { header: "Unit", values: (i) => ["$", "%", "#"][i % 3], role: "unit" },
      { header: "Owner", values: (i) => ["Dana Lee", "Priya Shah"][i % 2], role: "owner" },
    ],
    betweenAt: "lower",
    third: (i, p) => actualOf(i, p) - targetOf(i, p),
    metrics: MANY_METRICS,
    filled: 6,
  },
  {
    id: "it-consuntivo-budget-set-ott",
    periods: ["lug", "ago", "set", "ott", "nov", "dic"],
    over: "merged",
    sub: ["Consuntivo", "Budget"],
    actualFirst: true,
    metricHeader: { text: "Indicatore", at: "merged" },
    tail: ["Progressivo"],
    metrics: ["Fatturato", "Margine lordo", "Nuovi clienti", "Tasso di abbandono", "Soddisfazione clienti"],
    filled: 4,
  },
  {
    id: "pt-months-alone-set-out-orcado",
    periods: ["jul", "ago", "set", "out", "nov", "dez"],
    over: "merged",
    sub: ["Realizado", "Orçado"],
    actualFirst: true,
    metricHeader: { text: "Indicador", at: "merged" },
    tail: ["Total ano"],
    metrics: PT_METRICS,
    filled: 4,
    lagging: 3,
  },
  {
    id: "de-dates-mmmm-yyyy-plan-ist-durchschnitt",
    periods: dated("mmmm yyyy", (m) => `${["January", "February", "March", "April", "May", "June"][m - 1]} 2025`),
    over: "repeated",
    sub: ["Plan", "Ist"],
    actualFirst: false,
    metricHeader: { text: "Kennzahl", at: "lower" },
    tail: ["Durchschnitt"],
    metrics: DE_METRICS,
    filled: 6,
    lagging: 9,
  },
];

/** The actual and target values of metric `i` in period `p` (distinct, so no mix-up goes unseen). */
const actualOf = (i: number, p: number) => 100 + i * 10 + p;
const targetOf = (i: number, p: number) => 500 + i * 10 + p;

interface Built {
  file: string;
  /** 1-based header row (the sub-header row). */
  headerRow: number;
  firstMetricRow: number;
  /** 0-based columns of the actual and target of each period. */
  actualCol: number[];
  targetCol: number[];
  /** The lower header's text over each actual column, as the sheet shows it. */
  actualText: string[];
  /** The rows of the header (0-based), for "never written into" checks. */
  headerRows: number[];
  /** 0-based last column of the table. */
  lastCol: number;
}

function shown(p: Period): string {
  return typeof p === "string" ? p : p.shown;
}

async function build(s: Shape, dir: string): Promise<Built> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Scorecard");
  let r = 1;
  if (s.title) {
    ws.getCell(r, 1).value = s.title;
    r += 2; // a title, then a blank row
  }
  const upper = r;
  const lower = r + 1;
  let c = 1;
  const metricCol = c++;
  const between = s.between ?? [];
  const betweenCols = between.map(() => c++);
  const actualCol: number[] = [];
  const targetCol: number[] = [];
  const pairStart: number[] = [];
  const groups: Period[] = [...s.periods, ...(s.tail ?? [])];
  const width = s.sub.length;
  for (let g = 0; g < groups.length; g++) {
    if (s.spacer && g > 0) c++;
    pairStart.push(c);
    actualCol.push(s.actualFirst ? c : c + 1);
    targetCol.push(s.actualFirst ? c + 1 : c);
    c += width;
  }
  const lastCol = c - 1;
  if (s.title && s.titleMerged) ws.mergeCells(1, 1, 1, lastCol);
  // The upper row: the metric header (or nothing), the periods.
  if (s.metricHeader.at === "upper") ws.getCell(upper, metricCol).value = s.metricHeader.text;
  if (s.metricHeader.at === "lower" && !s.excelTable) ws.getCell(lower, metricCol).value = s.metricHeader.text;
  if (s.metricHeader.at === "merged") {
    ws.getCell(upper, metricCol).value = s.metricHeader.text;
    ws.mergeCells(upper, metricCol, lower, metricCol);
  }
  between.forEach((b, j) => {
    if (s.betweenAt === "lower") {
      if (!s.excelTable) ws.getCell(lower, betweenCols[j]).value = b.header;
    } else {
      ws.getCell(upper, betweenCols[j]).value = b.header;
      ws.mergeCells(upper, betweenCols[j], lower, betweenCols[j]);
    }
  });
  groups.forEach((p, g) => {
    const col = pairStart[g];
    const write = (cc: number, first: boolean) => {
      const cell = ws.getCell(upper, cc);
      if (typeof p === "string") cell.value = p;
      else {
        const v = eom(p.date[0], p.date[1]);
        if (p.formula && (g > 0 || !first)) {
          // The first month typed, each next one =EOMONTH(the one before, 1), as Excel saves it.
          const from = first ? pairStart[g - 1] : col;
          cell.value = { formula: `EOMONTH(${columnLetter(from - 1)}${upper},${first ? 1 : 0})`, result: v };
        } else cell.value = v;
        cell.numFmt = p.fmt;
      }
    };
    write(col, true);
    if (s.over === "repeated") for (let k = 1; k < width; k++) write(col + k, false);
    if (s.over === "merged") ws.mergeCells(upper, col, upper, col + width - 1);
  });
  // The lower row: the sub-headers under every group (unique, as an Excel table makes them).
  const seen = new Map<string, number>();
  const lowerText = new Map<number, string>();
  const unique = (h: string) => {
    if (!s.excelTable) return h;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h}${n}`;
  };
  const tableColumns: { name: string }[] = [{ name: s.metricHeader.at === "lower" ? s.metricHeader.text : "KPI" }];
  between.forEach((b) => tableColumns.push({ name: b.header }));
  for (let g = 0; g < groups.length; g++) {
    if (s.spacer && g > 0) tableColumns.push({ name: unique("Column") });
    for (let k = 0; k < width; k++) {
      const text = unique(s.sub[k]);
      lowerText.set(pairStart[g] + k, text);
      if (s.excelTable) tableColumns.push({ name: text });
      else ws.getCell(lower, pairStart[g] + k).value = text;
    }
  }
  let first = lower + 1;
  if (s.unitsRow) {
    for (let g = 0; g < groups.length; g++) {
      ws.getCell(first, actualCol[g]).value = s.unitsRow[0];
      ws.getCell(first, targetCol[g]).value = s.unitsRow[1];
    }
    first++;
  }
  const body: (string | number | null)[][] = [];
  s.metrics.forEach((name, i) => {
    const row: (string | number | null)[] = new Array(lastCol).fill(null);
    const set = (col: number, v: string | number) => (row[col - 1] = v);
    set(metricCol, name);
    between.forEach((b, j) => set(betweenCols[j], b.values(i)));
    const last = s.lagging === i ? s.filled - 1 : s.filled;
    s.periods.forEach((_, p) => {
      set(targetCol[p], targetOf(i, p));
      if (p < last) set(actualCol[p], actualOf(i, p));
      if (s.third && width === 3 && p < last) set(pairStart[p] + 2, s.third(i, p));
    });
    // The tail groups: sums, as a person's formulas would compute them.
    (s.tail ?? []).forEach((_, k) => {
      const g = s.periods.length + k;
      let a = 0;
      let t = 0;
      s.periods.forEach((__, p) => {
        if (p < last) a += actualOf(i, p);
        t += targetOf(i, p);
      });
      set(actualCol[g], a);
      set(targetCol[g], t);
    });
    body.push(row);
  });
  if (s.excelTable) {
    ws.addTable({
      name: "Scorecard",
      ref: `A${lower}`,
      headerRow: true,
      columns: tableColumns,
      rows: body.map((row) => row.map((v) => (v === null ? "" : v))),
    });
  } else {
    body.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(first + i, j + 1).value = v)));
  }
  if (s.excelTable) {
    // A table's empty cells hold nothing (ExcelJS writes "" for them otherwise).
    body.forEach((row, i) => row.forEach((v, j) => v === null && (ws.getCell(first + i, j + 1).value = null)));
  }
  const file = path.join(dir, `${s.id}.xlsx`);
  await wb.xlsx.writeFile(file);
  return {
    file,
    headerRow: lower,
    firstMetricRow: first,
    actualCol: actualCol.map((x) => x - 1),
    targetCol: targetCol.map((x) => x - 1),
    actualText: actualCol.map((x) => lowerText.get(x) ?? ""),
    headerRows: [upper - 1, lower - 1],
    lastCol: lastCol - 1,
  };
}

/** What a person reads off the sheet: per metric, its latest actual, the period and that period's target. */
function expected(s: Shape, b: Built) {
  return s.metrics.map((name, i) => {
    const last = (s.lagging === i ? s.filled - 1 : s.filled) - 1;
    return {
      name,
      row: b.firstMetricRow + i,
      current: actualOf(i, last),
      currentCell: `${columnLetter(b.actualCol[last])}${b.firstMetricRow + i}`,
      currentPeriod: `${shown(s.periods[last])} ${b.actualText[last]}`,
      target: targetOf(i, last),
    };
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-s17-tworow-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(SHAPES.map((s) => [s.id, s] as const))("two-row header shape %s", (_id, s) => {
  let b: Built;
  beforeAll(async () => {
    b = await build(s, dir);
  });

  test("the command line reads the latest actual, its period and its target", async () => {
    const out = path.join(dir, `${s.id}-out.xlsx`);
    const run = await runCli(["audit", b.file, "--json", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).not.toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.table.orientation).toBe("rows");
    expect(json.table.headerRow).toBe(b.headerRow);
    const got = json.metrics.map((m: Record<string, unknown>) => ({
      name: m.name,
      row: m.row,
      current: m.current,
      currentCell: m.currentCell,
      currentPeriod: m.currentPeriod,
      target: m.target,
    }));
    expect(got).toEqual(expected(s, b));
    // The target is never read as a value: no value column is a target column.
    const targets = new Set(b.targetCol.map((c) => columnLetter(c)));
    for (const v of json.table.valueColumns as string[]) expect(targets.has(v)).toBe(false);
    // Tail groups (YTD, Full year, Cumul) are never the current period.
    const tails = new Set(b.actualCol.slice(s.periods.length).map((c) => columnLetter(c)));
    for (const v of json.table.valueColumns as string[]) expect(tails.has(v)).toBe(false);
    const gov = json.table.governanceColumns;
    expect(gov).not.toBeNull();
    // A Unit and an Owner column between the names and the periods are read per metric.
    for (const [j, bt] of (s.between ?? []).entries()) {
      const key = bt.role === "owner" ? "owner" : "unit";
      expect(json.metrics.map((m: Record<string, unknown>) => m[key])).toEqual(s.metrics.map((_, i) => bt.values(i)));
      if (bt.role === "owner") expect(gov.owner).toBe(columnLetter(j + 1));
    }
    // The workbook written passes Excel's rules; a re-run on it reads the same table and
    // finds its governance columns where it wrote them.
    expect(excelRuleProblems(new Uint8Array(readFileSync(out)))).toEqual([]);
    const again = await runCli(["audit", out, "--json", "--out", path.join(dir, `${s.id}-again.xlsx`)]);
    expect(again.code).not.toBe(2);
    const second = JSON.parse(again.stdout);
    expect(second.table.headerRow).toBe(b.headerRow);
    expect(second.table.governanceColumns).toEqual(gov);
    expect(second.metrics.map((m: Record<string, unknown>) => [m.name, m.current, m.currentPeriod, m.target])).toEqual(
      json.metrics.map((m: Record<string, unknown>) => [m.name, m.current, m.currentPeriod, m.target]),
    );
  });

  test("decide on the file reader's grid writes governance in free columns right of the table, valid and lossless", async () => {
    const input = new Uint8Array(readFileSync(b.file));
    const g = openWorkbook(input).readGrid("Scorecard");
    const d = decide({ grid: g });
    if (!d.ok) throw new Error(`refused: ${d.message}`);
    expect(d.table.headerRow).toBe(b.headerRow - 1);
    expect(d.audit.metrics.map((m) => [m.name, m.current, m.target ?? null])).toEqual(
      expected(s, b).map((e) => [e.name, e.current, e.target]),
    );
    if (!d.plan?.ok) throw new Error(`plan refused: ${JSON.stringify(d.plan)}`);
    const plan = d.plan.plan;
    const lastCol = b.lastCol;
    const onSheet = plan.cells.filter(() => plan.sheetName === "Scorecard");
    expect(onSheet.length).toBeGreaterThan(0);
    for (const cell of onSheet) {
      // Right of the table, never inside it, never in a merged area of the header.
      expect(cell.col).toBeGreaterThan(lastCol);
      for (const m of g.merges)
        expect(m.top <= cell.row && cell.row <= m.bottom && m.left <= cell.col && cell.col <= m.right).toBe(false);
      // Never on the period row above the sub-headers.
      expect(cell.row).not.toBe(b.headerRows[0]);
    }
    const output = applyPlan(input, plan);
    if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
    expect(excelRuleProblems(output)).toEqual([]);
    expect(lostProblems(input, output, plan)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// The measures above the periods: "Actual" over Jan | Feb | Mar, "Budget" over Jan | Feb | Mar.

interface MeasureShape {
  id: string;
  /** The measure groups, left to right; the first is the actual, the second the target. */
  measures: string[];
  periods: Period[];
  /** A total column at the end of each group ("Total", "YTD", "Cumul"). */
  total?: string;
  merged: boolean;
  metrics: string[];
  filled: number;
  lagging?: number;
}

const MEASURE_SHAPES: MeasureShape[] = [
  {
    id: "en-actual-budget-variance-over-months",
    measures: ["Actual", "Budget", "Variance"],
    periods: ["Jan", "Feb", "Mar", "Apr"],
    total: "Total",
    merged: true,
    metrics: EN_METRICS,
    filled: 3,
    lagging: 2,
  },
  {
    id: "de-ist-soll-over-dates-written-once",
    measures: ["Ist", "Soll"],
    periods: dated("mmm-yy", (m) => `${SHORT[m - 1]}-25`),
    merged: false,
    metrics: DE_METRICS,
    filled: 5,
  },
  {
    id: "fr-realise-objectif-over-months-cumul",
    measures: ["Réalisé", "Objectif"],
    periods: ["janv.", "févr.", "mars", "avr.", "mai"],
    total: "Cumul",
    merged: true,
    metrics: FR_METRICS,
    filled: 4,
    lagging: 0,
  },
];

describe.each(MEASURE_SHAPES.map((s) => [s.id, s] as const))("measures over periods %s", (_id, s) => {
  let file: string;
  const groupWidth = s.periods.length + (s.total ? 1 : 0);
  const colOf = (g: number, p: number) => 2 + g * groupWidth + p; // 1-based
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Scorecard");
    ws.getCell(1, 1).value = "KPI";
    ws.mergeCells(1, 1, 2, 1);
    s.measures.forEach((m, g) => {
      ws.getCell(1, colOf(g, 0)).value = m;
      if (s.merged) ws.mergeCells(1, colOf(g, 0), 1, colOf(g, groupWidth - 1));
      s.periods.forEach((p, k) => {
        const cell = ws.getCell(2, colOf(g, k));
        if (typeof p === "string") cell.value = p;
        else {
          cell.value = eom(p.date[0], p.date[1]);
          cell.numFmt = p.fmt;
        }
      });
      if (s.total) ws.getCell(2, colOf(g, s.periods.length)).value = s.total;
    });
    s.metrics.forEach((name, i) => {
      const row = 3 + i;
      ws.getCell(row, 1).value = name;
      const last = s.lagging === i ? s.filled - 1 : s.filled;
      s.periods.forEach((_, p) => {
        if (p < last) ws.getCell(row, colOf(0, p)).value = actualOf(i, p);
        ws.getCell(row, colOf(1, p)).value = targetOf(i, p);
        if (s.measures.length > 2 && p < last) ws.getCell(row, colOf(2, p)).value = actualOf(i, p) - targetOf(i, p);
      });
      if (s.total) {
        ws.getCell(row, colOf(0, s.periods.length)).value = 9999;
        ws.getCell(row, colOf(1, s.periods.length)).value = 8888;
      }
    });
    file = path.join(dir, `${s.id}.xlsx`);
    await wb.xlsx.writeFile(file);
  });

  test("the latest actual is current, the same period's target its target; written valid", async () => {
    const out = path.join(dir, `${s.id}-out.xlsx`);
    const run = await runCli(["audit", file, "--json", "--out", out]);
    expect(run.code).not.toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.table.headerRow).toBe(2);
    expect(json.table.notes.join("\n")).toContain(`Two-row header: ${s.measures.join(" / ")} in row 1 over periods`);
    expect(
      json.metrics.map((m: Record<string, unknown>) => [m.name, m.current, m.currentCell, m.currentPeriod, m.target]),
    ).toEqual(
      s.metrics.map((name, i) => {
        const last = (s.lagging === i ? s.filled - 1 : s.filled) - 1;
        return [
          name,
          actualOf(i, last),
          `${columnLetter(colOf(0, last) - 1)}${3 + i}`,
          `${shown(s.periods[last])} ${s.measures[0]}`,
          targetOf(i, last),
        ];
      }),
    );
    const lastCol = colOf(s.measures.length - 1, groupWidth - 1) - 1;
    const input = new Uint8Array(readFileSync(file));
    const g = openWorkbook(input).readGrid("Scorecard");
    const d = decide({ grid: g });
    if (!d.ok || !d.plan?.ok) throw new Error("refused");
    for (const cell of d.plan.plan.cells) {
      expect(cell.col).toBeGreaterThan(lastCol);
      for (const m of g.merges)
        expect(m.top <= cell.row && cell.row <= m.bottom && m.left <= cell.col && cell.col <= m.right).toBe(false);
    }
    const output = applyPlan(input, d.plan.plan);
    if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
    expect(excelRuleProblems(output)).toEqual([]);
    expect(lostProblems(input, output, d.plan.plan)).toEqual([]);
  });
});

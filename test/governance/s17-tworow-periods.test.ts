/**
 * Period words as real workbooks write them (issue 13, class 6), table-driven over the header
 * reader: month names and abbreviations in English, French, Spanish, Portuguese, Italian,
 * German, Dutch and Indonesian, with years; quarters ("Q1", "T1", "1T", "Q3 Actual",
 * "Q1 FY25"); and totals, YTD, averages, full-year and cumulative columns, never the current
 * period. Each word is checked by itself and in a sheet, where the latest period with a
 * number is the current one.
 */
import {
  classifyHeader,
  isAggregateHeader,
  isPeriodText,
  periodPart,
  periodRank,
  withoutCopyNumber,
} from "../../src/governance/headers";
import { auditTable } from "../../src/governance/audit";
import type { CellValue } from "../../src/governance/grid";
import { readRows } from "../../src/governance/layouts/rows";
import { detected, gridWith } from "../helpers/grids";

/** Months of a year per language, as sheets write them: names, abbreviations, with a year. */
const MONTH_ROWS: [string, string[]][] = [
  [
    "English",
    [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
  ],
  ["English short", ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]],
  ["English 'Sept'", ["Jun", "Jul", "Aug", "Sept", "Oct"]],
  ["English with years", ["Jan 25", "Feb 25", "Mar-25", "Apr '25", "May 2025", "Jun-2025", "Jul/25"]],
  [
    "French",
    [
      "janvier",
      "février",
      "mars",
      "avril",
      "mai",
      "juin",
      "juillet",
      "août",
      "septembre",
      "octobre",
      "novembre",
      "décembre",
    ],
  ],
  ["French short", ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]],
  ["French with years", ["janv.-25", "févr.-25", "mars-25", "avr.-25", "déc.-25"]],
  [
    "Spanish",
    [
      "enero",
      "febrero",
      "marzo",
      "abril",
      "mayo",
      "junio",
      "julio",
      "agosto",
      "septiembre",
      "octubre",
      "noviembre",
      "diciembre",
    ],
  ],
  ["Spanish short", ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]],
  ["Spanish with years", ["ene-25", "feb-25", "abr-25", "ago-25", "dic-25"]],
  [
    "Portuguese",
    [
      "janeiro",
      "fevereiro",
      "março",
      "abril",
      "maio",
      "junho",
      "julho",
      "agosto",
      "setembro",
      "outubro",
      "novembro",
      "dezembro",
    ],
  ],
  ["Portuguese short", ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"]],
  ["Portuguese with years", ["jan/25", "fev/25", "set/25", "out/25", "dez/25", "dezembro de 2025"]],
  [
    "Italian",
    [
      "gennaio",
      "febbraio",
      "marzo",
      "aprile",
      "maggio",
      "giugno",
      "luglio",
      "agosto",
      "settembre",
      "ottobre",
      "novembre",
      "dicembre",
    ],
  ],
  ["Italian short", ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"]],
  [
    "German",
    [
      "Januar",
      "Februar",
      "März",
      "April",
      "Mai",
      "Juni",
      "Juli",
      "August",
      "September",
      "Oktober",
      "November",
      "Dezember",
    ],
  ],
  ["German short", ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]],
  ["German with years", ["Jan. 2025", "Okt. 2025", "Nov. 2025", "Dez. 2025", "Mär 25"]],
  [
    "Dutch",
    [
      "januari",
      "februari",
      "maart",
      "april",
      "mei",
      "juni",
      "juli",
      "augustus",
      "september",
      "oktober",
      "november",
      "december",
    ],
  ],
  ["Dutch short", ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]],
  [
    "Indonesian",
    [
      "Januari",
      "Februari",
      "Maret",
      "April",
      "Mei",
      "Juni",
      "Juli",
      "Agustus",
      "September",
      "Oktober",
      "November",
      "Desember",
    ],
  ],
  ["Indonesian short", ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Agt", "Sep", "Okt", "Nov", "Des"]],
  ["ISO", ["2025-01", "2025-02", "2025-11", "2025-12"]],
];

const QUARTERS = [
  "Q1",
  "Q4",
  "1Q",
  "T1",
  "T4",
  "1T",
  "4T",
  "1T25",
  "2T 2025",
  "Q1 FY25",
  "Q1 2025",
  "Q1-25",
  "FY25 Q2",
  "Quarter 3",
  "3rd quarter",
  "Trimestre 2",
  "1er trimestre",
  "Trim. 1",
  "Quartal 2",
  "2. Quartal",
  "Kwartaal 3",
  "Triwulan III",
  "Kuartal 4",
];

const HALVES = ["H1", "H2 2025", "S1", "1H", "Semestre 1", "1er semestre", "2. Halbjahr"];

/** Headers that sum or average the periods: never the current period. */
const AGGREGATES = [
  "Total",
  "Totals",
  "Grand Total",
  "Total 2025",
  "YTD",
  "YTD 2025",
  "Year to date",
  "QTD",
  "Full year",
  "Full Year",
  "Full Year 2025",
  "FY",
  "FY 2025",
  "Annual",
  "Average",
  "Avg",
  "Cumul",
  "Cumulé",
  "Cumul 2025",
  "Acumulado",
  "Acum.",
  "Gesamt",
  "Gesamtjahr",
  "Kumuliert",
  "Summe",
  "Totaal",
  "Jaartotaal",
  "Cumulatief",
  "Totale",
  "Progressivo",
  "Moyenne",
  "Promedio",
  "Média",
  "Durchschnitt",
  "Gemiddelde",
  "Rata-rata",
  "Jumlah",
  "Kumulatif",
  "Total annuel",
  "Total año",
  "Total ano",
  "Año 2025",
  "Année 2025",
  "Jahr 2025",
];

describe("month names and abbreviations in eight languages are periods of a month", () => {
  const words = MONTH_ROWS.flatMap(([lang, ms]) => ms.filter((m) => !/^(?:set|out)$/.test(m)).map((m) => [lang, m]));
  test.each(words)("%s: %s", (_lang, m) => {
    expect(isPeriodText(m)).toBe(true);
    expect(periodRank(m)).toBe(1);
    expect(classifyHeader(m, false).kind).toBe("period");
  });

  test.each([["set"], ["out"], ["Set"], ["set."]])("'%s' alone is a word, a month only among months", (w) => {
    expect(isPeriodText(w)).toBe(false);
    expect(classifyHeader(w, false).kind).toBe("other");
    expect(periodRank(w)).toBe(1);
  });
});

describe("quarters and halves", () => {
  test.each(QUARTERS.map((q) => [q]))("%s is a quarter", (q) => {
    expect(isPeriodText(q)).toBe(true);
    expect(periodRank(q)).toBe(2);
  });
  test.each(HALVES.map((h) => [h]))("%s is a half year", (h) => {
    expect(isPeriodText(h)).toBe(true);
    expect(periodRank(h)).toBe(3);
  });
  test.each([
    ["Q3 Actual", "Q3"],
    ["Q1 FY25 Actual", "Q1 FY25"],
    ["T2 Réel", "T2"],
    ["1T 2025 Real", "1T 2025"],
    ["Dez Ist", "Dez"],
    ["Desember Realisasi", "Desember"],
    ["Nov Fact", "Nov"],
    ["janv.-25 Réalisé", "janv.-25"],
    ["mrt Werkelijk", "mrt"],
  ])("%s reads as the period %s", (h, p) => {
    expect(periodPart(h)).toBe(p);
  });
});

describe("totals, YTD, averages, full-year and cumulative headers are never a period of their own", () => {
  test.each(AGGREGATES.map((a) => [a]))("%s", (a) => {
    expect(isAggregateHeader(a) || periodRank(a) === 5).toBe(true);
    expect(periodRank(a) === null || periodRank(a)! >= 5).toBe(true);
    const kind = classifyHeader(a, false).kind;
    // A value column only as a total (rank 5) or a cumulative one, never a plain period.
    expect(kind === "period" ? periodRank(a) : 5).toBe(5);
  });

  test.each([["Revenue"], ["Gross margin"], ["Total revenue"], ["Average handle time"], ["Jumlah pelanggan"]])(
    "%s is a metric name, no aggregate header",
    (name) => {
      expect(isAggregateHeader(name)).toBe(false);
    },
  );
});

describe("Excel table copies of a header ('Actual2') read as the header", () => {
  test.each([
    ["Actual2", "current"],
    ["Target3", "reference"],
    ["Réalisé2", "current"],
    ["Ist12", "current"],
    ["YTD2", "current-weak"],
    ["Budget2", "reference"],
  ])("%s → %s", (h, kind) => {
    expect(classifyHeader(h, false).kind).toBe(kind);
  });
  test.each([
    ["Q3", "Q3"],
    ["FY25", "FY25"],
    ["actual2", "actual"],
  ])("%s → %s", (w, stem) => {
    expect(withoutCopyNumber(w.toLowerCase())).toBe(stem.toLowerCase());
  });
});

describe("in a sheet: the latest month with a number is current, whatever the language", () => {
  /** One header row of periods (and aggregates after them), three metrics, `filled` periods with values. */
  function sheet(periods: string[], filled: number, tail: string[] = []) {
    const header: CellValue[] = ["KPI", ...periods, ...tail];
    const row = (name: string, base: number): CellValue[] => [
      name,
      ...periods.map((_, i) => (i < filled ? base + i : null)),
      ...tail.map(() => base * 100),
    ];
    return gridWith([header, row("Revenue", 10), row("Churn rate", 20), row("Backlog", 30)]);
  }

  test.each(MONTH_ROWS)("%s", (_lang, months) => {
    const filled = months.length - 1;
    const g = sheet(months, filled, ["Total"]);
    const t = detected(readRows(g));
    expect(t.metrics.map((m) => m.name)).toEqual(["Revenue", "Churn rate", "Backlog"]);
    expect(t.currentColumn).toBe(filled);
    const a = auditTable({ grid: g, table: t });
    expect(a.metrics[0].current).toBe(10 + filled - 1);
  });

  test("'Desember' is the current month, not November", () => {
    const months = MONTH_ROWS.find(([l]) => l === "Indonesian")![1];
    const g = sheet(months, 12, ["Jumlah", "Rata-rata"]);
    const t = detected(readRows(g));
    expect(t.currentColumn).toBe(12);
    expect(t.headers[12]).toBe("Desember");
  });

  test.each(AGGREGATES.map((a) => [a]))("a '%s' column after the months is never current", (agg) => {
    const g = sheet(["Jan", "Feb", "Mar", "Apr"], 3, [agg]);
    const t = detected(readRows(g));
    expect(t.currentColumn).toBe(3);
    const a = auditTable({ grid: g, table: t });
    expect(a.metrics.map((m) => m.current)).toEqual([12, 22, 32]);
  });

  test.each([
    [["Q1", "Q2", "Q3", "Q4"], 3],
    [["T1", "T2", "T3", "T4"], 2],
    [["1T", "2T", "3T", "4T"], 2],
    [["Q1 FY25", "Q2 FY25", "Q3 FY25", "Q4 FY25"], 4],
    [["Trim. 1", "Trim. 2", "Trim. 3", "Trim. 4"], 1],
  ])("quarters %j, %d filled, with a FY total after them", (qs, filled) => {
    const g = sheet(qs, filled, ["FY 2025"]);
    const t = detected(readRows(g));
    expect(t.currentColumn).toBe(filled);
  });

  test("quarters beside their months are totals: the latest month is current", () => {
    const g = sheet(["Jan", "Feb", "Mar", "Q1", "Apr", "May"], 6);
    const t = detected(readRows(g));
    expect(t.currentColumn).toBe(6);
    const g2 = sheet(["Jan", "Feb", "Mar", "Q1", "Apr", "May"], 4);
    expect(detected(readRows(g2)).currentColumn).toBe(3);
  });

  test("Portuguese 'set' and 'out' among months are months, and current when latest", () => {
    const g = sheet(["jul", "ago", "set", "out", "nov"], 4, ["Acumulado"]);
    const t = detected(readRows(g));
    expect(t.valueColumns).toEqual([1, 2, 3, 4, 5]);
    expect(t.currentColumn).toBe(4);
    expect(t.headers[4]).toBe("out");
  });

  test("'Set' in a row without months is no period", () => {
    const g = gridWith([
      ["KPI", "Set", "Actual"],
      ["Revenue", "A", 10],
      ["Costs", "B", 20],
    ]);
    const t = detected(readRows(g));
    expect(t.valueColumns).toEqual([2]);
    expect(t.currentColumn).toBe(2);
  });

  test("a Fact column beside a Plan column is the actual, the plan its target", () => {
    const g = gridWith([
      ["KPI", "Plan", "Fact"],
      ["Revenue", 100, 90],
      ["Costs", 50, 55],
    ]);
    const t = detected(readRows(g));
    expect(t.currentColumn).toBe(2);
    expect(t.metrics[0].target).toBe(100);
  });
});

describe("measures above the periods (Actual over Jan | Feb | Mar, Budget over them again)", () => {
  const merges = (spans: [number, number][]) => spans.map(([l, r]) => ({ top: 0, left: l, bottom: 0, right: r }));

  test("one title over all the months is a title, not a measure group", () => {
    const g = gridWith(
      [
        ["KPI", "Actual 2025", null, null],
        [null, "Jan", "Feb", "Mar"],
        ["Revenue", 10, 11, 12],
        ["Costs", 5, 6, null],
      ],
      { merges: merges([[1, 3]]) },
    );
    const t = detected(readRows(g));
    expect(t.headerRow).toBe(1);
    expect(t.valueColumns).toEqual([1, 2, 3]);
    expect(t.notes.join("\n")).not.toContain("Two-row header");
    expect(auditTable({ grid: g, table: t }).metrics.map((m) => m.current)).toEqual([12, 6]);
  });

  test("Budget before Actual, a Total in each group: the latest actual, never the total", () => {
    const g = gridWith(
      [
        ["Metric", "Budget", null, null, null, "Actual", null, null, null],
        [null, "Q1", "Q2", "Q3", "Total", "Q1", "Q2", "Q3", "Total"],
        ["Revenue", 100, 110, 120, 330, 95, 112, null, 207],
        ["Costs", 50, 50, 50, 150, 52, 49, 51, 152],
      ],
      {
        merges: merges([
          [1, 4],
          [5, 8],
        ]),
      },
    );
    const t = detected(readRows(g));
    expect(t.valueColumns).toEqual([5, 6, 7]);
    const a = auditTable({ grid: g, table: t });
    expect(a.metrics.map((m) => [m.name, m.current, m.currentPeriod, m.target ?? null])).toEqual([
      ["Revenue", 112, "Q2 Actual", 110],
      ["Costs", 51, "Q3 Actual", 50],
    ]);
  });

  test("without a group that is an actual, months stay plain periods", () => {
    const g = gridWith(
      [
        ["KPI", "Budget", null, null, "Forecast", null, null],
        [null, "Jan", "Feb", "Mar", "Jan", "Feb", "Mar"],
        ["Revenue", 10, 11, 12, 10, 12, 13],
      ],
      {
        merges: merges([
          [1, 3],
          [4, 6],
        ]),
      },
    );
    const t = detected(readRows(g));
    expect(t.notes.join("\n")).not.toContain("over periods");
  });
});

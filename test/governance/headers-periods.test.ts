/** Header words of real dashboards: periods with a measure, quarters, totals, units, directions, pivot captions. */
import {
  classifyHeader,
  isAggregateCaption,
  isIdLike,
  isPeriodText,
  isSectionWord,
  isStructureLabel,
  isTotalLabel,
  periodPart,
  periodRank,
} from "../../src/governance/headers";

describe("periodPart: the period in a header with Actual / Target words", () => {
  test.each([
    ["Q3 Actual", "Q3"],
    ["Q3 2024 Actual", "Q3 2024"],
    ["Mar 2024 Actual", "Mar 2024"],
    ["Actual Mar-24", "Mar-24"],
    ["Jan Target", "Jan"],
    ["Feb Budget", "Feb"],
    ["Déc. Réalisé", "Déc."],
    ["Dez Ist", "Dez"],
    ["Q1 Act", "Q1"],
    ["Jan", "Jan"],
    ["Q2", "Q2"],
  ])("%s → %s", (header, period) => {
    expect(periodPart(header)).toBe(period);
  });

  test.each([["Actual"], ["Target"], ["Actual ($M)"], ["Revenue"], ["Owner"], ["Monthly targets"], [""]])(
    "%s has no period",
    (header) => {
      expect(periodPart(header)).toBeNull();
    },
  );
});

describe("periodRank: months and quarters before totals", () => {
  test.each([
    ["Jan", 1],
    ["Desember", 1],
    ["2024-03", 1],
    ["W12", 1],
    ["Sprint 41", 1],
    ["Q3", 2],
    ["Q3 2024", 2],
    ["T2", 2],
    ["Trimestre 2", 2],
    ["3rd Quarter", 2],
    ["H1", 3],
    ["2024", 4],
    ["FY24", 4],
    ["FY 2024", 5],
    ["FY", 5],
    ["Full Year", 5],
    ["Annual", 5],
    ["YTD", 5],
  ])("%s → %d", (p, rank) => {
    expect(periodRank(p)).toBe(rank);
  });

  test("non-periods have no rank", () => {
    expect(periodRank("Revenue")).toBeNull();
    expect(periodRank("")).toBeNull();
  });
});

describe("quarters in other words", () => {
  test.each([
    ["Q1"],
    ["1Q"],
    ["T3"],
    ["Quarter 4"],
    ["Trimestre 1"],
    ["1er trimestre"],
    ["Quartal 2"],
    ["2. Quartal"],
    ["Q4 FY24"],
  ])("%s is a period", (q) => {
    expect(isPeriodText(q)).toBe(true);
    expect(classifyHeader(q, false).kind).toBe("period");
  });
});

describe("Actual and Target words in other languages", () => {
  test.each([["Réalisé"], ["Réel"], ["Ist"], ["Real"], ["Realizado"], ["Atual"], ["Consuntivo"], ["Werkelijk"]])(
    "%s is the current column",
    (w) => {
      expect(classifyHeader(w, false).kind).toBe("current");
    },
  );
  test.each([
    ["Objectif"],
    ["Cible"],
    ["Soll"],
    ["Meta"],
    ["Presupuesto"],
    ["Orçamento"],
    ["Obiettivo"],
    ["Prévision"],
  ])("%s is a reference column", (w) => {
    expect(classifyHeader(w, false).kind).toBe("reference");
  });
});

describe("Unit and Direction headers", () => {
  test.each([["Unit"], ["Units"], ["UoM"], ["Unit of measure"], ["Unité"], ["Einheit"], ["Unidad"]])(
    "%s is a unit column",
    (h) => {
      expect(classifyHeader(h, false).kind).toBe("unit");
    },
  );
  test.each([
    ["Direction"],
    ["Polarity"],
    ["Better"],
    ["Good if"],
    ["Desired direction"],
    ["Higher is better?"],
    ["Richtung"],
  ])("%s is a direction column", (h) => {
    expect(classifyHeader(h, false).kind).toBe("direction");
  });
});

describe("labels that are not metrics", () => {
  test.each([
    ["Total"],
    ["Grand Total"],
    ["Total Result"],
    ["Total general"],
    ["Gesamtergebnis"],
    ["Summe"],
    ["Totaal"],
  ])("%s is a total", (l) => {
    expect(isTotalLabel(l)).toBe(true);
  });
  test("'Total Revenue' is a metric, not a total", () => {
    expect(isTotalLabel("Total Revenue")).toBe(false);
  });
  test.each([["Sum of Profit"], ["Count of Orders"], ["Suma de Ventas"], ["Somme de CA"], ["Average of Score"]])(
    "%s is a pivot aggregate caption",
    (l) => {
      expect(isAggregateCaption(l)).toBe(true);
    },
  );
  test("'Summary of wins' is no aggregate caption", () => {
    expect(isAggregateCaption("Summary of wins")).toBe(false);
  });
  test.each([
    ["Row Labels"],
    ["Column Labels"],
    ["Etiquetas de fila"],
    ["Étiquettes de lignes"],
    ["Zeilenbeschriftungen"],
    ["Section"],
  ])("%s is a structure label", (l) => {
    expect(isStructureLabel(l)).toBe(true);
  });
  test.each([["HIGHLIGHTS"], ["Priorities"], ["NOTES:"], ["Next steps"], ["Risks"]])("%s heads a section", (l) => {
    expect(isSectionWord(l)).toBe(true);
  });
  test("'Issues' heads a section only without numbers beside it", () => {
    expect(isSectionWord("Issues", false)).toBe(true);
    expect(isSectionWord("Issues", true)).toBe(false);
    expect(isSectionWord("HIGHLIGHTS", true)).toBe(true);
  });
  test.each([["SUB-000123"], ["INV1234"], ["#4521"], ["123e4567-e89b-12d3-a456-426614174000"], ["2024-0001"]])(
    "%s is an id",
    (l) => {
      expect(isIdLike(l)).toBe(true);
    },
  );
  test.each([["Revenue"], ["NPS"], ["CO2 emissions"], ["Top 10 accounts"], ["Q3"]])("%s is no id", (l) => {
    expect(isIdLike(l)).toBe(false);
  });
});

/**
 * Direction from a metric's name for service, quality and operations measures the lexicon
 * missed (issue 13 follow-up): which way is bad for each, in English and in the French,
 * Spanish and German names a sheet may use. "above" = high is bad, "below" = low is bad.
 */
import { metricDirection } from "../../src/governance/lexicon";

const HIGH_IS_BAD: string[] = [
  // asked for by name
  "Refund rate",
  "Refunds",
  "Return rate",
  "Chargeback rate",
  "Defect rate",
  "Complaints",
  "Escalations",
  "Backlog",
  "Days sales outstanding",
  "DSO",
  "Time to fill",
  "Time to resolve",
  "Time to resolution",
  "First response time",
  "Time to first response",
  "Abandon rate",
  "Call abandon rate",
  // similar
  "Reopen rate",
  "Reopened tickets",
  "Rework rate",
  "No-show rate",
  "Dispute rate",
  "Rejection rate",
  "Unsubscribe rate",
  "Stockouts",
  "Out of stock rate",
  "Late deliveries",
  "Absence rate",
  "Sick days",
  "Injuries",
  "Lost time injury rate",
  "Accidents",
  "Near misses",
  "Customer effort score",
  "Non-compliance rate",
  "Mean time to repair",
  "Mean time to detect",
  "Time to market",
  "Recovery time",
  "Queue time",
  "Hold time",
  "Days to close",
  "Days inventory outstanding",
  "Cost of sales",
  "Cost of goods sold",
  "Cost of revenue",
  // French
  "Taux de remboursement",
  "Taux de retour",
  "Réclamations",
  "Plaintes clients",
  "Taux d'abandon",
  "Délai de résolution",
  "Temps de première réponse",
  "Taux de défauts",
  "Retards de livraison",
  "Coût des ventes",
  // Spanish
  "Tasa de devoluciones",
  "Tasa de abandono",
  "Quejas",
  "Reclamaciones",
  "Tiempo de resolución",
  "Tiempo de primera respuesta",
  "Tasa de defectos",
  "Costo de ventas",
  // German
  "Retourenquote",
  "Rücklaufquote",
  "Reklamationen",
  "Beschwerden",
  "Abbruchquote",
  "Lösungszeit",
  "Bearbeitungszeit",
  "Erstreaktionszeit",
  "Fehlerquote",
  "Rückstand",
  "Fluktuation",
  "Krankenstand",
];

const LOW_IS_BAD: string[] = [
  // asked for by name
  "Retention",
  "Customer retention rate",
  "Renewal rate",
  "Fill rate",
  "First contact resolution",
  "First call resolution",
  "FCR",
  "CSAT",
  "CSAT score",
  "On-time delivery",
  "On time delivery",
  "OTD",
  "OTIF",
  // similar
  "Service level",
  "SLA compliance",
  "Quota attainment",
  "Resolution rate",
  "Answer rate",
  "Collection rate",
  "Recovery rate",
  "Offer acceptance rate",
  "Pass rate",
  "Completion rate",
  "Quality score",
  "Availability",
  "Inventory turnover",
  "Inventory turns",
  "Asset turnover",
  "Return on investment",
  "Return on ad spend",
  "First pass yield",
  // French
  "Taux de rétention",
  "Fidélisation",
  "Taux de renouvellement",
  "Livraison à temps",
  "Taux de service",
  "Résolution au premier contact",
  "Chiffre d'affaires",
  "Marge brute",
  "Retour sur investissement",
  // Spanish
  "Retención",
  "Tasa de retención",
  "Tasa de renovación",
  "Satisfacción del cliente",
  "Entrega a tiempo",
  "Resolución en el primer contacto",
  "Nivel de servicio",
  "Ingresos",
  "Ventas netas",
  // German
  "Kundenbindung",
  "Kundenzufriedenheit",
  "Verlängerungsrate",
  "Liefertreue",
  "Termintreue",
  "Erstlösungsquote",
  "Servicegrad",
  "Umsatz",
];

describe("metric direction: service, quality and operations measures", () => {
  test.each(HIGH_IS_BAD)("%s: high is bad", (name) => {
    expect(metricDirection(name)).toBe("above");
  });

  test.each(LOW_IS_BAD)("%s: low is bad", (name) => {
    expect(metricDirection(name)).toBe("below");
  });

  test("the new entries keep what was right before", () => {
    // Staff turnover stays high-is-bad; a turnover of stock or assets is the other way.
    expect(metricDirection("Staff turnover")).toBe("above");
    expect(metricDirection("Stock turnover")).toBe("below");
    // Compliance is good, its absence bad; a return sent back is bad, a return earned good.
    expect(metricDirection("Compliance")).toBe("below");
    expect(metricDirection("Noncompliance")).toBe("above");
    expect(metricDirection("Returns")).toBe("above");
    expect(metricDirection("Return on equity")).toBe("below");
    // A qualifier still decides first; the numerator decides a ratio.
    expect(metricDirection("Lost renewals")).toBe("above");
    expect(metricDirection("Refunds to Revenue")).toBe("above");
    expect(metricDirection("Revenue per refund")).toBe("below");
  });

  test("names that say nothing about direction stay unknown", () => {
    // Paying suppliers later helps cash but strains them: the sheet or the person decides.
    for (const name of ["Days payable outstanding", "Headcount", "Average deal size"])
      expect(metricDirection(name)).toBeNull();
  });
});

/**
 * The words the judges know, as data in one place, and the few functions that match them.
 *
 * Matching is on words, never substrings: "Discount" does not contain "cost", "Allison"
 * does not contain "all". An entry is a phrase of words; a word ending in "*" matches any
 * word that starts with it ("escalat*" matches "escalate", "escalation"), and a lone "*"
 * matches any one word ("with * approval"). Hyphenated words stay one word ("co-founder").
 *
 * To extend a list, add the entry and nothing else: each list is covered by a table-driven
 * test that iterates it, so a new entry is tested the moment it is added.
 */
import type { Direction } from "./types";

// ---------------------------------------------------------------------------------------
// Owner

/** "TBD" and its kin: an answer not given yet, whichever question it answers. */
const NOT_DECIDED_YET: readonly string[] = [
  "tbd",
  "tbc",
  "tba",
  "to be decided",
  "to be determined",
  "to be confirmed",
];

/** Phrases that say nobody is known yet, anywhere in the answer ("TBD (maybe Dana)"). */
export const UNKNOWN_OWNER_WORDS: readonly string[] = [
  ...NOT_DECIDED_YET,
  "to be assigned",
  "n/a",
  "don't know",
  "dont know",
  "dunno",
  "not sure",
  "unsure",
  "unknown",
  "unassigned",
  "not assigned",
  "none",
  "nobody",
  "no one",
  "noone",
  "someone",
  "somebody",
  "anyone",
  "anybody",
  "whoever",
  "vacant",
  "open role",
  "to hire",
  "nil",
  "null",
];

/**
 * Whole answers that say nobody is known: too short to look for inside a name ("Li Na",
 * "Malcolm X"). Entries without letters also match repeated ("???", "--").
 */
export const UNKNOWN_OWNER_ANSWERS: readonly string[] = [
  "na",
  "x",
  "xx",
  "xxx",
  "?",
  "-",
  "–",
  "—",
  "…",
  "/",
  ".",
  "*",
  "#",
];

/**
 * Whole answers that point at whoever typed them ("me", "myself", "I"): the sheet cannot show
 * who that is, so the person must be asked and named.
 */
export const SELF_OWNER_ANSWERS: readonly string[] = ["me", "myself", "i", "mine", "yours truly"];

/** The longest Owner answer read: a name or one-seat role fits many times over in it. */
export const OWNER_MAX_CHARS = 200;

/**
 * One seat, held by one person. A role is one seat: "VP Sales" is one person even though
 * "Sales" is a department. Plurals ("managers", "VPs") are several people.
 */
export const SEAT_WORDS: readonly string[] = [
  "cfo",
  "coo",
  "cto",
  "cmo",
  "cro",
  "cpo",
  "cio",
  "ciso",
  "cso",
  "chro",
  "cco",
  "cdo",
  "cao",
  "chief",
  "vp",
  "svp",
  "evp",
  "avp",
  "president",
  "director",
  "head",
  "lead",
  "leader",
  "manager",
  "mgr",
  "gm",
  "owner",
  "dri",
  "chair",
  "chairman",
  "chairwoman",
  "chairperson",
  "officer",
  "controller",
  "comptroller",
  "treasurer",
  "principal",
  "partner",
  "captain",
  "coordinator",
  "specialist",
  "analyst",
  "engineer",
  "architect",
  "administrator",
  "supervisor",
  "executive",
  "rep",
  "representative",
  "associate",
  "consultant",
  "advisor",
  "adviser",
  "sponsor",
  "steward",
  "champion",
  "accountant",
  "counsel",
  "recruiter",
  "planner",
  "scientist",
  "designer",
  "developer",
  "member",
];

/** Plural seats that do not end in "s" ("chairmen"); plain "-s"/"-es" plurals are found by rule. */
export const IRREGULAR_PLURAL_SEATS: readonly string[] = ["chairmen", "chairwomen", "foremen", "staffers"];

/** The CEO: a sound owner, but the founder-CEO is the bottleneck (warning owner-founder). */
export const CEO_WORDS: readonly string[] = ["ceo", "chief executive"];

/**
 * Founder words: a sound owner with the owner-founder warning. A founder title beside one
 * role is one person ("Founder & CEO", "Co-founder / CTO").
 */
export const FOUNDER_WORDS: readonly string[] = ["founder", "co-founder", "cofounder", "owner-operator"];

/** Words that make the answer a team ("Sales team", "Office of the CEO"), plurals included. */
export const TEAM_WORDS: readonly string[] = [
  "team",
  "squad",
  "group",
  "crew",
  "staff",
  "committee",
  "board",
  "council",
  "office",
  "department",
  "dept",
  "function",
  "unit",
  "org",
  "organization",
  "organisation",
  "division",
  "pod",
  "tribe",
  "guild",
  "chapter",
  "taskforce",
  "task-force",
  "panel",
  "desk",
  "folks",
  "guys",
  "workstream",
];

/** Departments: alone ("Marketing", "Sales & Marketing") they are a group, not a person. */
export const DEPARTMENTS: readonly string[] = [
  "sales",
  "marketing",
  "finance",
  "engineering",
  "product",
  "ops",
  "operations",
  "hr",
  "people",
  "human resources",
  "cs",
  "customer success",
  "support",
  "customer service",
  "it",
  "legal",
  "leadership",
  "management",
  "exec",
  "execs",
  "growth",
  "revenue",
  "revops",
  "data",
  "analytics",
  "design",
  "procurement",
  "accounting",
  "compliance",
  "security",
  "risk",
  "supply chain",
  "logistics",
  "manufacturing",
  "quality",
  "qa",
  "r&d",
  "research and development",
  "partnerships",
  "bd",
  "business development",
  "infrastructure",
  "devops",
  "platform",
  "recruiting",
  "talent",
  "facilities",
  "admin",
  "purchasing",
  "treasury",
  "payroll",
  "brand",
  "communications",
  "comms",
  "pr",
  "demand gen",
  "strategy",
  "c-suite",
  "slt",
  "elt",
  "senior leadership",
];

/** Collectives: everyone owns it, so no one does ("We all do", "shared", "the company"). */
export const COLLECTIVE_WORDS: readonly string[] = [
  "we",
  "us",
  "everyone",
  "everybody",
  "all",
  "shared",
  "company",
  "together",
  "jointly",
  "joint",
  "collectively",
  "stakeholders",
  "consensus",
  "company-wide",
  "cross-functional",
  "ours",
];

/** Words with no bearing on who the owner is, ignored when telling a department from a name. */
export const OWNER_FILLER_WORDS: readonly string[] = [
  "the",
  "our",
  "my",
  "your",
  "their",
  "entire",
  "whole",
  "of",
  "do",
  "does",
  "own",
];

/** Separators between several owners: "Dana / Sam", "CTO and COO", "Dana Lee & Sam Ortiz". */
export const MULTI_OWNER_SEPARATORS: readonly string[] = ["/", "&", "+", ";", "|", "\\", "and", "or", "plus", "with"];

/**
 * Separators that may join one person to a qualifier ("Dana Lee, VP Sales", "Dana Lee
 * (Sales)"), but between two names still mean several people ("Dana, Sam").
 */
export const QUALIFIER_SEPARATORS: readonly string[] = [",", "(", ")", "[", "]", ":", " - ", " – ", " — "];

/** Words joined by a separator that are still one word ("P&L owner", "A/R"). */
export const JOINED_WORDS: readonly string[] = ["p&l", "m&a", "q&a", "a/b", "a/r", "a/p", "24/7", "profit and loss"];

// ---------------------------------------------------------------------------------------
// Lever

/** The lever needs someone else's approval. Ignored after a negation ("without asking the CEO"). */
export const ESCALATION_PHRASES: readonly string[] = [
  "escalat*",
  "check with",
  "check in with",
  "ask*",
  "approval*",
  "approved by",
  "once approved",
  "if approved",
  "sign-off*",
  "signoff*",
  "sign off",
  "signed off",
  "permission*",
  "go-ahead",
  "buy-in",
  "green light",
  "greenlight",
  "blessing",
  "ok from",
  "okay from",
  "run it by",
  "run by",
  "run past",
  "raise with",
  "raise to",
  "consult*",
  "loop in",
  "defer to",
  "refer to",
  "submit to",
  "bring to",
  "take to",
  "present to",
  "propose*",
  "recommend*",
  "suggest*",
  "wait for",
  "waits for",
  "await*",
  "decided by",
  "decision by",
  "depends on",
];

/** Words that cancel an escalation phrase right after them ("without asking", "no approval needed"). */
export const NEGATION_WORDS: readonly string[] = [
  "without",
  "no",
  "not",
  "never",
  "don't",
  "dont",
  "doesn't",
  "doesnt",
  "needn't",
];

/**
 * Whole Lever answers that are placeholders, not levers: a lever still missing ("TBD", "n/a",
 * "-", "?"). Entries without letters also match repeated ("--", "???").
 */
export const LEVER_PLACEHOLDER_ANSWERS: readonly string[] = [
  ...NOT_DECIDED_YET,
  "none",
  "none yet",
  "nothing",
  "nothing yet",
  "no lever",
  "no action",
  "n/a",
  "na",
  "nil",
  "null",
  "x",
  "-",
  "–",
  "—",
  "?",
  "…",
  ".",
  "*",
];

/** The longest Lever answer read: a pre-approved action is a sentence or two, not a page. */
export const LEVER_MAX_CHARS = 1000;

/** The longest Threshold answer read: one comparator and one number ("red if >= $10k"). */
export const THRESHOLD_MAX_CHARS = 200;

/** Commentary, not a decision: alone, the lever is vague ("monitor", "discuss at MBR"). */
export const COMMENTARY_PHRASES: readonly string[] = [
  "monitor*",
  "watch*",
  "track*",
  "review*",
  "discuss*",
  "investigat*",
  "look into",
  "look at",
  "dig into",
  "analy*",
  "align*",
  "flag*",
  "report*",
  "keep an eye",
  "follow up",
  "follow-up",
  "raise awareness",
  "observe",
  "assess*",
  "evaluat*",
  "understand",
  "check",
  "meet*",
  "sync",
  "huddle",
  "talk about",
  "talk to",
  "brainstorm*",
  "consider",
  "explore",
  "research",
  "measure",
  "revisit",
  "deep dive",
  "deep-dive",
  "root cause",
  "rca",
  "postmortem",
  "post-mortem",
  "retro",
  "plan*",
  "figure out",
  "think about",
  "pay attention",
  "be aware",
  "stay on top",
  "highlight",
  "inform",
  "notify",
  "communicate",
  "document",
  "note",
  "keep in mind",
  "agenda",
];

/** Action verbs that grant authority; one of them beside commentary keeps the lever sound. */
export const ACTION_WORDS: readonly string[] = [
  "authori*",
  "approve",
  "grant*",
  "offer*",
  "give",
  "refund*",
  "credit*",
  "discount*",
  "pause*",
  "stop*",
  "halt*",
  "freeze*",
  "unfreeze",
  "cut*",
  "reduce*",
  "lower",
  "increase*",
  "raise",
  "boost",
  "hire",
  "fire",
  "reassign*",
  "reallocat*",
  "shift",
  "move",
  "redirect*",
  "reprioriti*",
  "deprioriti*",
  "cancel*",
  "delay*",
  "postpone*",
  "roll back",
  "rollback",
  "revert*",
  "block*",
  "kill",
  "drop",
  "switch*",
  "replace",
  "spend",
  "invest",
  "buy",
  "purchase",
  "waive*",
  "extend*",
  "launch*",
  "ship",
  "deploy*",
  "suspend*",
  "close",
  "restart",
  "throttle*",
  "limit",
  "cap",
  "ban",
  "remove",
  "terminate",
  "renegotiate",
  "reprice",
  "adjust*",
  "allocate*",
  "assign*",
  "call",
  "contact",
  "pull",
  "run",
  "swap",
  "trigger",
  "enforce",
  "require",
  "restrict*",
  "veto",
  "override",
];

/** Currency symbols and codes that make a number an amount ("$10k", "€500", "500 EUR"). */
export const CURRENCY_SYMBOLS: readonly string[] = ["$", "€", "£", "¥", "₹", "chf"];
export const CURRENCY_WORDS: readonly string[] = ["usd", "eur", "gbp", "dollars", "euros", "pounds", "bucks"];

/** Magnitude suffixes: "$10k", "1.2M", "40bn" (value multipliers, also read in thresholds). */
export const MAGNITUDE_SUFFIXES: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/** Percentage markers: "20%", "20 percent", "5 pp". */
export const PERCENT_WORDS: readonly string[] = ["%", "percent", "per cent", "pct", "pp", "bps", "basis points"];

/** Units of time that bound a lever: "for 30 days", "for a week", "this quarter". */
export const DURATION_UNITS: readonly string[] = [
  "hour",
  "day",
  "business day",
  "working day",
  "week",
  "fortnight",
  "month",
  "quarter",
  "year",
  "sprint",
  "cycle",
  "season",
  "weekend",
];

/** Words for small counts: "hire two contractors", "for one quarter". */
export const NUMBER_WORDS: readonly string[] = [
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "a dozen",
  "single",
  "couple",
  "few",
];

/** Scope words that limit a lever: "up to", "max", "per customer", "within EMEA". */
export const SCOPE_PHRASES: readonly string[] = [
  "up to",
  "max*",
  "at most",
  "no more than",
  "not more than",
  "capped",
  "limited to",
  "per",
  "each",
  "within",
  "until",
  "through",
  "only",
  "once",
  "one-time",
  "one-off",
  "ceiling",
  "budget of",
  "for the rest of",
];

// ---------------------------------------------------------------------------------------
// Threshold

export interface ComparatorWord {
  /** The words, matched as a phrase; the longest matching entry wins ("at or above" over "above"). */
  phrase: string;
  direction: Direction;
  /** Whether reaching the value exactly already trips it. */
  inclusive: boolean;
}

/** Comparator symbols, longest first. */
export const COMPARATOR_SYMBOLS: readonly ComparatorWord[] = [
  { phrase: ">=", direction: "above", inclusive: true },
  { phrase: "=>", direction: "above", inclusive: true },
  { phrase: "≥", direction: "above", inclusive: true },
  { phrase: "⩾", direction: "above", inclusive: true },
  { phrase: "<=", direction: "below", inclusive: true },
  { phrase: "=<", direction: "below", inclusive: true },
  { phrase: "≤", direction: "below", inclusive: true },
  { phrase: "⩽", direction: "below", inclusive: true },
  { phrase: ">", direction: "above", inclusive: false },
  { phrase: "<", direction: "below", inclusive: false },
];

/** Comparator words before the number ("above 3%", "drops to 40"). */
export const COMPARATOR_WORDS: readonly ComparatorWord[] = [
  { phrase: "above", direction: "above", inclusive: false },
  { phrase: "over", direction: "above", inclusive: false },
  { phrase: "more than", direction: "above", inclusive: false },
  { phrase: "greater than", direction: "above", inclusive: false },
  { phrase: "higher than", direction: "above", inclusive: false },
  { phrase: "exceeds", direction: "above", inclusive: false },
  { phrase: "exceed", direction: "above", inclusive: false },
  { phrase: "exceeding", direction: "above", inclusive: false },
  { phrase: "beyond", direction: "above", inclusive: false },
  { phrase: "past", direction: "above", inclusive: false },
  { phrase: "north of", direction: "above", inclusive: false },
  { phrase: "tops", direction: "above", inclusive: false },
  { phrase: "hits", direction: "above", inclusive: true },
  { phrase: "hit", direction: "above", inclusive: true },
  { phrase: "reaches", direction: "above", inclusive: true },
  { phrase: "reach", direction: "above", inclusive: true },
  { phrase: "rises to", direction: "above", inclusive: true },
  { phrase: "climbs to", direction: "above", inclusive: true },
  { phrase: "at or above", direction: "above", inclusive: true },
  { phrase: "at or over", direction: "above", inclusive: true },
  { phrase: "at least", direction: "above", inclusive: true },
  { phrase: "below", direction: "below", inclusive: false },
  { phrase: "under", direction: "below", inclusive: false },
  { phrase: "less than", direction: "below", inclusive: false },
  { phrase: "lower than", direction: "below", inclusive: false },
  { phrase: "fewer than", direction: "below", inclusive: false },
  { phrase: "south of", direction: "below", inclusive: false },
  { phrase: "sub", direction: "below", inclusive: false },
  { phrase: "drops to", direction: "below", inclusive: true },
  { phrase: "drop to", direction: "below", inclusive: true },
  { phrase: "falls to", direction: "below", inclusive: true },
  { phrase: "fall to", direction: "below", inclusive: true },
  { phrase: "dips to", direction: "below", inclusive: true },
  { phrase: "at or below", direction: "below", inclusive: true },
  { phrase: "at or under", direction: "below", inclusive: true },
  { phrase: "at most", direction: "below", inclusive: true },
];

/** Comparator words after the number ("3% or more", "40 or less"). */
export const TRAILING_COMPARATOR_WORDS: readonly ComparatorWord[] = [
  { phrase: "or more", direction: "above", inclusive: true },
  { phrase: "or higher", direction: "above", inclusive: true },
  { phrase: "or above", direction: "above", inclusive: true },
  { phrase: "or greater", direction: "above", inclusive: true },
  { phrase: "and above", direction: "above", inclusive: true },
  { phrase: "and up", direction: "above", inclusive: true },
  { phrase: "plus", direction: "above", inclusive: true },
  { phrase: "or less", direction: "below", inclusive: true },
  { phrase: "or lower", direction: "below", inclusive: true },
  { phrase: "or below", direction: "below", inclusive: true },
  { phrase: "or fewer", direction: "below", inclusive: true },
  { phrase: "and below", direction: "below", inclusive: true },
  { phrase: "and under", direction: "below", inclusive: true },
  { phrase: "+", direction: "above", inclusive: true },
];

/** Words that judge without a number ("high", "when it looks bad", "too high"): the threshold is vague. */
export const VAGUE_THRESHOLD_WORDS: readonly string[] = [
  "high",
  "higher",
  "low",
  "lower",
  "bad",
  "worse",
  "poor",
  "significant*",
  "spike*",
  "drop*",
  "tbd",
  "tbc",
  "unknown",
  "red",
  "concerning",
  "worrying",
  "off track",
  "off-track",
  "unusual",
  "abnormal",
  "big",
  "large",
  "trend*",
  "gut",
  "feel*",
  "depends",
  "case by case",
  "judgement",
  "judgment",
];

/** References that make a number relative, not a trigger ("10% below target", "5% MoM"). */
export const RELATIVE_REFERENCES: readonly string[] = [
  "target",
  "plan",
  "budget",
  "forecast",
  "goal",
  "baseline",
  "benchmark",
  "average",
  "avg",
  "last month",
  "last quarter",
  "last year",
  "prior",
  "previous",
  "ly",
  "py",
];

/** Words right after a number that make it a change, not a level ("5% MoM", "20% drop"). */
export const RELATIVE_CHANGE_WORDS: readonly string[] = [
  "mom",
  "qoq",
  "yoy",
  "wow",
  "drop",
  "decline",
  "increase",
  "rise",
  "jump",
  "fall",
  "change",
  "swing",
  "spike",
  "growth",
];

/** Words right before a number that make it a change, not a level ("down 10%", "drops by 5%"). */
export const RELATIVE_CHANGE_PREFIXES: readonly string[] = [
  "down",
  "up",
  "by",
  "drop of",
  "decline of",
  "increase of",
  "change of",
  "swing of",
];

/** Words between a number and a reference that make it relative ("10% below target"). */
export const RELATIVE_CONNECTORS: readonly string[] = [
  "above",
  "below",
  "over",
  "under",
  "of",
  "vs",
  "versus",
  "from",
  "than",
  "to",
  "on",
];

/** Words that open a range: "between 2% and 3%" is a band, not one trigger. */
export const RANGE_WORDS: readonly string[] = ["between", "range", "from", "band", "outside", "inside"];

/** The RAG colour that marks the emergency value in "amber > 2%, red > 3%". */
export const EMERGENCY_MARKERS: readonly string[] = ["red", "emergency", "critical", "alarm", "alert"];

// ---------------------------------------------------------------------------------------
// Direction from a metric's name

/** Metrics where a high value is bad: a bare threshold triggers above. */
export const HIGH_IS_BAD: readonly string[] = [
  "churn",
  "cac",
  "cost",
  "burn",
  "bug",
  "defect",
  "cycle time",
  "lead time",
  "response time",
  "resolution time",
  "handle time",
  "wait time",
  "time to hire",
  "time to close",
  "time to resolve",
  "sales cycle",
  "dso",
  "days sales outstanding",
  "escalation",
  "attrition",
  "turnover",
  "downtime",
  "incident",
  "complaint",
  "backlog",
  "expense",
  "overtime",
  "latency",
  "error",
  "outage",
  "return",
  "chargeback",
  "bad debt",
  "arrears",
  "delinquency",
  "absenteeism",
  "ticket",
  "cpl",
  "cpa",
  "cpc",
  "payback",
  "bounce",
  "abandonment",
  "cancellation",
  "write-off",
  "shrinkage",
  "scrap",
  "waste",
  "vacancy",
  "loss",
  "fraud",
  "opex",
  "mttr",
  "debt",
  "overdue",
  "delay",
  "spend",
  "discount rate",
  "efficiency ratio",
  // Service, quality and operations measures where less is better.
  "refund",
  "abandon",
  "reopen",
  "reopened",
  "rework",
  "no-show",
  "dispute",
  "rejection",
  "unsubscribe",
  "stockout",
  "out of stock",
  "late",
  "absence",
  "sick days",
  "injury",
  "injuries",
  "accident",
  "near miss",
  "customer effort",
  "non-compliance",
  "noncompliance",
  "time to fill",
  "time to resolution",
  "time to first response",
  "time to repair",
  "time to detect",
  "time to recover",
  "time to market",
  "recovery time",
  "queue time",
  "hold time",
  "days to close",
  "days inventory outstanding",
  // A cost of what is sold is a cost, whatever it is a cost of.
  "cost of sales",
  "cost of revenue",
  "cost of goods",
  // French, Spanish and German names of the same (accents kept: names are matched as written).
  "remboursement",
  "taux de retour",
  "réclamation",
  "plainte",
  "taux d'abandon",
  "délai de résolution",
  "temps de résolution",
  "temps de réponse",
  "délai de réponse",
  "première réponse",
  "arriéré",
  "coût des ventes",
  "défaut",
  "retard",
  "devolución",
  "devoluciones",
  "abandono",
  "queja",
  "reclamación",
  "reclamaciones",
  "tiempo de resolución",
  "tiempo de respuesta",
  "primera respuesta",
  "costo de ventas",
  "coste de ventas",
  "defecto",
  "retraso",
  "atraso",
  "retourenquote",
  "rücklaufquote",
  "reklamation",
  "reklamationen",
  "beschwerde",
  "beschwerden",
  "abbruchquote",
  "abbruchrate",
  "lösungszeit",
  "bearbeitungszeit",
  "reaktionszeit",
  "erstreaktionszeit",
  "fehlerquote",
  "rückstand",
  "fluktuation",
  "krankenstand",
];

/** Qualifiers that make any metric high-is-bad ("Churned MRR", "Lost deals"), whatever it counts. */
/** Words that make a count of things a count of work done: "Tickets resolved", "Closed deals". */
export const DONE_WORDS: readonly string[] = [
  "resolved",
  "closed",
  "fixed",
  "completed",
  "shipped",
  "delivered",
  "answered",
  "solved",
  "handled",
  "won",
  "resueltos",
  "cerrados",
  "résolus",
  "fermés",
  "erledigt",
  "gelöst",
];

/** First words that make the rest of a name a loss: "Churn MRR" is the MRR churned. */
export const LEADING_LOSS_WORDS: readonly string[] = ["churn", "attrition", "abwanderung"];

export const HIGH_IS_BAD_QUALIFIERS: readonly string[] = [
  "churned",
  "lost",
  "lapsed",
  "cancelled",
  "canceled",
  "failed",
  "unpaid",
  "wasted",
  "missed",
  "rejected",
  "abandoned",
  "refunded",
];

/** Metrics where a low value is bad: a bare threshold triggers below. */
export const LOW_IS_BAD: readonly string[] = [
  "revenue",
  "mrr",
  "arr",
  "nrr",
  "grr",
  "nps",
  "enps",
  "margin",
  "conversion",
  "retention",
  "win rate",
  "cash",
  "csat",
  "ltv",
  "velocity",
  "sales",
  "profit",
  "roe",
  "roi",
  "roa",
  "roas",
  "roic",
  "uptime",
  "booking",
  "pipeline",
  "gmv",
  "ebitda",
  "income",
  "throughput",
  "utilization",
  "utilisation",
  "occupancy",
  "on-time",
  "adoption",
  "activation",
  "engagement",
  "dau",
  "mau",
  "wau",
  "signup",
  "sign-up",
  "leads",
  "mql",
  "sql",
  "runway",
  "yield",
  "aov",
  "arpu",
  "arpa",
  "acv",
  "renewal",
  "expansion",
  "upsell",
  "satisfaction",
  "productivity",
  "accuracy",
  "liquidity",
  "order",
  "subscriber",
  "traffic",
  "ctr",
  "open rate",
  "market share",
  "eps",
  "coverage",
  "attendance",
  // Service, quality and operations measures where more is better.
  "fill rate",
  "first contact resolution",
  "first call resolution",
  "fcr",
  "otd",
  "otif",
  "service level",
  "compliance",
  "attainment",
  "resolution rate",
  "answer rate",
  "collection rate",
  "recovery rate",
  "acceptance rate",
  "pass rate",
  "completion rate",
  "quality score",
  "availability",
  "inventory turnover",
  "inventory turns",
  "stock turnover",
  "asset turnover",
  // "Return on investment" is a return earned, not goods sent back.
  "return on",
  "return on ad spend",
  // French, Spanish and German names of the same.
  "rétention",
  "fidélisation",
  "renouvellement",
  "livraison à temps",
  "taux de service",
  "résolution au premier contact",
  "chiffre d'affaires",
  "retour sur investissement",
  "marge",
  "retención",
  "renovación",
  "satisfacción",
  "entrega a tiempo",
  "resolución en el primer contacto",
  "nivel de servicio",
  "ingresos",
  "ventas",
  "kundenbindung",
  "kundenzufriedenheit",
  "zufriedenheit",
  "verlängerungsrate",
  "liefertreue",
  "termintreue",
  "erstlösungsquote",
  "servicegrad",
  "umsatz",
];

/** Words that split a ratio's name: the numerator decides ("Cost to Income", "LTV:CAC"). */
export const RATIO_SEPARATORS: readonly string[] = ["to", "per", "/", ":", "vs", "versus", "over", "divided"];

// ---------------------------------------------------------------------------------------
// Matching

type WordMatcher = { kind: "any" } | { kind: "prefix"; text: string } | { kind: "exact"; text: string };

const TOKEN = /[\p{L}\p{N}_]+(?:['-][\p{L}\p{N}_]+)*/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One regex alternation of a word list, longest entries first, spaces matching any run. */
export function alternation(list: readonly string[]): string {
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((e) => escapeRegExp(e).replace(/ /g, "\\s+"))
    .join("|");
}

let joinedPattern: RegExp | null = null;

/** Every lexicon entry that contains a separator, kept as one word when matching. */
function joinedRegExp(): RegExp {
  if (joinedPattern !== null) return joinedPattern;
  const all = [
    ...JOINED_WORDS,
    ...UNKNOWN_OWNER_WORDS,
    ...UNKNOWN_OWNER_ANSWERS,
    ...LEVER_PLACEHOLDER_ANSWERS,
    ...DEPARTMENTS,
    ...TEAM_WORDS,
    ...COLLECTIVE_WORDS,
  ];
  const joined = all.filter(
    (e) => HAS_WORD.test(e) && /[\p{L}\p{N}](?:&|\/|\+|\s+(?:and|or|plus)\s+)[\p{L}\p{N}]/u.test(e),
  );
  const sorted = [...new Set(joined.map((e) => e.toLowerCase()))].sort((a, b) => b.length - a.length);
  joinedPattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return joinedPattern;
}

/**
 * Lower case, compatibility forms folded, curly quotes straightened, whitespace collapsed,
 * and entries such as "R&D" or "n/a" joined into one word ("r_d") so no separator splits them.
 */
export function normalizeText(text: string): string {
  // Most answers and names are plain ASCII: skip the Unicode folding they do not need.
  const folded = PRINTABLE_ASCII.test(text)
    ? text.toLowerCase()
    : text
        .normalize("NFKC")
        .toLowerCase()
        .replace(/[\u2018\u2019\u02bc]/g, "'")
        .replace(/[\u201c\u201d]/g, '"');
  const spaced = folded.replace(/\s+/g, " ").trim();
  // Only text with a separator can hold a joined entry ("R&D", "n/a", "P and L").
  if (!MAY_JOIN.test(spaced)) return spaced;
  return spaced.replace(joinedRegExp(), (m) => m.replace(/\s*(&|\/|\+)\s*|\s+/g, "_"));
}

/** Text already trimmed and on one line with single spaces: nothing to tidy. */
const SINGLE_SPACED = /^(?:\S+(?: \S+)*)?$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const MAY_JOIN = /[&/+]| (?:and|or|plus) /;

/** The words of a text, normalized; a possessive "'s" is dropped ("CEO's team" → ceo, team). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of normalizeText(text).matchAll(TOKEN)) out.push(m[0].replace(/'s$/, ""));
  return out;
}

const compiled = new Map<string, WordMatcher[]>();

function compile(entry: string): WordMatcher[] {
  const hit = compiled.get(entry);
  if (hit !== undefined) return hit;
  const matchers: WordMatcher[] = [];
  for (const piece of normalizeText(entry).split(" ")) {
    if (piece === "*") {
      matchers.push({ kind: "any" });
      continue;
    }
    const prefix = piece.endsWith("*");
    const ws = words(prefix ? piece.slice(0, -1) : piece);
    ws.forEach((w, i) =>
      matchers.push(prefix && i === ws.length - 1 ? { kind: "prefix", text: w } : { kind: "exact", text: w }),
    );
  }
  compiled.set(entry, matchers);
  return matchers;
}

function wordMatches(m: WordMatcher, word: string): boolean {
  if (m.kind === "any") return true;
  if (m.kind === "prefix") return word.startsWith(m.text);
  return word === m.text;
}

export interface PhraseMatch {
  entry: string;
  /** Index of the first matched word. */
  start: number;
  /** Index after the last matched word. */
  end: number;
}

/** Where `entry` occurs in `ws` (the result of `words`), every occurrence, left to right. */
export function findPhrase(ws: readonly string[], entry: string): PhraseMatch[] {
  const ms = compile(entry);
  const out: PhraseMatch[] = [];
  if (ms.length === 0) return out;
  for (let i = 0; i + ms.length <= ws.length; i++) {
    if (ms.every((m, j) => wordMatches(m, ws[i + j]))) out.push({ entry, start: i, end: i + ms.length });
  }
  return out;
}

/** Every occurrence of every entry of `list` in `ws`. */
export function findAny(ws: readonly string[], list: readonly string[]): PhraseMatch[] {
  return list.flatMap((e) => findPhrase(ws, e)).sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether `text` contains the phrase `entry`, on whole words. */
export function hasPhrase(text: string, entry: string): boolean {
  return findPhrase(words(text), entry).length > 0;
}

/** Whether an entry is made of punctuation only ("?", "-"), matched against the whole answer. */
export function isSymbolEntry(entry: string): boolean {
  return !HAS_WORD.test(entry);
}

/** Whether the whole answer is a symbol entry, once or repeated ("???" for "?"). */
export function isSymbolAnswer(answer: string, entry: string): boolean {
  const compact = answer.replace(/\s+/g, "");
  if (compact === "" || entry === "") return false;
  return compact.split(entry).every((s) => s === "");
}

/**
 * Whether the whole answer is one entry of `list` (on words: "N/A.", "tbd" and "TBD!" are "tbd"),
 * or, for an entry without letters, that symbol once or repeated ("???").
 */
export function isWholeAnswer(answer: string, list: readonly string[]): boolean {
  const whole = words(answer).join(" ");
  return list.some((e) => (isSymbolEntry(e) ? isSymbolAnswer(answer, e) : whole === words(e).join(" ")));
}

/**
 * Whether a cell holds a template's placeholder, text left for someone to replace:
 * "<Enter Owners & Contributors>", "[Owner name]". It answers nothing, and an answer the
 * person gives goes in its place.
 */
export function isTemplatePlaceholder(text: string): boolean {
  return /^<[^<>]*>$|^\[[^[\]]*\]$/.test(text.trim());
}

/** A length for a message: 32,767 characters. */
export function characterCount(text: string): string {
  return `${text.length.toLocaleString("en-US")} characters`;
}

/** A word list entry matches a word ("team" matches "teams"): the word, or it with -s / -es. */
export function isWordOrPlural(word: string, entry: string): boolean {
  return word === entry || word === `${entry}s` || word === `${entry}es`;
}

/** The answer as it is quoted in a message: trimmed, on one line, cut with … past 60 characters. */
export function quoteAnswer(answer: string): string {
  if (answer.length <= 60 && SINGLE_SPACED.test(answer)) return answer;
  const oneLine = answer.replace(/\s+/g, " ").trim();
  const chars = Array.from(oneLine);
  return chars.length > 60 ? `${chars.slice(0, 59).join("").trimEnd()}…` : oneLine;
}

// ---------------------------------------------------------------------------------------
// Direction

/** Words of a metric name, split at hyphens and ratio signs ("Cost-to-Income", "LTV:CAC" → ltv, :, cac). */
function metricWords(name: string): string[] {
  if (PRINTABLE_ASCII.test(name)) {
    const lower = name.toLowerCase();
    // Printable ASCII has no whitespace but the space: " and " is there with runs of spaces
    // collapsed exactly when it is there without.
    if (!MAY_JOIN.test(lower)) return asciiMetricWords(lower);
  }
  const normal = normalizeText(name);
  // The same tokens either way; the ASCII pattern is several times faster on plain names.
  const token = PRINTABLE_ASCII.test(normal) ? ASCII_METRIC_TOKEN : METRIC_TOKEN;
  token.lastIndex = 0;
  const spaced = normal.replace(/[/:÷]/g, (s) => ` ${s === "÷" ? "/" : s} `).replace(/-/g, " ");
  const out: string[] = [];
  for (let m = token.exec(spaced); m !== null; m = token.exec(spaced)) {
    const w = m[0];
    out.push(w.endsWith("'s") ? w.slice(0, -2) : w);
  }
  return out;
}

/**
 * The same tokens as the patterns below, for plain lower-case ASCII without joined entries,
 * in one scan: metric names are read once per metric on sheets of 100,000 rows.
 */
function asciiMetricWords(lower: string): string[] {
  const out: string[] = [];
  let start = -1;
  const isWord = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
  const flush = (end: number) => {
    if (start < 0) return;
    const w = lower.slice(start, end);
    out.push(w.endsWith("'s") ? w.slice(0, -2) : w);
    start = -1;
  };
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isWord(c)) {
      if (start < 0) start = i;
    } else if (c === 39 && start >= 0 && i + 1 < lower.length && isWord(lower.charCodeAt(i + 1))) {
      // an apostrophe inside a word ("o'brien", "ceo's") belongs to it
    } else {
      flush(i);
      if (c === 47 || c === 58) out.push(lower[i]);
    }
  }
  flush(lower.length);
  return out;
}

const METRIC_TOKEN = /[/:]|[\p{L}\p{N}_]+(?:'[\p{L}\p{N}_]+)*/gu;
const ASCII_METRIC_TOKEN = /[/:]|[A-Za-z0-9_]+(?:'[A-Za-z0-9_]+)*/g;

interface DirectionHit {
  direction: Direction;
  start: number;
  end: number;
}

interface DirectionEntry {
  parts: string[];
  direction: Direction;
}

let directionIndex: Map<string, DirectionEntry[]> | null = null;

/**
 * Direction entries keyed by the word a match starts with; a one-word entry is also keyed by
 * its plurals ("bug" → bug, bugs, buges), since the last word of an entry may be plural.
 * Built once, so a name is matched in one pass over its words, not once per entry.
 */
function directionEntries(): Map<string, DirectionEntry[]> {
  if (directionIndex !== null) return directionIndex;
  const index = new Map<string, DirectionEntry[]>();
  const add = (key: string, e: DirectionEntry) => index.set(key, [...(index.get(key) ?? []), e]);
  for (const [list, direction] of [
    [HIGH_IS_BAD, "above"],
    [LOW_IS_BAD, "below"],
  ] as const) {
    for (const entry of list) {
      const parts = normalizeText(entry).split(/[\s-]+/);
      const e = { parts, direction };
      if (parts.length === 1) for (const k of [parts[0], `${parts[0]}s`, `${parts[0]}es`]) add(k, e);
      else add(parts[0], e);
    }
  }
  directionIndex = index;
  return index;
}

function directionHits(ws: readonly string[]): DirectionHit[] {
  const index = directionEntries();
  const hits: DirectionHit[] = [];
  for (let i = 0; i < ws.length; i++) {
    const entries = index.get(ws[i]);
    if (entries === undefined) continue;
    for (const { parts, direction } of entries) {
      if (i + parts.length > ws.length) continue;
      const ok = parts.every(
        (p, j) => j === 0 || (j === parts.length - 1 ? isWordOrPlural(ws[i + j], p) : ws[i + j] === p),
      );
      if (ok) hits.push({ direction, start: i, end: i + parts.length });
    }
  }
  return hits;
}

/**
 * The direction that is BAD for a metric, from its name: "above" when high is bad (Churn,
 * CAC), "below" when low is bad (MRR, NPS), null when the name does not tell.
 *
 * A qualifier such as "Churned" or "Lost" decides first ("Churned MRR" is high-is-bad). In a
 * ratio the numerator decides ("Cost to Income", "Revenue per Employee", "LTV:CAC"). Else the
 * last-named thing is the head noun ("Sales cycle time" is a time, "Net Revenue Retention" a
 * retention); at the same end the longer phrase wins ("Days Sales Outstanding").
 */
export function metricDirection(metricName: string): Direction | null {
  // The audit asks twice for a metric without a threshold (the example in its message, then
  // its direction): the last name's answer is kept. Names are unique on a big sheet, so a
  // larger cache would only churn.
  if (metricName === lastDirectionName) return lastDirection;
  const direction = directionOfName(metricName);
  lastDirectionName = metricName;
  lastDirection = direction;
  return direction;
}

let lastDirectionName: string | null = null;
let lastDirection: Direction | null = null;
let qualifierSet: ReadonlySet<string> | null = null;
let separatorSet: ReadonlySet<string> | null = null;

function directionOfName(metricName: string): Direction | null {
  const ws = metricWords(metricName);
  const qualifiers = (qualifierSet ??= new Set(HIGH_IS_BAD_QUALIFIERS));
  for (const w of ws) if (qualifiers.has(w)) return "above";
  // A name that opens with "Churn" counts what was churned ("Churn ARR ($)", "Churn customers"):
  // the loss, high-is-bad, whatever it is a loss of.
  if (ws.length > 1 && LEADING_LOSS_WORDS.includes(ws[0])) return "above";
  // A count of work done is throughput, low-is-bad, whatever the work is ("Tickets resolved",
  // "Closed tickets", "Bugs fixed"); "Fixed costs" are costs, so "fixed" counts only last.
  if (ws.length > 1 && (DONE_WORDS.includes(ws[ws.length - 1]) || (ws[0] !== "fixed" && DONE_WORDS.includes(ws[0]))))
    return "below";
  const hits = directionHits(ws);
  if (hits.length === 0) return null;
  const separators = (separatorSet ??= new Set(RATIO_SEPARATORS));
  const sep = ws.findIndex((w, i) => i > 0 && separators.has(w));
  const numerator = sep < 0 ? hits : hits.filter((h) => h.end <= sep);
  const pool = numerator.length > 0 ? numerator : hits;
  const best = pool.reduce((a, b) => (b.end > a.end || (b.end === a.end && b.start < a.start) ? b : a));
  return best.direction;
}

/**
 * What a sheet's Direction cell says, as the direction that is BAD: "Lower is better", "↓",
 * "Down is good", "Minimize" → "above" (trips when it goes above); "Higher is better", "↑",
 * "Maximize" → "below". Null when the cell does not say ("", "n/a", "Target").
 */
export const LOWER_IS_BETTER_PHRASES: readonly string[] = [
  "lower is better",
  "lower better",
  "lower",
  "low",
  "less is better",
  "smaller is better",
  "down is good",
  "down is better",
  "down",
  "decrease",
  "decreasing",
  "reduce",
  "minimize",
  "minimise",
  "min",
  "↓",
  "⬇",
  "▼",
  "plus bas est mieux",
  "baisse",
  "à la baisse",
  "minimiser",
  "niedriger ist besser",
  "weniger ist besser",
  "minimieren",
  "menor es mejor",
  "menor é melhor",
  "menor e melhor",
  "minimizar",
  "più basso è meglio",
  "lager is beter",
];
export const HIGHER_IS_BETTER_PHRASES: readonly string[] = [
  "higher is better",
  "higher better",
  "higher",
  "high",
  "more is better",
  "bigger is better",
  "larger is better",
  "up is good",
  "up is better",
  "up",
  "increase",
  "increasing",
  "maximize",
  "maximise",
  "max",
  "↑",
  "⬆",
  "▲",
  "plus haut est mieux",
  "hausse",
  "à la hausse",
  "maximiser",
  "höher ist besser",
  "mehr ist besser",
  "maximieren",
  "mayor es mejor",
  "maior é melhor",
  "maior e melhor",
  "maximizar",
  "più alto è meglio",
  "hoger is beter",
];
const LOWER_SET = new Set(LOWER_IS_BETTER_PHRASES);
const HIGHER_SET = new Set(HIGHER_IS_BETTER_PHRASES);

export function directionFromText(text: string): Direction | null {
  const t = text
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/[.!:;]+$/, "")
    .replace(/\s+/g, " ");
  if (t === "") return null;
  if (LOWER_SET.has(t)) return "above";
  if (HIGHER_SET.has(t)) return "below";
  // "Lower is better (days)", "↓ lower is better": a known phrase at either end.
  for (const p of LOWER_IS_BETTER_PHRASES)
    if (p.length > 3 && (t.startsWith(`${p} `) || t.endsWith(` ${p}`) || t.startsWith(`${p} (`))) return "above";
  for (const p of HIGHER_IS_BETTER_PHRASES)
    if (p.length > 3 && (t.startsWith(`${p} `) || t.endsWith(` ${p}`) || t.startsWith(`${p} (`))) return "below";
  if (/^[↓⬇▼]/.test(t)) return "above";
  if (/^[↑⬆▲]/.test(t)) return "below";
  return null;
}

/**
 * The unit a sheet states, as a short label: a Unit cell ("%", "days", "$", "pts") or the
 * bracketed unit of a header ("Churn (%)" → "%", "Revenue ($M)" → "$M", "Cycle time (days)"
 * → "days"). Null when there is none or it reads as words rather than a unit.
 */
const BRACKETED_UNIT_RE =
  /^(?:[%‰#x]|[$€£¥₹]\s?(?:k|m|mm|mn|bn|b|000s?)?|(?:usd|eur|gbp|chf|inr|jpy|aud|cad)\s?(?:k|m|mm|mn|bn|000s?)?|k|mm|mn|bn|000s?|thousands?|millions?|billions?|days?|hrs?|hours?|mins?|minutes?|secs?|seconds?|ms|weeks?|months?|years?|pts?|points?|bps|pp|percent|fte|units?|jours|tage|días|dias|heures|stunden|horas)$/i;

/**
 * A unit written after a metric's name without brackets: a symbol ("Satisfaction %",
 * "Customers #", "Revenue per call $"), a scale ("Sales 000s") or a unit after a dash
 * ("Average handling time - mins"). Words that may be part of the name ("Debtor Days") are not.
 */
export function trailingUnitLabel(name: string): string | null {
  const t = name.trim();
  // Both shapes end in a symbol, "000s" or a short word after a dash: most names have no dash
  // and end in a letter, and need no pattern.
  const last = t.charCodeAt(t.length - 1);
  if (!(last === 115 /* s */ || last === 48 /* 0 */ || SYMBOL_END.test(t)) && !DASH.test(t)) return null;
  const symbol = /\S\s+([%#$€£¥₹‰]|000s|'000s?)$/u.exec(t);
  if (symbol) return symbol[1];
  const dashed = /\S\s+[-–—]\s+([^\s\-–—]{1,8})$/u.exec(t);
  if (dashed && BRACKETED_UNIT_RE.test(dashed[1])) return dashed[1];
  return null;
}

const SYMBOL_END = /[%#$€£¥₹‰]$/u;
const DASH = /[-–—]/;

export function unitLabelFrom(text: string, bracketed: boolean): string | null {
  let t = text.trim();
  if (bracketed) {
    // The unit is in a bracket at the end: a text that does not end in one has none.
    const end = t.charCodeAt(t.length - 1);
    if (end !== 41 /* ) */ && end !== 93 /* ] */) return null;
    // In a name or header a bracket often holds an acronym ("Return on Equity (ROE)"): only
    // units people put there count.
    const m = /[([]\s*([^()[\]]{1,12}?)\s*[)\]]\s*$/.exec(t);
    if (!m || !BRACKETED_UNIT_RE.test(m[1].trim())) return null;
    t = m[1].trim();
  }
  if (t === "" || t.length > 12) return null;
  if (/^(?:n\/?a|-|—|–|none|tbd)$/i.test(t)) return null;
  // A unit is a symbol or a short word or two: "%", "$M", "days", "hrs", "# of tickets" is too long.
  if (!/^[%$€£¥₹#‰a-zA-Z\u00C0-\u024F/ .]+$/.test(t)) return null;
  if (t.split(/\s+/).length > 2) return null;
  return t;
}

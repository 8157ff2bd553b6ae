import { createHash } from "node:crypto";
import {
  fileKey,
  forgetAnswers,
  keepAnswers,
  loadKept,
  markPlacematSeen,
  placematSeen,
  savedCount,
} from "../../src/taskpane/persistence";

/** A localStorage over a Map; `full` makes setItem throw as a full (or private) store does. */
function storage(full = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => {
      if (full) throw new Error("QuotaExceededError");
      items.set(k, v);
    },
  };
}

afterEach(() => {
  delete (globalThis as { localStorage?: Storage }).localStorage;
});

test("a file's key is the SHA-256 of its bytes", async () => {
  const bytes = new TextEncoder().encode("PK workbook bytes");
  expect(await fileKey(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
});

test("answers are kept per file and sheet, read back, and forgotten on Start over", () => {
  (globalThis as { localStorage?: Storage }).localStorage = storage();
  expect(loadKept("abc")).toBeNull();
  const saved = { answers: { churn: { owner: "Dana Lee" } }, replace: { "lead quality": { owner: true as const } } };
  expect(keepAnswers("abc", "kpis.xlsx", "Dashboard", saved, new Date("2026-12-01T10:00:00Z"))).toBe(true);
  keepAnswers("abc", "kpis.xlsx", "Q4", { answers: {}, replace: {} });
  const kept = loadKept("abc")!;
  expect(kept.name).toBe("kpis.xlsx");
  expect(kept.sheets.Dashboard).toEqual(saved);
  expect(savedCount(kept.sheets.Dashboard)).toBe(1);
  expect(savedCount(kept.sheets.Q4)).toBe(0);
  expect(loadKept("another file")).toBeNull();
  forgetAnswers("abc");
  expect(loadKept("abc")).toBeNull();
});

test("what cannot be read is treated as nothing kept", () => {
  const store = storage();
  (globalThis as { localStorage?: Storage }).localStorage = store;
  store.setItem("decision-map:answers:abc", "{not json");
  expect(loadKept("abc")).toBeNull();
  store.setItem("decision-map:answers:abc", JSON.stringify({ sheets: { Dashboard: { answers: 3 } } }));
  expect(loadKept("abc")).toBeNull();
});

test("no storage, or a full one: nothing is kept and nothing throws", () => {
  expect(keepAnswers("abc", "kpis.xlsx", "Dashboard", { answers: { churn: { owner: "x" } }, replace: {} })).toBe(false);
  expect(loadKept("abc")).toBeNull();
  expect(placematSeen()).toBe(false);
  (globalThis as { localStorage?: Storage }).localStorage = storage(true);
  expect(keepAnswers("abc", "kpis.xlsx", "Dashboard", { answers: { churn: { owner: "x" } }, replace: {} })).toBe(false);
  markPlacematSeen();
  expect(placematSeen()).toBe(false);
});

test("the placemat, once dismissed, stays dismissed", () => {
  (globalThis as { localStorage?: Storage }).localStorage = storage();
  expect(placematSeen()).toBe(false);
  markPlacematSeen();
  expect(placematSeen()).toBe(true);
});

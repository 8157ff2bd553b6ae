/**
 * What the pane keeps on this computer, never uploaded: the answers a person saved for a file
 * (keyed by a SHA-256 of the file's bytes, so the same workbook reopened offers "Resume"), and
 * whether they have seen the first-run placemat. Storage that is missing or full (a private
 * window, a locked-down Office frame) only means nothing is kept: the pane still works.
 */
import type { Answers } from "../governance";
import type { Replacements } from "./metricQuestions/MetricQuestions.types";

/** Answers the person saved in the pane, per metric key (`metricKey(name)`), with the sheet cells they chose to replace. */
export interface SavedAnswers {
  answers: Record<string, Partial<Answers>>;
  replace: Record<string, Replacements>;
}

/** What is kept for one file: its saved answers per sheet, and when they were last saved. */
export interface KeptFile {
  name: string;
  savedAt: string;
  sheets: Record<string, SavedAnswers>;
}

const PREFIX = "decision-map:answers:";
const PLACEMAT_KEY = "decision-map:placemat-seen";

export function emptySaved(): SavedAnswers {
  return { answers: {}, replace: {} };
}

/** How many metrics have an answer kept. */
export function savedCount(saved: SavedAnswers | undefined): number {
  return saved ? Object.keys(saved.answers).length : 0;
}

/** The hex SHA-256 of a file's bytes: the same workbook gives the same key, nothing about it leaves the browser. */
export async function fileKey(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Some frames throw on the mere access to localStorage.
    return null;
  }
}

function isSaved(v: unknown): v is SavedAnswers {
  if (typeof v !== "object" || v === null) return false;
  const s = v as SavedAnswers;
  return typeof s.answers === "object" && s.answers !== null && typeof s.replace === "object" && s.replace !== null;
}

/** The answers kept for a file, or null (none kept, or what is kept cannot be read). */
export function loadKept(key: string): KeptFile | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as KeptFile;
    if (typeof parsed !== "object" || parsed === null || typeof parsed.sheets !== "object") return null;
    const sheets = Object.fromEntries(Object.entries(parsed.sheets).filter(([, s]) => isSaved(s)));
    if (Object.values(sheets).every((s) => savedCount(s) === 0)) return null;
    return { name: String(parsed.name ?? ""), savedAt: String(parsed.savedAt ?? ""), sheets };
  } catch {
    return null;
  }
}

/** Keeps a sheet's answers for a file. Returns false when the browser would not store them. */
export function keepAnswers(key: string, name: string, sheet: string, saved: SavedAnswers, now = new Date()): boolean {
  const store = storage();
  if (!store) return false;
  const kept = loadKept(key) ?? { name, savedAt: "", sheets: {} };
  const next: KeptFile = { name, savedAt: now.toISOString(), sheets: { ...kept.sheets, [sheet]: saved } };
  try {
    store.setItem(PREFIX + key, JSON.stringify(next));
    return true;
  } catch {
    return false;
  }
}

/** Forgets what is kept for a file ("Start over"). */
export function forgetAnswers(key: string): void {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // Nothing kept, nothing to forget.
  }
}

export function placematSeen(): boolean {
  try {
    return storage()?.getItem(PLACEMAT_KEY) === "1";
  } catch {
    return false;
  }
}

export function markPlacematSeen(): void {
  try {
    storage()?.setItem(PLACEMAT_KEY, "1");
  } catch {
    // Not kept: the placemat shows again next time, which does no harm.
  }
}

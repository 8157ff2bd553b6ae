/** Where the shared corpus is, or null with a visible note when this checkout has none. */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";

/** ../shared beside the project root (this file is test/xlsx/corpus.ts). */
export const SHARED_DIR = path.resolve(__dirname, "../../../shared");
export const CORPUS_DIR = path.join(SHARED_DIR, "corpus");

/** The corpus folder, or null (with a warning, so a skipped suite is seen) when it is absent. */
export function corpusDir(): string | null {
  if (existsSync(CORPUS_DIR)) return CORPUS_DIR;
  console.warn("../shared/corpus not found: corpus tests skipped");
  return null;
}

/** The corpus workbooks' file names, sorted; [] when the corpus is absent. */
export function corpusFiles(): string[] {
  const dir = corpusDir();
  return dir === null
    ? []
    : readdirSync(dir)
        .filter((f) => f.endsWith(".xlsx"))
        .sort();
}

/** Where the shared corpus is, or null with a visible note when this checkout has none. */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";

export const CORPUS_DIR = path.resolve(__dirname, "../../../shared/corpus");

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) {
    console.warn(`${CORPUS_DIR} not found: corpus tests skipped`);
    return [];
  }
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".xlsx")).sort();
}

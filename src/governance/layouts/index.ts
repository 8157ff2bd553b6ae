/**
 * The layout readers other than rows (rows.ts is the reader every sheet is tried with first,
 * and the one whose refusal is given when nothing reads). Order breaks ties in confidence.
 */
import { blocksReader } from "./blocks";
import { columnsReader } from "./columns";
import { longReader } from "./long";
import { pivotReader } from "./pivot";
import { tablesReader } from "./tables";
import type { LayoutReader } from "./types";

export type { LayoutReader } from "./types";

export const LAYOUT_READERS: readonly LayoutReader[] = [
  pivotReader,
  columnsReader,
  blocksReader,
  longReader,
  tablesReader,
];

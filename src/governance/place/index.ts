/** The placer for each orientation: a new layout adds its own file and one line here. */
import type { Orientation } from "../types";
import { placeBlocks } from "./blocks";
import { placeColumns } from "./columns";
import { placeRows } from "./rows";
import type { Placer } from "./types";

export type { Placement, Placer, Slots } from "./types";

const PLACERS: Record<Orientation, Placer | null> = {
  rows: placeRows,
  // A long export is one metric per row too: its governance goes on each row.
  long: placeRows,
  columns: placeColumns,
  blocks: placeBlocks,
};

/** The placer for a table's orientation, or null when its governance can only go on the Decision Map sheet. */
export function placerFor(orientation: Orientation | undefined): Placer | null {
  return PLACERS[orientation ?? "rows"];
}

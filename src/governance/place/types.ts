/**
 * Where a layout puts its governance: one placer per orientation, each turning an audit into
 * the cells that will hold each metric's answers and verdict, the header cells and columns it
 * creates, and the highlight rules. What goes into those cells is decided once, in plan.ts,
 * for every layout alike.
 */
import type { Grid } from "../grid";
import type { Audit, CellRef, GovernanceKind, PlannedCell, PlannedColumn, PlannedRule } from "../types";

/** The four cells of one metric's governance. */
export type Slots = Record<GovernanceKind, CellRef>;

export type Placement =
  | {
      ok: true;
      /** The columns holding governance: reused ones (created: false) and new ones. */
      columns: PlannedColumn[];
      /** Header or label cells the placement writes (the "Owner" header of a new column). */
      headers: PlannedCell[];
      /** Per metric, in `audit.metrics` order, the cells of its answers and verdict. */
      slots: Slots[];
      /**
       * Cells already holding a verdict of ours that may be rewritten (the Governance cells
       * of an earlier run); every other slot cell must be empty or replaced by the person.
       */
      ours: (cell: CellRef) => boolean;
      rules: PlannedRule[];
      /**
       * Cells of ours from an earlier run to empty (a long export's verdicts on rows that are
       * no longer a metric's current row, after a new period's rows arrived). Only cells the
       * placer has checked hold our verdict text and no formula.
       */
      clear?: CellRef[];
    }
  | { ok: false; code: "no-room"; message: string };

/** A layout's placement: pure, deterministic, and never into a cell that holds anything. */
export type Placer = (grid: Grid, audit: Audit) => Placement;

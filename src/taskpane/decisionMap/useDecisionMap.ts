/** The pane's state: read → detect → audit; answers written through the host; errors for the person. */
import * as React from "react";
import {
  auditTable,
  columnLetter,
  delegationOwners,
  delegationText,
  detectKpiTable,
  metricKey,
  parseRange,
  planWrite,
  quoteSheetName,
  type Answers,
  type Audit,
  type ExternalAnswers,
  type Grid,
  type MetricAudit,
} from "../../governance";
import type { DecisionMapProps, DecisionMapState, MetricFilter } from "./DecisionMap.types";
import { STATUS_BADGE } from "./DecisionMap.types";

interface Sheet {
  grid: Grid;
  audit: Audit;
  /** Why writing would be refused before any write, or null. */
  conflict: string | null;
}

/** How long after a person's last edit the Governance cells are brought up to date. */
export const FOLLOW_DELAY_MS = 400;
/** Edits reported this soon after the pane's own write are its own (hosts that cannot tell). */
const OWN_WRITE_QUIET_MS = 1500;

/** Whether an edit at `address` ("Dashboard!F7:F9") touches the audited table's rows, other than the Governance column alone. */
export function editConcernsTable(audit: Audit, address: string): boolean {
  const range = parseRange(address.slice(address.lastIndexOf("!") + 1));
  if (!range) return false;
  const t = audit.table;
  if (range.bottom < t.firstRow || range.top > t.lastRow) return false;
  const gov = t.governance.governance;
  return !(gov !== null && range.left === gov && range.right === gov);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** "3 metrics in Dashboard!A2:A4, current values in C (Dec)". */
export function describeDetection(audit: Audit): string {
  const t = audit.table;
  const col = columnLetter(t.metricColumn);
  const where = `${quoteSheetName(t.sheetName)}!${col}${t.firstRow + 1}:${col}${t.lastRow + 1}`;
  const current =
    t.currentColumn === null
      ? ", no current-value column found"
      : `, current values in ${columnLetter(t.currentColumn)} (${t.headers[t.currentColumn] || "no header"})`;
  const n = audit.summary.metrics;
  return `${n} ${n === 1 ? "metric" : "metrics"} in ${where}${current}`;
}

function matches(m: MetricAudit, filter: MetricFilter): boolean {
  if (filter === "all") return true;
  if (filter === "red") return m.breached === true;
  return m.status === filter;
}

/** The next metric after `row` (wrapping round) that is not decision-ready, other than `row` itself. */
function nextToAsk(audit: Audit, row: number): MetricAudit | null {
  const open = audit.metrics.filter((m) => m.status !== "decision-ready" && m.row !== row);
  return open.find((m) => m.row > row) ?? open[0] ?? null;
}

export function useDecisionMap({ host }: DecisionMapProps): DecisionMapState {
  const [sheet, setSheet] = React.useState<Sheet | null>(null);
  const [status, setStatus] = React.useState<DecisionMapState["status"]>("loading");
  const [fromSelection, setFromSelection] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [filter, setFilter] = React.useState<MetricFilter>("all");
  const [selectedRow, setSelectedRow] = React.useState<number | null>(null);
  // Writes re-read the same range the audit came from; a ref so a save never uses a stale choice.
  const selectionRef = React.useRef(false);
  // Columns the pane wrote right of a selection: a re-read must see them, or the answers just
  // written would look missing.
  const writtenUpToRef = React.useRef(-1);
  const sheetRef = React.useRef<Sheet | null>(null);
  // After the questions close, the focus goes back to the metric they were for.
  const listRef = React.useRef<HTMLUListElement>(null);
  const lastOpenRef = React.useRef<number | null>(null);
  // When the pane last wrote, to tell its own writes from a person's edits.
  const ownWriteAtRef = React.useRef(0);
  const [confirmingRemove, setConfirmingRemove] = React.useState(false);

  /** Reads and audits; returns the fresh sheet, or null after setting the error. */
  const readAndAudit = React.useCallback(
    async (selection: boolean): Promise<Sheet | null> => {
      try {
        const read = await host.read(selection ? { selection: true } : undefined);
        const selected = selection ? parseRange(read.address.slice(read.address.lastIndexOf("!") + 1)) : null;
        const within = selected && { ...selected, right: Math.max(selected.right, writtenUpToRef.current) };
        const detected = detectKpiTable(read.grid, within ? { within } : {});
        if (!detected.ok) {
          setError(detected.message);
          return null;
        }
        const next = {
          grid: read.grid,
          audit: auditTable({ grid: read.grid, table: detected.table }),
          conflict: read.conflict ?? null,
        };
        sheetRef.current = next;
        selectionRef.current = selection;
        setSheet(next);
        setFromSelection(selection);
        setStatus("ready");
        return next;
      } catch (e) {
        setError(message(e));
        return null;
      }
    },
    [host],
  );

  const reload = React.useCallback(
    async (options?: { selection?: boolean }) => {
      setBusy(true);
      setNotice(null);
      writtenUpToRef.current = -1;
      const fresh = await readAndAudit(options?.selection === true);
      if (fresh) {
        setError(null);
        setSelectedRow(null);
      } else if (!sheetRef.current) {
        setStatus("failed");
      }
      setBusy(false);
    },
    [readAndAudit],
  );

  React.useEffect(() => {
    void reload();
  }, [reload]);

  /** Audits with `answers` added, plans the write, applies it and re-reads. Null when nothing was written. */
  const write = React.useCallback(
    async (answers: ExternalAnswers): Promise<Sheet | null> => {
      const current = sheetRef.current;
      if (!current) return null;
      if (current.conflict) {
        setError(current.conflict);
        return null;
      }
      setBusy(true);
      setNotice(null);
      try {
        const audit = auditTable({ grid: current.grid, table: current.audit.table, answers, answersSource: "ask" });
        const planned = planWrite(current.grid, audit);
        if (!planned.ok) {
          setError(planned.message);
          return null;
        }
        ownWriteAtRef.current = Date.now();
        await host.apply(planned.plan);
        ownWriteAtRef.current = Date.now();
        for (const c of planned.plan.columns) writtenUpToRef.current = Math.max(writtenUpToRef.current, c.col);
        setError(null);
        return await readAndAudit(selectionRef.current);
      } catch (e) {
        setError(message(e));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [host, readAndAudit],
  );

  const audit = sheet?.audit ?? null;
  const selected = audit?.metrics.find((m) => m.row === selectedRow) ?? null;

  React.useEffect(() => {
    if (selectedRow !== null) {
      lastOpenRef.current = selectedRow;
      return;
    }
    const row = lastOpenRef.current;
    lastOpenRef.current = null;
    if (row === null) return;
    const list = listRef.current;
    (list?.querySelector<HTMLElement>(`[data-row="${row}"]`) ?? list?.querySelector<HTMLElement>("button"))?.focus();
  }, [selectedRow]);

  const saveAndNext = React.useCallback(
    async (answers: Partial<Answers>) => {
      if (!selected) return;
      const fresh = await write(new Map([[metricKey(selected.name), answers]]));
      if (!fresh) return;
      const saved = fresh.audit.metrics.find((m) => m.row === selected.row);
      const next = nextToAsk(fresh.audit, selected.row);
      setSelectedRow(next ? next.row : null);
      const verdict = saved ? `Saved ${saved.name}: ${STATUS_BADGE[saved.status].label.toLowerCase()}.` : "Saved.";
      setNotice(next ? `${verdict} Next: ${next.name}.` : `${verdict} No metric is left to answer.`);
    },
    [selected, write],
  );

  const writeGovernance = React.useCallback(async () => {
    const fresh = await write(new Map());
    if (fresh) setNotice(`Governance written to ${quoteSheetName(fresh.audit.table.sheetName)}.`);
  }, [write]);

  const copyDelegation = React.useCallback(
    async (owner: string) => {
      const current = sheetRef.current;
      if (!current) return;
      try {
        await host.copy(delegationText(current.audit, owner));
        setNotice(`Copied ${owner}'s delegation.`);
      } catch (e) {
        setError(message(e));
      }
    },
    [host],
  );

  const removeGovernance = React.useCallback(async () => {
    const current = sheetRef.current;
    setConfirmingRemove(false);
    if (!current || !host.remove) return;
    setBusy(true);
    setNotice(null);
    try {
      ownWriteAtRef.current = Date.now();
      const said = await host.remove(current.audit.table.sheetName);
      ownWriteAtRef.current = Date.now();
      setError(null);
      writtenUpToRef.current = -1;
      const fresh = await readAndAudit(selectionRef.current);
      if (fresh) setSelectedRow(null);
      setNotice(said);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  }, [host, readAndAudit]);

  // Governance follows the sheet: once governance is written, a person's edit to the table
  // (an owner typed in a cell, a new month's value) brings the Governance cells up to date.
  const sheetName = audit?.table.sheetName ?? null;
  const hasGovernance = audit !== null && audit.table.governance.governance !== null;
  const following = hasGovernance && host.watch !== undefined;
  React.useEffect(() => {
    if (!following || sheetName === null || !host.watch) return;
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void host
      .watch(sheetName, (address) => {
        const current = sheetRef.current;
        if (!current || Date.now() - ownWriteAtRef.current < OWN_WRITE_QUIET_MS) return;
        if (!editConcernsTable(current.audit, address)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          void (async () => {
            // Read first: the edit is in the sheet, not in the pane's copy of it.
            const fresh = await readAndAudit(selectionRef.current);
            if (!fresh || fresh.audit.table.governance.governance === null) return;
            const updated = await write(new Map());
            if (updated) setNotice(`Governance updated after your edit to ${address}.`);
          })();
        }, FOLLOW_DELAY_MS);
      })
      .then((s) => {
        if (cancelled) void s();
        else stop = s;
      })
      .catch(() => {
        // Not being able to follow edits is not an error the person can act on: the button still works.
      });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (stop) void stop();
    };
  }, [following, sheetName, host, readAndAudit, write]);

  const owners = audit ? delegationOwners(audit) : [];
  return {
    status,
    grid: sheet?.grid ?? null,
    audit,
    fromSelection,
    canUseSelection: host.kind === "excel",
    detected: audit ? describeDetection(audit) : "",
    error,
    notice,
    busy,
    filter,
    visibleMetrics: audit ? audit.metrics.filter((m) => matches(m, filter)) : [],
    selected,
    knownOwners: owners,
    delegationOwners: owners,
    listRef,
    setFilter,
    select: (row) => {
      setNotice(null);
      setSelectedRow(row);
    },
    reload,
    saveAndNext,
    writeGovernance,
    hasGovernance,
    canRemove: host.remove !== undefined,
    confirmingRemove,
    askRemove: setConfirmingRemove,
    removeGovernance,
    following,
    copyDelegation,
    dismissError: () => setError(null),
  };
}

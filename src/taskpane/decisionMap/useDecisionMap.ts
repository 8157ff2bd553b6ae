/** The pane's state: read → detect → audit; answers written through the host; errors for the person. */
import * as React from "react";
import {
  cellAddress,
  cellAt,
  columnLetter,
  decide,
  delegationOwners,
  metricKey,
  numberFormatAt,
  parseRange,
  quoteSheetName,
  type Answers,
  type Audit,
  type ExternalAnswers,
  type Grid,
  type MetricAudit,
} from "../../governance";
import { shortReasonsText, shortWarningsText } from "../../governance/audit";
import { formatCellValue, isDateFormat } from "../../governance/format";
import type { AnswerField, Replacements } from "../metricQuestions/MetricQuestions.types";
import { markPlacematSeen, placematSeen, type SavedAnswers } from "../persistence";
import type { DecisionMapProps, DecisionMapState, MetricFilter, MetricRowView, View } from "./DecisionMap.types";
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

/** A header as its cell shows it: a month header holding 44896 as "Dec 2022". */
export function headerText(grid: Grid | null, audit: Audit, col: number): string {
  const t = audit.table;
  const v = grid ? cellAt(grid, t.headerRow, col) : null;
  if (grid && typeof v === "number" && isDateFormat(numberFormatAt(grid, t.headerRow, col)))
    return formatCellValue(v, numberFormatAt(grid, t.headerRow, col));
  return t.headers[col] ?? "";
}

/** "3 metrics in Dashboard!A2:A4, current values in C (Dec)". */
export function describeDetection(audit: Audit, grid: Grid | null = null): string {
  const t = audit.table;
  const col = columnLetter(t.metricColumn);
  const where = `${quoteSheetName(t.sheetName)}!${col}${t.firstRow + 1}:${col}${t.lastRow + 1}`;
  const current =
    t.currentColumn === null
      ? ", no current-value column found"
      : `, current values in ${columnLetter(t.currentColumn)} (${headerText(grid, audit, t.currentColumn) || "no header"})`;
  const n = audit.summary.metrics;
  return `${n} ${n === 1 ? "metric" : "metrics"} in ${where}${current}`;
}

function matches(m: MetricAudit, filter: MetricFilter): boolean {
  if (filter === "all") return true;
  if (filter === "red") return m.breached === true;
  return m.status === filter;
}

/** The next metric after `row` that is not decision-ready; null at the end (the Done summary follows). */
export function nextToAsk(audit: Audit, row: number): MetricAudit | null {
  return audit.metrics.find((m) => m.row > row && m.status !== "decision-ready") ?? null;
}

/** A metric's current value as its cell shows it ("3.4%", "$227,100"), or null. */
export function currentText(grid: Grid | null, m: MetricAudit): string | null {
  if (m.current === null) return null;
  const format = grid && m.currentColumn !== null ? numberFormatAt(grid, m.row, m.currentColumn) : undefined;
  return formatCellValue(m.current, format, m.unit);
}

/** "Dana Lee · 3.4% vs > 3% · red now": who, where it stands, why, for one row of the list. */
export function metricWhy(grid: Grid | null, m: MetricAudit): string {
  const owner = m.answers.owner.trim() || "no owner";
  const now = currentText(grid, m);
  const threshold = m.answers.threshold.trim();
  const standing = threshold ? `${now ?? "no value"} vs ${threshold}` : (now ?? "no value");
  const why = [shortReasonsText(m), shortWarningsText(m)].filter(Boolean).join("; ") || "ready";
  return [owner, standing, why].join(" · ");
}

/** Outside Excel there is no selection and no header-row option: say what can be done here. */
export function fileAdvice(message: string): string {
  return message.replace(
    /Choose another sheet, (?:select the table, or give its header row|or select the table and run again)\.?$/,
    "Choose another sheet in the Sheet list above.",
  );
}

function toMap<T>(record: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(record));
}

export function useDecisionMap({ host, resume, onAnswersSaved, finish }: DecisionMapProps): DecisionMapState {
  const [sheet, setSheet] = React.useState<Sheet | null>(null);
  const [status, setStatus] = React.useState<DecisionMapState["status"]>("loading");
  const [fromSelection, setFromSelection] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [filter, setFilter] = React.useState<MetricFilter>("all");
  const [view, setView] = React.useState<View>("list");
  const [selectedRow, setSelectedRow] = React.useState<number | null>(null);
  const [delegationOwner, setDelegationOwner] = React.useState<string | null>(null);
  const [showPlacemat, setShowPlacemat] = React.useState(() => !placematSeen());
  // Writes re-read the same range the audit came from; a ref so a save never uses a stale choice.
  const selectionRef = React.useRef(false);
  // Columns the pane wrote right of a selection: a re-read must see them, or the answers just
  // written would look missing.
  const writtenUpToRef = React.useRef(-1);
  const sheetRef = React.useRef<Sheet | null>(null);
  // After the questions close, the focus goes back to the metric they were for.
  const listRef = React.useRef<HTMLUListElement>(null);
  const focusRef = React.useRef<HTMLElement>(null);
  const lastOpenRef = React.useRef<number | null>(null);
  // When the pane last wrote, to tell its own writes from a person's edits.
  const ownWriteAtRef = React.useRef(0);
  const [confirmingRemove, setConfirmingRemove] = React.useState(false);
  // Every answer saved in this pane, and the sheet cells the person confirmed to replace,
  // per metric key: passed to every audit, kept on this computer by the workbench.
  const savedRef = React.useRef<SavedAnswers>({
    answers: { ...(resume?.answers ?? {}) },
    replace: { ...(resume?.replace ?? {}) },
  });
  const resumeRef = React.useRef(resume);

  /** Reads and audits; returns the fresh sheet, or null after setting the error. */
  const readAndAudit = React.useCallback(
    async (selection: boolean): Promise<Sheet | null> => {
      try {
        const read = await host.read(selection ? { selection: true } : undefined);
        const selected = selection ? parseRange(read.address.slice(read.address.lastIndexOf("!") + 1)) : null;
        const within = selected && { ...selected, right: Math.max(selected.right, writtenUpToRef.current) };
        const decided = decide({
          grid: read.grid,
          hints: within ? { within } : {},
          replace: toMap(savedRef.current.replace),
          plan: false,
        });
        if (!decided.ok) {
          setError(host.kind === "file" ? fileAdvice(decided.message) : decided.message);
          return null;
        }
        const next = { grid: read.grid, audit: decided.audit, conflict: read.conflict ?? null };
        sheetRef.current = next;
        selectionRef.current = selection;
        // What the host could not read (merged areas past Excel's limit): said, not hidden.
        if (read.notes && read.notes.length > 0) setNotice(read.notes.join(" "));
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
        const decided = decide({
          grid: current.grid,
          table: current.audit.table,
          answers,
          answersSource: "ask",
          replace: toMap(savedRef.current.replace),
        });
        const planned = decided.ok ? decided.plan! : decided;
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

  const reload = React.useCallback(
    async (options?: { selection?: boolean }) => {
      setBusy(true);
      setNotice(null);
      writtenUpToRef.current = -1;
      const fresh = await readAndAudit(options?.selection === true);
      if (fresh) {
        setError(null);
        setSelectedRow(null);
        setView("list");
      } else if (!sheetRef.current) {
        setStatus("failed");
      }
      setBusy(false);
      // Answers kept from an earlier session go back into this copy of the file, once.
      const kept = resumeRef.current;
      resumeRef.current = undefined;
      if (fresh && kept && Object.keys(kept.answers).length > 0) {
        const written = await write(toMap(kept.answers));
        if (written) {
          const n = Object.keys(kept.answers).length;
          setNotice(`Resumed: the answers you saved for ${n} ${n === 1 ? "metric" : "metrics"} are back.`);
        }
      }
    },
    [readAndAudit, write],
  );

  React.useEffect(() => {
    void reload();
  }, [reload]);

  const audit = sheet?.audit ?? null;
  const grid = sheet?.grid ?? null;
  const selected = view === "metric" ? (audit?.metrics.find((m) => m.row === selectedRow) ?? null) : null;

  // Focus follows the view: the questions focus their own first field; the list gives the
  // focus back to the metric that was open; other views focus their first element.
  React.useEffect(() => {
    if (view === "metric") {
      lastOpenRef.current = selectedRow;
      return;
    }
    const row = lastOpenRef.current;
    lastOpenRef.current = null;
    if (view === "list" && row !== null) {
      const list = listRef.current;
      const item =
        list?.querySelector<HTMLElement>(`[data-row="${row}"]`) ?? list?.querySelector<HTMLElement>("button");
      if (item) {
        item.focus();
        return;
      }
    }
    focusRef.current?.focus();
  }, [view, selectedRow]);

  // When the sheet is first read, the focus goes to where the work starts (not the page body).
  const ready = status === "ready";
  React.useEffect(() => {
    if (ready) focusRef.current?.focus();
  }, [ready]);

  const openMetric = React.useCallback((row: number | null) => {
    if (row === null) {
      setView("list");
      return;
    }
    setSelectedRow(row);
    setView("metric");
  }, []);

  const dismissPlacemat = React.useCallback(() => {
    markPlacematSeen();
    setShowPlacemat(false);
  }, []);

  const nextUnanswered = React.useCallback(() => {
    const current = sheetRef.current;
    if (!current) return;
    dismissPlacemat();
    setNotice(null);
    const first = current.audit.metrics.find((m) => m.status !== "decision-ready");
    if (first) openMetric(first.row);
    else setView("done");
  }, [dismissPlacemat, openMetric]);

  const moveOn = React.useCallback(
    (from: number, fresh: Audit) => {
      const next = nextToAsk(fresh, from);
      if (next) openMetric(next.row);
      else setView("done");
      return next;
    },
    [openMetric],
  );

  const saveAndNext = React.useCallback(
    async (answers: Partial<Answers>, replace: Replacements = {}) => {
      if (!selected) return;
      const key = metricKey(selected.name);
      if (Object.keys(answers).length === 0) {
        moveOn(selected.row, sheetRef.current?.audit ?? (audit as Audit));
        return;
      }
      const saved = savedRef.current;
      const previousReplace = saved.replace[key];
      if (Object.keys(replace).length > 0) saved.replace[key] = { ...previousReplace, ...replace };
      const fresh = await write(new Map([[key, answers]]));
      if (!fresh) {
        // Nothing written: the confirmation stands only for a write that happened.
        if (previousReplace) saved.replace[key] = previousReplace;
        else delete saved.replace[key];
        return;
      }
      saved.answers[key] = { ...saved.answers[key], ...answers };
      onAnswersSaved?.({ answers: { ...saved.answers }, replace: { ...saved.replace } });
      const after = fresh.audit.metrics.find((m) => m.row === selected.row);
      const next = moveOn(selected.row, fresh.audit);
      const verdict = after ? `Saved ${after.name}: ${STATUS_BADGE[after.status].label.toLowerCase()}` : "Saved";
      const why = after && after.status !== "decision-ready" ? ` (${shortReasonsText(after)})` : "";
      setNotice(next ? `${verdict}${why}. Next: ${next.name}.` : `${verdict}${why}.`);
    },
    [selected, write, moveOn, audit, onAnswersSaved],
  );

  const skip = React.useCallback(() => {
    if (!selected || !audit) return;
    setNotice(null);
    moveOn(selected.row, audit);
  }, [selected, audit, moveOn]);

  const writeGovernance = React.useCallback(async () => {
    const fresh = await write(new Map());
    if (fresh) setNotice(`Verdicts written to ${quoteSheetName(fresh.audit.table.sheetName)}.`);
  }, [write]);

  const copy = React.useCallback((text: string) => host.copy(text), [host]);

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
      if (fresh) {
        setSelectedRow(null);
        setView("list");
      }
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
        if (!current) return;
        // A host that tells its own writes apart needs no quiet period (which would drop edits).
        if (!host.filtersOwnWrites && Date.now() - ownWriteAtRef.current < OWN_WRITE_QUIET_MS) return;
        if (!editConcernsTable(current.audit, address)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          void (async () => {
            // Read first: the edit is in the sheet, not in the pane's copy of it.
            const fresh = await readAndAudit(selectionRef.current);
            if (!fresh || fresh.audit.table.governance.governance === null) return;
            const updated = await write(new Map());
            if (updated) setNotice(`Verdicts updated after your edit to ${address}.`);
          })();
        }, FOLLOW_DELAY_MS);
      })
      .then((s) => {
        if (cancelled) void s();
        else stop = s;
      })
      .catch((e: unknown) => {
        // Said, never swallowed: the pane must not claim verdicts follow edits when they cannot.
        if (!cancelled) setError(message(e));
      });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (stop) void stop();
    };
  }, [following, sheetName, host, readAndAudit, write]);

  const owners = audit ? delegationOwners(audit) : [];
  const visibleRows: MetricRowView[] = audit
    ? audit.metrics.filter((m) => matches(m, filter)).map((m) => ({ metric: m, why: metricWhy(grid, m) }))
    : [];
  const cellOf = (field: AnswerField): string | null => {
    const col = audit?.table.governance[field] ?? null;
    return selected && col !== null ? cellAddress(selected.row, col) : null;
  };
  const s = audit?.summary;
  return {
    status,
    view,
    grid,
    audit,
    fromSelection,
    canUseSelection: host.kind === "excel",
    detected: audit ? describeDetection(audit, grid) : "",
    error,
    notice,
    busy,
    filter,
    visibleRows,
    open: audit ? audit.metrics.filter((m) => m.status !== "decision-ready") : [],
    openRows: audit
      ? audit.metrics.filter((m) => m.status !== "decision-ready").map((m) => ({ metric: m, why: metricWhy(grid, m) }))
      : [],
    selected,
    selectedCells: { owner: cellOf("owner"), threshold: cellOf("threshold"), lever: cellOf("lever") },
    selectedCurrent: {
      text: selected ? currentText(grid, selected) : null,
      header:
        selected && audit && selected.currentColumn !== null ? headerText(grid, audit, selected.currentColumn) : "",
      format:
        selected && grid && selected.currentColumn !== null
          ? numberFormatAt(grid, selected.row, selected.currentColumn)
          : undefined,
    },
    selectedOwnAnswers: selected ? (savedRef.current.answers[metricKey(selected.name)] ?? {}) : {},
    summaryLine: s ? `${s.ratio} · ${s.breached === 0 ? "none red" : `${s.breached} red`}` : "",
    showPlacemat,
    knownOwners: owners,
    delegationOwners: owners,
    delegationOwner: delegationOwner ?? owners[0] ?? null,
    finish: finish ?? null,
    listRef,
    focusRef,
    setFilter,
    select: (row) => {
      setNotice(null);
      openMetric(row);
    },
    nextUnanswered,
    showView: (next, owner) => {
      setNotice(null);
      if (owner !== undefined) setDelegationOwner(owner);
      setView(next);
    },
    reload,
    saveAndNext,
    skip,
    writeGovernance,
    hasGovernance,
    canRemove: host.remove !== undefined,
    confirmingRemove,
    askRemove: setConfirmingRemove,
    removeGovernance,
    following,
    copy,
    dismissError: () => setError(null),
    dismissPlacemat,
  };
}

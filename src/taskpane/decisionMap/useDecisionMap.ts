/** The pane's state: read → detect → audit; answers written through the host; errors for the person. */
import * as React from "react";
// Only the light modules here (cells, ranges, addresses): detection, the readers, the audit
// and the plan come with the core chunk (./core), fetched while the sheet is read.
import { tableArea } from "../../governance/area";
import { answerCell, describeTable, governanceCells, hasGovernanceCells, rangesMeet } from "../../governance/cells";
import {
  cellAddress,
  numberFormatAt,
  parseRange,
  quoteSheetName,
  rangeAddress,
  sameSheetName,
  type CellRange,
  type Grid,
} from "../../governance/grid";
import type { Answers, Audit, DetectHints, KpiTable, MetricAudit, WritePlan } from "../../governance/types";
import type { ExternalAnswers } from "../../governance/audit";
import { summaryOnlyNote } from "../../governance/summaryOnly";
import type { AnswerField, Replacements } from "../metricQuestions/MetricQuestions.types";
import { chunk } from "../chunk";
import { markPlacematSeen, placematSeen, type SavedAnswers } from "../persistence";
import type {
  DecisionMapProps,
  DecisionMapState,
  MetricFilter,
  MetricRowView,
  SheetSearch,
  View,
} from "./DecisionMap.types";
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

/**
 * Whether an edit at `address` ("Dashboard!F7:F9") concerns the audited table, other than its
 * verdict (Governance) cells alone: in a table of metric rows, any cell of its rows; in other
 * layouts, the table's cells (and the next period's row or column beside them) or any cell
 * holding one of its metrics' names, values or answers.
 */
export function editConcernsTable(audit: Audit, address: string): boolean {
  const range = parseRange(address.slice(address.lastIndexOf("!") + 1));
  if (!range) return false;
  const t = audit.table;
  const gov = t.governance.governance;
  if (gov !== null && range.left === gov && range.right === gov) return false;
  const verdicts = governanceCells(t);
  const inRange = (c: { row: number; col: number }) =>
    c.row >= range.top && c.row <= range.bottom && c.col >= range.left && c.col <= range.right;
  const cellsInRange = (range.bottom - range.top + 1) * (range.right - range.left + 1);
  // The verdict cells alone (the pane's own kind of write, or a person clearing one).
  if (cellsInRange <= verdicts.length && verdicts.filter(inRange).length === cellsInRange) return false;
  const orientation = t.orientation ?? "rows";
  if (orientation === "rows" || orientation === "long") return range.bottom >= t.firstRow && range.top <= t.lastRow;
  const area = tableArea(t);
  // A new period goes in the row under (or the column right of) the table: it counts.
  if (rangesMeet(range, { ...area, bottom: area.bottom + 1, right: area.right + 1 })) return true;
  for (const m of audit.metrics) {
    const cells = [
      m.cell,
      m.currentCell,
      ...(["owner", "threshold", "lever"] as const).map((k) => answerCell(t, m.row, k)),
    ];
    if (cells.some((c) => c !== null && inRange(c))) return true;
  }
  return false;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The next metric after `row` that is not decision-ready; null at the end (the Done summary follows). */
export function nextToAsk(audit: Audit, row: number): MetricAudit | null {
  return audit.metrics.find((m) => m.row > row && m.status !== "decision-ready") ?? null;
}

function matches(m: MetricAudit, filter: MetricFilter): boolean {
  if (filter === "all") return true;
  if (filter === "red") return m.breached === true;
  return m.status === filter;
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

/** A table's key among the tables of a sheet: its layout and its cells. */
export function tableKey(t: KpiTable): string {
  return `${t.orientation ?? "rows"}:${rangeAddress(tableArea(t))}`;
}

/** "Table9 B22:E31 · metrics in rows · 4 metrics": a table of the sheet as an option to pick. */
export function tableChoiceText(t: KpiTable): string {
  const [where, layout] = describeTable(t).split(" · ");
  const n = t.metrics.length;
  return `${where.replace(/ on .*$/, "")} · ${layout} · ${n} ${n === 1 ? "metric" : "metrics"}`;
}

/** The bottom-right of what the pane wrote on the audited sheet: a re-read of a part of it must include it. */
interface Written {
  right: number;
  bottom: number;
}

function grow(range: CellRange, written: Written): CellRange {
  return { ...range, right: Math.max(range.right, written.right), bottom: Math.max(range.bottom, written.bottom) };
}

function writtenBy(plan: WritePlan, before: Written): Written {
  let { right, bottom } = before;
  for (const c of plan.columns) right = Math.max(right, c.col);
  for (const c of plan.cells) {
    right = Math.max(right, c.col);
    bottom = Math.max(bottom, c.row);
  }
  return { right, bottom };
}

const NOTHING_WRITTEN: Written = { right: -1, bottom: -1 };

/** The governance core and what the pane says about an audit (./core). */
export type Core = typeof import("./core");

/** Fetches the core chunk once (again after a failure). The pane starts it as it starts reading the sheet. */
export const loadCore: () => Promise<Core> = chunk(() => import(/* webpackChunkName: "core" */ "./core"));

/** The option value of another sheet in the table picker. */
const SHEET_CHOICE = "sheet:";

export function useDecisionMap({
  host,
  resume,
  onAnswersSaved,
  finish,
  otherSheets,
}: DecisionMapProps): DecisionMapState {
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
  // Cells the pane wrote right of (or under) a selection or a picked table: a re-read must see
  // them, or the answers just written would look missing.
  const writtenRef = React.useRef<Written>(NOTHING_WRITTEN);
  // The table the person picked among the sheet's tables, and how to detect it again; null for the default.
  const pickedRef = React.useRef<{ key: string; hints: DetectHints } | null>(null);
  // The sheet's tables as the whole-sheet detection found them, best first: what can be picked.
  const [tables, setTables] = React.useState<KpiTable[]>([]);
  const sheetRef = React.useRef<Sheet | null>(null);
  // A sheet picked in the picker (Excel): the next read is of it, and the host then shows it.
  const pickedSheetRef = React.useRef<string | null>(null);
  // Whether the host lists the workbook's sheets for the picker (Excel); a boolean, so that a
  // new otherSheets object on each render of the workbench does not make the pane read again.
  const listsSheets = !otherSheets && host.sheetNames !== undefined && host.peekSheets !== undefined;
  // Excel: the workbook's visible sheets, and which of the others hold a KPI table, read when
  // the picker first opens (for the sheet audited then).
  const [sheetList, setSheetList] = React.useState<string[]>([]);
  const [kpiSheets, setKpiSheets] = React.useState<{ sheet: string; names: string[] | null } | null>(null);
  // The core chunk, once loaded: there is an audit only after it is.
  const coreRef = React.useRef<Core | null>(null);
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
        // The core chunk comes while the host reads: the first read waits for the slower of the two.
        const sheet = selection ? null : pickedSheetRef.current;
        pickedSheetRef.current = null;
        const options = selection ? { selection: true } : sheet ? { sheet } : undefined;
        const [read, core] = await Promise.all([host.read(options), loadCore()]);
        coreRef.current = core;
        const selected = selection ? parseRange(read.address.slice(read.address.lastIndexOf("!") + 1)) : null;
        const picked = selection ? null : pickedRef.current;
        let hints: DetectHints = {};
        if (selected) hints = { within: grow(selected, writtenRef.current) };
        else if (picked?.hints.within)
          hints = { ...picked.hints, within: grow(picked.hints.within, writtenRef.current) };
        const decided = core.decide({
          grid: read.grid,
          hints,
          replace: toMap(savedRef.current.replace),
          plan: false,
        });
        if (!decided.ok) {
          setError(host.kind === "file" ? fileAdvice(decided.message) : decided.message);
          return null;
        }
        // The whole sheet's detection says which tables there are to pick from.
        if (!selected && !picked) setTables([decided.table, ...decided.others]);
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
        const decided = coreRef.current!.decide({
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
        writtenRef.current = writtenBy(planned.plan, writtenRef.current);
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

  const reread = React.useCallback(
    async (selection: boolean) => {
      setBusy(true);
      setNotice(null);
      writtenRef.current = NOTHING_WRITTEN;
      const fresh = await readAndAudit(selection);
      if (fresh) {
        setError(null);
        setSelectedRow(null);
        setView("list");
        // Whether there are other sheets to offer (their cells are read only when the picker opens).
        if (listsSheets && host.sheetNames) host.sheetNames().then(setSheetList, () => setSheetList([]));
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
    [readAndAudit, write, host, listsSheets],
  );

  const reload = React.useCallback(
    (options?: { selection?: boolean }) => {
      pickedRef.current = null;
      return reread(options?.selection === true);
    },
    [reread],
  );

  React.useEffect(() => {
    void reload();
  }, [reload]);

  /** Audits another table of the sheet (detected again inside its cells), or opens another sheet. */
  const pickTable = React.useCallback(
    async (key: string) => {
      if (key.startsWith(SHEET_CHOICE)) {
        const name = key.slice(SHEET_CHOICE.length);
        if (otherSheets) {
          otherSheets.pick(name);
          return;
        }
        // Excel: that sheet is read (and shown), and its own tables become the choices.
        pickedRef.current = null;
        pickedSheetRef.current = name;
        await reread(false);
        const now = sheetRef.current?.audit.table;
        if (now && sameSheetName(now.sheetName, name)) setNotice(`Reading ${describeTable(now)}.`);
        return;
      }
      const t = tables.find((x) => tableKey(x) === key);
      if (!t) return;
      pickedRef.current =
        t === tables[0] ? null : { key, hints: { within: tableArea(t), orientation: t.orientation ?? "rows" } };
      await reread(false);
      const now = sheetRef.current?.audit.table;
      if (now && tableKey(now) === key) setNotice(`Reading ${describeTable(now)}.`);
    },
    [tables, otherSheets, reread],
  );

  const audit = sheet?.audit ?? null;
  const grid = sheet?.grid ?? null;
  const auditedSheet = audit?.table.sheetName ?? null;

  /** Reads the workbook's other visible sheets (Excel) to offer those that hold a KPI table. */
  const openPicker = React.useCallback(async () => {
    if (!host.sheetNames || !host.peekSheets || otherSheets || auditedSheet === null) return;
    if (kpiSheets?.sheet === auditedSheet) return;
    setKpiSheets({ sheet: auditedSheet, names: null });
    try {
      const names = await host.sheetNames();
      setSheetList(names);
      const [peeked, core] = await Promise.all([
        host.peekSheets(names.filter((n) => !sameSheetName(n, auditedSheet))),
        loadCore(),
      ]);
      const kpi = peeked.filter((p) => p.grid !== null && core.readsAsKpiSheet(p.grid)).map((p) => p.name);
      setKpiSheets((now) => (now?.sheet === auditedSheet ? { sheet: auditedSheet, names: kpi } : now));
    } catch (e) {
      setKpiSheets((now) => (now?.sheet === auditedSheet ? { sheet: auditedSheet, names: [] } : now));
      setError(`Could not read the other sheets: ${message(e)}`);
    }
  }, [host, otherSheets, auditedSheet, kpiSheets]);
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
      const core = coreRef.current;
      if (!selected || !core) return;
      const key = core.metricKey(selected.name);
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
      const why = after && after.status !== "decision-ready" ? ` (${core.shortReasonsText(after)})` : "";
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
    // Summary-only (a protected sheet, a pivot): say where the governance went instead.
    if (fresh)
      setNotice(
        summaryOnlyNote(fresh.audit.table) ?? `Verdicts written to ${quoteSheetName(fresh.audit.table.sheetName)}.`,
      );
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
      writtenRef.current = NOTHING_WRITTEN;
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
  const hasGovernance = audit !== null && hasGovernanceCells(audit.table);
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
            if (!fresh || !hasGovernanceCells(fresh.audit.table)) return;
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

  // An audit comes with the core: both are there, or neither.
  const core = audit ? coreRef.current : null;
  const owners = core && audit ? core.delegationOwners(audit) : [];
  const visibleRows: MetricRowView[] =
    core && audit
      ? audit.metrics.filter((m) => matches(m, filter)).map((m) => ({ metric: m, why: core.metricWhy(grid, m) }))
      : [];
  const cellOf = (field: AnswerField): string | null => {
    const cell = audit && selected ? answerCell(audit.table, selected.row, field) : null;
    return cell ? cellAddress(cell.row, cell.col) : null;
  };
  const currentKey = audit ? tableKey(audit.table) : null;
  const searched = kpiSheets !== null && auditedSheet !== null && kpiSheets.sheet === auditedSheet ? kpiSheets : null;
  const tableChoices = [
    ...tables.filter((t) => tableKey(t) !== currentKey).map((t) => ({ key: tableKey(t), text: tableChoiceText(t) })),
    ...(otherSheets?.names ?? searched?.names ?? [])
      .filter((name) => name !== audit?.table.sheetName)
      .map((name) => ({ key: `${SHEET_CHOICE}${name}`, text: `Sheet '${name}'` })),
  ];
  const othersVisible = auditedSheet !== null && sheetList.some((n) => !sameSheetName(n, auditedSheet));
  const sheetSearch: SheetSearch =
    otherSheets || !host.peekSheets || !othersVisible
      ? "none"
      : searched === null
        ? "unread"
        : searched.names === null
          ? "reading"
          : "read";
  const s = audit?.summary;
  return {
    status,
    view,
    grid,
    audit,
    fromSelection,
    canUseSelection: host.kind === "excel",
    detected: core && audit ? core.describeDetection(audit, grid) : "",
    tableLine: audit ? describeTable(audit.table) : "",
    tableChoices,
    pickTable: (key) => void pickTable(key),
    sheetSearch,
    openPicker: () => void openPicker(),
    summaryOnly: audit?.table.summaryOnly ?? null,
    error,
    notice,
    busy,
    filter,
    visibleRows,
    open: audit ? audit.metrics.filter((m) => m.status !== "decision-ready") : [],
    openRows:
      core && audit
        ? audit.metrics
            .filter((m) => m.status !== "decision-ready")
            .map((m) => ({ metric: m, why: core.metricWhy(grid, m) }))
        : [],
    selected,
    selectedCells: { owner: cellOf("owner"), threshold: cellOf("threshold"), lever: cellOf("lever") },
    selectedCurrent: {
      text: selected && core ? core.currentText(grid, selected) : null,
      header: selected && audit && core ? core.periodText(grid, audit, selected) : "",
      format:
        selected && grid && selected.currentCell
          ? numberFormatAt(grid, selected.currentCell.row, selected.currentCell.col)
          : undefined,
    },
    selectedOwnAnswers: selected && core ? (savedRef.current.answers[core.metricKey(selected.name)] ?? {}) : {},
    thresholdSuggestions: selected && core && grid && audit ? core.suggestThresholds(grid, audit.table, selected) : [],
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

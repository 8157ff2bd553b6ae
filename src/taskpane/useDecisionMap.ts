/** The pane's state: read → detect → audit, answers saved through the host, errors for the person. */
import { useCallback, useEffect, useState } from "react";
import { auditTable, metricKey } from "../governance/audit";
import { detectKpiTable } from "../governance/detect";
import type { Grid } from "../governance/grid";
import { planWrite } from "../governance/plan";
import type { Answers, Audit } from "../governance/types";
import type { WorkbookHost } from "./host";

export interface DecisionMapState {
  status: "loading" | "ready" | "failed";
  audit: Audit | null;
  grid: Grid | null;
  error: string | null;
  busy: boolean;
  /** Re-reads the sheet and audits it again. */
  reload(): Promise<void>;
  /** Writes one metric's answers (and the governance columns) into the sheet. Resolves true when saved. */
  save(metricName: string, answers: Partial<Answers>): Promise<boolean>;
  /** Writes or refreshes the governance columns, highlighting and the two sheets. */
  writeGovernance(): Promise<boolean>;
  copyText(text: string): Promise<void>;
  dismissError(): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function useDecisionMap(host: WorkbookHost): DecisionMapState {
  const [grid, setGrid] = useState<Grid | null>(null);
  const [audit, setAudit] = useState<Audit | null>(null);
  const [status, setStatus] = useState<DecisionMapState["status"]>("loading");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      const read = await host.read();
      const detected = detectKpiTable(read.grid);
      if (!detected.ok) {
        setError(detected.message);
        setStatus("failed");
        return;
      }
      setGrid(read.grid);
      setAudit(auditTable({ grid: read.grid, table: detected.table }));
      setStatus("ready");
    } catch (e) {
      setError(message(e));
      setStatus("failed");
    }
  }, [host]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const applyWith = useCallback(
    async (answers: Map<string, Partial<Answers>>): Promise<boolean> => {
      if (!grid || !audit) return false;
      setBusy(true);
      try {
        const next = auditTable({ grid, table: audit.table, answers, answersSource: "ask" });
        const planned = planWrite(grid, next);
        if (!planned.ok) {
          setError(planned.message);
          return false;
        }
        await host.apply(planned.plan);
        setError(null);
        await reload();
        return true;
      } catch (e) {
        setError(message(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [audit, grid, host, reload],
  );

  const save = useCallback(
    (metricName: string, answers: Partial<Answers>) => applyWith(new Map([[metricKey(metricName), answers]])),
    [applyWith],
  );
  const writeGovernance = useCallback(() => applyWith(new Map()), [applyWith]);
  const copyText = useCallback(
    async (text: string) => {
      try {
        await host.copy(text);
      } catch (e) {
        setError(message(e));
      }
    },
    [host],
  );
  return {
    status,
    audit,
    grid,
    error,
    busy,
    reload,
    save,
    writeGovernance,
    copyText,
    dismissError: () => setError(null),
  };
}

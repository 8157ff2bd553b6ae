/** The task pane: what was found, the summary, the metrics, one metric's questions, the actions. */
import * as React from "react";
import {
  Badge,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { delegationOwners, delegationText } from "../governance/brief";
import { suggestThresholds } from "../governance/suggest";
import { columnLetter, quoteSheetName } from "../governance/grid";
import type { MetricAudit, Status } from "../governance/types";
import type { WorkbookHost } from "./host";
import { MetricQuestions } from "./MetricQuestions";
import { useDecisionMap } from "./useDecisionMap";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { width: "100%", justifyContent: "space-between" },
});

type Filter = "all" | "vanity" | "incomplete" | "red";

const BADGE: Record<Status, { color: "danger" | "warning" | "success"; label: string }> = {
  vanity: { color: "danger", label: "Vanity" },
  incomplete: { color: "warning", label: "Incomplete" },
  "decision-ready": { color: "success", label: "Decision-ready" },
};

function matches(m: MetricAudit, filter: Filter): boolean {
  if (filter === "all") return true;
  if (filter === "red") return m.breached === true;
  return m.status === filter;
}

export function App({ host }: { host: WorkbookHost }): React.JSX.Element {
  const dark = host.prefersDark();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} data-theme={dark ? "dark" : "light"}>
      <Pane host={host} />
    </FluentProvider>
  );
}

function Pane({ host }: { host: WorkbookHost }): React.JSX.Element {
  const styles = useStyles();
  const state = useDecisionMap(host);
  const [filter, setFilter] = React.useState<Filter>("all");
  const [selected, setSelected] = React.useState<number | null>(null);
  const { audit } = state;

  const error = state.error && (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>Nothing was changed.</MessageBarTitle>
        {state.error}
      </MessageBarBody>
    </MessageBar>
  );
  if (state.status === "loading") return <Spinner label="Reading the sheet…" />;
  if (!audit) {
    return (
      <main className={styles.root}>
        {error}
        <Button onClick={() => void state.reload()}>Read the sheet again</Button>
      </main>
    );
  }

  const t = audit.table;
  const s = audit.summary;
  const metric = audit.metrics.find((m) => m.row === selected) ?? null;
  const detected =
    `${s.metrics} metrics in ${quoteSheetName(t.sheetName)}!${columnLetter(t.metricColumn)}${t.firstRow + 1}:` +
    `${columnLetter(t.metricColumn)}${t.lastRow + 1}` +
    (t.currentColumn === null ? "" : `, current values in ${columnLetter(t.currentColumn)} (${t.headers[t.currentColumn] || "no header"})`);

  const saveAndNext = async (answers: Parameters<typeof state.save>[1]) => {
    if (!metric) return;
    const saved = await state.save(metric.name, answers);
    if (!saved) return;
    const after = audit.metrics.findIndex((m) => m.row === metric.row);
    const next = audit.metrics.slice(after + 1).find((m) => m.status !== "decision-ready");
    setSelected(next ? next.row : null);
  };

  return (
    <main className={styles.root}>
      <Text as="h1" size={500} weight="semibold">
        Decision Map
      </Text>
      <Text>{detected}</Text>
      {error}
      <section aria-label="Summary">
        <Text as="h2" size={400} weight="semibold">
          {s.ratio}
        </Text>
        <div className={styles.row}>
          <Badge color="success">{s.decisionReady} decision-ready</Badge>
          <Badge color="warning">{s.incomplete} incomplete</Badge>
          <Badge color="danger">{s.vanity} vanity</Badge>
          <Badge color="important">{s.breached} red</Badge>
        </div>
        <Text size={200}>
          {s.founderHeld} held by the founder or CEO.{" "}
          {s.owners.filter((o) => o.overloaded).map((o) => `${o.owner} owns ${o.metrics}: overloaded. `)}
        </Text>
      </section>

      {metric ? (
        <MetricQuestions
          metric={metric}
          busy={state.busy}
          knownOwners={s.owners.map((o) => o.owner)}
          thresholdSuggestions={state.grid ? suggestThresholds(state.grid, t, metric) : []}
          onSave={(a) => void saveAndNext(a)}
          onCancel={() => setSelected(null)}
        />
      ) : (
        <section aria-label="Metrics">
          <div className={styles.row} role="group" aria-label="Show">
            {(["all", "vanity", "incomplete", "red"] as const).map((f) => (
              <ToggleButton key={f} size="small" checked={filter === f} onClick={() => setFilter(f)}>
                {f === "all" ? "All" : f === "red" ? "Red" : BADGE[f].label}
              </ToggleButton>
            ))}
          </div>
          <ul className={styles.list}>
            {audit.metrics
              .filter((m) => matches(m, filter))
              .map((m) => (
                <li key={m.row}>
                  <Button
                    className={styles.item}
                    appearance="subtle"
                    aria-label={`${m.name}: ${BADGE[m.status].label}${m.breached ? ", red" : ""}`}
                    onClick={() => setSelected(m.row)}
                  >
                    <span>{m.name}</span>
                    <Badge color={BADGE[m.status].color}>{BADGE[m.status].label}</Badge>
                  </Button>
                </li>
              ))}
          </ul>
        </section>
      )}

      <section aria-label="Actions" className={styles.row}>
        <Button appearance="primary" disabled={state.busy} onClick={() => void state.writeGovernance()}>
          Write governance
        </Button>
      </section>
      {delegationOwners(audit).length > 0 && (
        <section aria-label="Delegation">
          <Text as="h2" size={400} weight="semibold">
            Delegation
          </Text>
          <div className={styles.row}>
            {delegationOwners(audit).map((owner) => (
              <Button key={owner} size="small" onClick={() => void state.copyText(delegationText(audit, owner))}>
                Copy for {owner}
              </Button>
            ))}
          </div>
        </section>
      )}
    </main>
  );
}

/** The markup of the pane: what was found, the summary, the metrics or one metric's questions, the actions. */
import * as React from "react";
import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  ToggleButton,
} from "@fluentui/react-components";
import { suggestThresholds } from "../../governance";
import { MetricQuestions } from "../metricQuestions/MetricQuestions";
import type { DecisionMapState, MetricFilter } from "./DecisionMap.types";
import { FILTER_LABELS, STATUS_BADGE } from "./DecisionMap.types";
import type { DecisionMapStyles } from "./useDecisionMapStyles.styles";

const FILTERS: MetricFilter[] = ["all", "vanity", "incomplete", "red"];

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function renderDecisionMap(state: DecisionMapState, styles: DecisionMapStyles): React.JSX.Element {
  const error = state.error && (
    <MessageBar intent="error">
      <MessageBarBody>{state.error}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" size="small" onClick={state.dismissError}>
            Dismiss
          </Button>
        }
      />
    </MessageBar>
  );
  const status = (
    <Text role="status" aria-live="polite">
      {state.notice ?? ""}
    </Text>
  );
  const selectionButtons = (
    <div className={styles.row}>
      {state.canUseSelection && (
        <Button size="small" disabledFocusable={state.busy} onClick={() => void state.reload({ selection: true })}>
          Use my selection
        </Button>
      )}
      {state.canUseSelection && (state.fromSelection || !state.audit) && (
        <Button size="small" disabledFocusable={state.busy} onClick={() => void state.reload()}>
          {state.audit ? "Use the whole sheet" : "Read the sheet again"}
        </Button>
      )}
      {state.busy && <Spinner size="tiny" label="Working…" />}
    </div>
  );

  if (state.status === "loading") {
    return (
      <main className={styles.root}>
        <Spinner label="Reading the sheet…" />
      </main>
    );
  }
  const { audit } = state;
  if (!audit) {
    return (
      <main className={styles.root}>
        <Text as="h1" size={500} weight="semibold">
          Decision Map
        </Text>
        {error}
        {selectionButtons}
      </main>
    );
  }

  const s = audit.summary;
  const metric = state.selected;
  return (
    <main className={styles.root}>
      <Text as="h1" size={500} weight="semibold">
        Decision Map
      </Text>
      <section aria-label="Detected" className={styles.section}>
        <Text>{state.detected}</Text>
        {selectionButtons}
      </section>
      {error}
      {status}

      <section aria-label="Summary" className={styles.section}>
        <Text as="h2" size={400} weight="semibold">
          {s.ratio}
        </Text>
        <div className={styles.row}>
          <Badge color="success">{s.decisionReady} decision-ready</Badge>
          <Badge color="warning">{s.incomplete} incomplete</Badge>
          <Badge color="danger">{s.vanity} vanity</Badge>
        </div>
        <Text>{s.breached === 0 ? "No metric is red." : `Red: ${s.red.join(", ")}.`}</Text>
        <Text>{plural(s.founderHeld, "metric")} held by the founder or CEO.</Text>
        {s.owners.length > 0 && (
          <ul aria-label="Owner load" className={styles.owners}>
            {s.owners.map((o) => (
              <li key={o.owner}>
                <Text className={o.overloaded ? styles.overloaded : undefined}>
                  {o.owner}: {plural(o.metrics, "metric")}
                  {o.overloaded ? ", overloaded" : ""}
                  {o.founder ? ", founder" : ""}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </section>

      {metric ? (
        <MetricQuestions
          metric={metric}
          currentHeader={metric.currentColumn === null ? "" : (audit.table.headers[metric.currentColumn] ?? "")}
          busy={state.busy}
          knownOwners={state.knownOwners}
          thresholdSuggestions={state.grid ? suggestThresholds(state.grid, audit.table, metric) : []}
          onSave={(answers) => void state.saveAndNext(answers)}
          onCancel={() => state.select(null)}
        />
      ) : (
        <section aria-label="Metrics" className={styles.section}>
          <div className={styles.row} role="group" aria-label="Show">
            {FILTERS.map((f) => (
              <ToggleButton key={f} size="small" checked={state.filter === f} onClick={() => state.setFilter(f)}>
                {FILTER_LABELS[f]}
              </ToggleButton>
            ))}
          </div>
          {state.visibleMetrics.length === 0 ? (
            <Text className={styles.muted}>No metric matches this filter.</Text>
          ) : (
            <ul ref={state.listRef} className={styles.list}>
              {state.visibleMetrics.map((m) => (
                <li key={m.row}>
                  <Button
                    className={styles.item}
                    appearance="subtle"
                    data-row={m.row}
                    onClick={() => state.select(m.row)}
                  >
                    {/* No aria-label: the name read aloud is the text seen ("Churn Decision-ready red"). */}
                    <span>{m.name}</span>
                    <span className={styles.row}>
                      <Badge color={STATUS_BADGE[m.status].color}>{STATUS_BADGE[m.status].label}</Badge>
                      {m.breached && <Badge color="important">red</Badge>}
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-label="Actions" className={styles.section}>
        <div className={styles.row}>
          <Button appearance="primary" disabledFocusable={state.busy} onClick={() => void state.writeGovernance()}>
            {state.hasGovernance ? "Refresh governance" : "Write governance"}
          </Button>
          {state.canRemove && state.hasGovernance && !state.confirmingRemove && (
            <Button disabledFocusable={state.busy} onClick={() => state.askRemove(true)}>
              Remove governance
            </Button>
          )}
        </div>
        {state.confirmingRemove && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Remove the columns, highlighting and sheets Decision Map added? Answers typed into the Owner, Threshold
              and Lever columns it added go with them; columns that were already yours stay.
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={() => void state.removeGovernance()}>
                Remove
              </Button>
              <Button size="small" onClick={() => state.askRemove(false)}>
                Keep
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {state.following && (
          <Text size={200} className={styles.muted}>
            While this pane is open, Governance follows your edits to the sheet.
          </Text>
        )}
      </section>
      {state.delegationOwners.length > 0 && (
        <section aria-label="Delegation" className={styles.section}>
          <Text as="h2" size={400} weight="semibold">
            Delegation
          </Text>
          <div className={styles.row}>
            {state.delegationOwners.map((owner) => (
              <Button key={owner} size="small" onClick={() => void state.copyDelegation(owner)}>
                Copy delegation for {owner}
              </Button>
            ))}
          </div>
        </section>
      )}
    </main>
  );
}

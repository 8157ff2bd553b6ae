/**
 * The markup of the pane, one view at a time: the list (what was found, the summary, the
 * metrics with why each stands where it does), one metric's questions, the Done summary, or
 * the delegation. One primary button per view.
 */
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
  type useArrowNavigationGroup,
} from "@fluentui/react-components";
import { summaryOnlyNote } from "../../governance/summaryOnly";
import type { DecisionMapState, MetricFilter } from "./DecisionMap.types";
import { FILTER_LABELS, STATUS_BADGE } from "./DecisionMap.types";
import type { DecisionMapStyles } from "./useDecisionMapStyles.styles";

// The delegation view (its text area, link and clipboard fallback) loads when first opened:
// the pane's initial JavaScript stays within its budget.
const DelegationView = React.lazy(() =>
  import(/* webpackChunkName: "delegation" */ "../delegation/DelegationView").then((m) => ({
    default: m.DelegationView,
  })),
);

// The first-run placemat is read once: it loads beside the pane rather than in it.
const Placemat = React.lazy(() =>
  import(/* webpackChunkName: "placemat" */ "../placemat/Placemat").then((m) => ({ default: m.Placemat })),
);

/**
 * The detail view (its fields, comparator list and footer) is a chunk of its own, fetched as
 * soon as the sheet is read (see preloadViews), so the pane's initial JavaScript stays within
 * its budget and opening a metric does not wait for the network.
 */
const loadMetricQuestions = () => import(/* webpackChunkName: "questions" */ "../metricQuestions/MetricQuestions");
const MetricQuestions = React.lazy(() => loadMetricQuestions().then((m) => ({ default: m.MetricQuestions })));

/** Starts fetching the views a person opens next, once the pane is interactive. */
export function preloadViews(): void {
  void loadMetricQuestions().catch(() => {
    // A failed prefetch is retried by React.lazy when the view is opened, and reported there.
  });
}

// Picking another table or sheet is for the few sheets that have one: it loads then.
const TablePicker = React.lazy(() =>
  import(/* webpackChunkName: "picker" */ "./TablePicker").then((m) => ({ default: m.TablePicker })),
);

// The Done summary is seen once, at the end: it loads then.
const DoneSummary = React.lazy(() =>
  import(/* webpackChunkName: "done" */ "../done/DoneSummary").then((m) => ({ default: m.DoneSummary })),
);

const FILTERS: MetricFilter[] = ["all", "vanity", "incomplete", "red"];

/** The keyboard shortcut for "Next unanswered", from anywhere in the pane. */
export const NEXT_SHORTCUT = "Alt+Shift+N";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** About half a minute per metric to answer, rounded up to whole minutes. */
export function minutesFor(metrics: number): number {
  return Math.max(1, Math.ceil(metrics / 2));
}

export interface RenderExtras {
  /** Props for the metric list that make it one tab stop with arrow keys (Fluent's arrow navigation). */
  listNavigation: ReturnType<typeof useArrowNavigationGroup>;
  detectedId: string;
}

export function renderDecisionMap(
  state: DecisionMapState,
  styles: DecisionMapStyles,
  extras: RenderExtras,
): React.JSX.Element {
  const error = state.error && (
    <MessageBar intent="error" layout="multiline">
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
    <Text role="status" aria-live="polite" className={styles.status}>
      {state.notice ?? ""}
    </Text>
  );
  const selectionButtons = (state.canUseSelection || state.busy) && (
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

  const metric = state.selected;
  if (state.view === "metric" && metric) {
    return (
      <main className={styles.detail}>
        <React.Suspense fallback={<Spinner label="Opening the questions…" />}>
          <MetricQuestions
            key={metric.row}
            metric={metric}
            position={{ index: audit.metrics.indexOf(metric), total: audit.metrics.length }}
            summary={state.summaryLine}
            currentText={state.selectedCurrent.text}
            currentHeader={state.selectedCurrent.header}
            currentFormat={state.selectedCurrent.format}
            cells={state.selectedCells}
            ownAnswers={state.selectedOwnAnswers}
            busy={state.busy}
            knownOwners={state.knownOwners}
            thresholdSuggestions={state.thresholdSuggestions}
            feedback={
              <>
                {error}
                {status}
              </>
            }
            onSave={(answers, replace) => void state.saveAndNext(answers, replace)}
            onSkip={state.skip}
            onBack={() => state.select(null)}
          />
        </React.Suspense>
      </main>
    );
  }

  if (state.view === "delegation") {
    return (
      <main className={styles.root}>
        <React.Suspense fallback={<Spinner label="Opening the delegation…" />}>
          <DelegationView
            audit={audit}
            owners={state.delegationOwners}
            owner={state.delegationOwner}
            onOwner={(owner) => state.showView("delegation", owner)}
            copy={state.copy}
            onOpenMetric={(row) => state.select(row)}
            onBack={() => state.showView("list")}
            focusRef={state.focusRef}
          />
        </React.Suspense>
      </main>
    );
  }

  const s = audit.summary;
  const openCount = state.open.length;

  if (state.view === "done") {
    return (
      <main className={styles.root}>
        <React.Suspense fallback={<Spinner label="Summing up…" />}>
          <DoneSummary
            audit={audit}
            open={state.openRows}
            finish={state.finish}
            hasOwners={state.delegationOwners.length > 0}
            feedback={
              <>
                {status}
                {error}
              </>
            }
            styles={styles}
            focusRef={state.focusRef}
            onOpenMetric={(row) => state.select(row)}
            onDelegation={() => state.showView("delegation")}
            onBack={() => state.showView("list")}
          />
        </React.Suspense>
      </main>
    );
  }

  const start =
    openCount > 0 ? (
      <Button
        appearance="primary"
        ref={state.focusRef as React.RefObject<HTMLButtonElement>}
        aria-describedby={extras.detectedId}
        aria-keyshortcuts={NEXT_SHORTCUT}
        onClick={state.nextUnanswered}
      >
        {state.showPlacemat || s.decisionReady === 0
          ? `Answer ${plural(openCount, "metric")}, about ${plural(minutesFor(openCount), "minute")}`
          : `Next unanswered (${openCount} left)`}
      </Button>
    ) : (
      <Button
        appearance="primary"
        ref={state.focusRef as React.RefObject<HTMLButtonElement>}
        aria-describedby={extras.detectedId}
        onClick={() => state.showView("delegation")}
      >
        Send each owner their part
      </Button>
    );

  return (
    <main className={styles.root}>
      <Text as="h1" size={500} weight="semibold">
        Decision Map
      </Text>
      <section aria-label="Detected" className={styles.section}>
        <Text size={200} weight="semibold" data-table-line>
          {state.tableLine}
        </Text>
        <Text id={extras.detectedId}>{state.detected}</Text>
        {state.summaryOnly && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {(state.audit && summaryOnlyNote(state.audit.table, false)) ??
                `Only the Decision Map and MBR Brief sheets are written for this table, nothing beside it: ${state.summaryOnly}`}
            </MessageBarBody>
          </MessageBar>
        )}
        {(state.tableChoices.length > 0 || state.sheetSearch !== "none") && (
          <React.Suspense fallback={<Spinner size="tiny" label="Loading the list of tables and sheets…" />}>
            <TablePicker
              choices={state.tableChoices}
              onPick={state.pickTable}
              sheetSearch={state.sheetSearch}
              onOpen={state.openPicker}
            />
          </React.Suspense>
        )}
        {selectionButtons}
      </section>
      {error}
      {status}
      {state.showPlacemat && (
        <React.Suspense fallback={null}>
          <Placemat onDismiss={state.dismissPlacemat} />
        </React.Suspense>
      )}
      {start}

      <section aria-label="Summary" className={styles.section}>
        <Text as="h2" size={400} weight="semibold">
          {s.ratio}
        </Text>
        <div className={styles.row}>
          <Badge color="success">{s.decisionReady} decision-ready</Badge>
          <Badge color="warning">{s.incomplete} incomplete</Badge>
          <Badge color="danger">{s.vanity} vanity</Badge>
        </div>
        <Text>{s.breached === 0 ? "No metric is red." : `Red now: ${s.red.join(", ")}.`}</Text>
        {s.founderHeld > 0 && (
          <Text>{plural(s.founderHeld, "metric")} held by the founder or CEO: reassign them first.</Text>
        )}
      </section>

      <section aria-label="Metrics" className={styles.section}>
        <div className={styles.row} role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <ToggleButton key={f} size="small" checked={state.filter === f} onClick={() => state.setFilter(f)}>
              {FILTER_LABELS[f]}
            </ToggleButton>
          ))}
        </div>
        {state.visibleRows.length === 0 ? (
          <Text className={styles.muted}>No metric matches this filter.</Text>
        ) : (
          <ul
            ref={state.listRef}
            className={styles.list}
            aria-label="Metrics: arrow keys move, Enter opens"
            {...extras.listNavigation}
          >
            {state.visibleRows.map(({ metric: m, why }) => (
              <li key={m.row}>
                <Button
                  className={styles.item}
                  appearance="subtle"
                  data-row={m.row}
                  onClick={() => state.select(m.row)}
                >
                  {/* No aria-label: the name read aloud is the text seen ("Churn Vanity Dana Lee · …"). */}
                  <span className={styles.itemText}>
                    <span className={styles.itemHead}>
                      <span className={styles.itemName} data-name>
                        {m.name}
                      </span>
                      <Badge className={styles.badge} color={STATUS_BADGE[m.status].color}>
                        {STATUS_BADGE[m.status].label}
                      </Badge>
                    </span>
                    <span className={styles.why} data-why>
                      {why}
                    </span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Actions" className={styles.section}>
        <div className={styles.row}>
          <Button disabledFocusable={state.busy} onClick={() => void state.writeGovernance()}>
            {state.summaryOnly
              ? "Write the Decision Map sheets"
              : state.hasGovernance
                ? "Update the verdicts in the sheet"
                : "Write the verdicts to the sheet"}
          </Button>
          {state.delegationOwners.length > 0 && openCount > 0 && (
            <Button onClick={() => state.showView("delegation")}>Delegation per owner</Button>
          )}
          {state.canRemove && state.hasGovernance && !state.confirmingRemove && (
            <Button disabledFocusable={state.busy} onClick={() => state.askRemove(true)}>
              Remove what Decision Map added
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
              <Button size="small" onClick={() => void state.removeGovernance()}>
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
            While this pane is open, the verdicts follow your edits to the sheet.
          </Text>
        )}
      </section>
    </main>
  );
}

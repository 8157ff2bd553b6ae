/**
 * The end of the flow: what the sheet now holds, the metrics still open with why, and the
 * last step (in the workbench, the download; otherwise each owner's delegation).
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import type { Audit } from "../../governance";
import type { MetricRowView } from "../decisionMap/DecisionMap.types";
import type { DecisionMapStyles } from "../decisionMap/useDecisionMapStyles.styles";

export interface DoneSummaryProps {
  audit: Audit;
  /** Metrics not yet decision-ready, with why. */
  open: MetricRowView[];
  /** The host's last step, the primary button when there is one. */
  finish: { label: string; run(): void } | null;
  hasOwners: boolean;
  feedback: React.ReactNode;
  styles: DecisionMapStyles;
  focusRef: React.RefObject<HTMLElement>;
  onOpenMetric(row: number): void;
  onDelegation(): void;
  onBack(): void;
}

export function DoneSummary(props: DoneSummaryProps): React.JSX.Element {
  const { audit, open, styles, focusRef } = props;
  const s = audit.summary;
  // Loaded lazily, the view mounts after the pane moved the focus: take it here.
  React.useEffect(() => focusRef.current?.focus(), [focusRef]);
  const n = open.length;
  return (
    <>
      <Text as="h1" size={500} weight="semibold" tabIndex={-1} ref={focusRef as React.RefObject<HTMLHeadingElement>}>
        {n === 0
          ? "Done: every metric has a decision"
          : `Done for now: ${n} ${n === 1 ? "metric" : "metrics"} still open`}
      </Text>
      {props.feedback}
      <Text>
        {s.ratio}. {s.decisionReady} decision-ready, {s.incomplete} incomplete, {s.vanity} vanity.
        {s.breached > 0 ? ` Red now: ${s.red.join(", ")}.` : ""}
      </Text>
      {n > 0 && (
        <section aria-label="Still open" className={styles.section}>
          <Text weight="semibold">Still open</Text>
          <ul className={styles.list}>
            {open.map(({ metric: m, why }) => (
              <li key={m.row}>
                <Button className={styles.item} appearance="subtle" onClick={() => props.onOpenMetric(m.row)}>
                  <span className={styles.itemText}>
                    <span className={styles.itemName}>{m.name}</span>
                    <span className={styles.why}>{why}</span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className={styles.row}>
        {props.finish && (
          <Button appearance="primary" onClick={props.finish.run}>
            {props.finish.label}
          </Button>
        )}
        {props.hasOwners && (
          <Button appearance={props.finish ? "secondary" : "primary"} onClick={props.onDelegation}>
            Send each owner their part
          </Button>
        )}
        <Button onClick={props.onBack}>Back to the list</Button>
      </div>
    </>
  );
}

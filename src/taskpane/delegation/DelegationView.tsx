/**
 * Each owner's delegation, seen before it is sent: the text itself, Copy (with a fallback
 * where Office's frame blocks the clipboard) and an email draft. Metrics held by the founder
 * or CEO are marked "reassign first": delegating to the bottleneck changes nothing.
 */
import * as React from "react";
import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { delegationText, ownerKey, type Audit } from "../../governance";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  nav: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  text: { minHeight: "140px" },
});

export interface DelegationViewProps {
  audit: Audit;
  owners: string[];
  owner: string | null;
  onOwner(owner: string): void;
  /** Copies through the host; rejects when the clipboard is blocked. */
  copy(text: string): Promise<void>;
  /** Opens a metric's questions (to reassign a founder-held one). */
  onOpenMetric(row: number): void;
  onBack(): void;
  /** The heading, focused when the view opens. */
  focusRef: React.RefObject<HTMLElement>;
}

type Said = { intent: "success" | "warning"; text: string } | null;

/**
 * Copies `text`: the host's clipboard first, else the text selected in `area` and
 * document.execCommand("copy"), the older way some Office frames still allow. Says what happened.
 */
export async function copyWithFallback(
  text: string,
  copy: (text: string) => Promise<void>,
  area: HTMLTextAreaElement | null,
  owner: string,
): Promise<NonNullable<Said>> {
  try {
    await copy(text);
    return { intent: "success", text: `Copied ${owner}'s delegation: paste it into a message.` };
  } catch {
    area?.focus();
    area?.select();
    let copied = false;
    try {
      // Deprecated but still the only way where the Clipboard API is blocked (Office's frame).
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    return copied
      ? {
          intent: "success",
          text: `The clipboard was blocked here, so the text was selected and copied: paste it into a message.`,
        }
      : {
          intent: "warning",
          text: "Copying is blocked in this window. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
        };
  }
}

export function DelegationView(props: DelegationViewProps): React.JSX.Element {
  const styles = useStyles();
  const { audit, owners } = props;
  const owner = props.owner ?? owners[0] ?? null;
  const [said, setSaid] = React.useState<Said>(null);
  const areaRef = React.useRef<HTMLTextAreaElement>(null);
  // Loaded lazily, the view mounts after the pane moved the focus: take it here.
  const { focusRef } = props;
  React.useEffect(() => focusRef.current?.focus(), [focusRef]);
  const load = owner ? audit.summary.owners.find((o) => ownerKey(o.owner) === ownerKey(owner)) : undefined;
  const founder = load?.founder === true;
  const text = owner ? delegationText(audit, owner) : "";
  const mine = owner ? audit.metrics.filter((m) => m.owner !== null && ownerKey(m.owner) === ownerKey(owner)) : [];
  const subject = `What you own in ${audit.table.sheetName}`;
  const mailto = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;

  return (
    <section aria-label="Delegation" className={styles.root}>
      <nav className={styles.nav} aria-label="Delegation">
        <Button appearance="subtle" size="small" onClick={props.onBack}>
          ← Back
        </Button>
      </nav>
      <Text
        as="h2"
        size={400}
        weight="semibold"
        tabIndex={-1}
        ref={props.focusRef as React.RefObject<HTMLHeadingElement>}
      >
        Delegation: what each owner may do
      </Text>
      {owners.length === 0 ? (
        <Text>No metric has a named owner yet: answer a metric first.</Text>
      ) : (
        <>
          <Field label="Owner">
            <Select
              value={owner ?? ""}
              onChange={(_, d) => {
                setSaid(null);
                props.onOwner(d.value);
              }}
            >
              {audit.summary.owners.map((o) => (
                <option key={o.owner} value={o.owner}>
                  {o.owner}: {o.metrics} {o.metrics === 1 ? "metric" : "metrics"}
                  {o.founder ? " (reassign first)" : ""}
                  {o.overloaded ? " (overloaded)" : ""}
                </option>
              ))}
            </Select>
          </Field>
          {founder ? (
            <>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  {owner} is the founder or CEO: reassign first. A metric held at the top waits for the busiest person;
                  give each one to the person who runs it day to day.
                </MessageBarBody>
              </MessageBar>
              <ul className={styles.list} aria-label={`Held by ${owner}`}>
                {mine.map((m) => (
                  <li key={m.row}>
                    <Link as="button" onClick={() => props.onOpenMetric(m.row)}>
                      Reassign {m.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <Field label={`Text for ${owner}`} hint="Read it before sending: it is what they may do without asking.">
                <Textarea ref={areaRef} className={styles.text} value={text} readOnly resize="vertical" />
              </Field>
              <div className={styles.row}>
                <Button
                  appearance="primary"
                  onClick={() => void copyWithFallback(text, props.copy, areaRef.current, owner ?? "").then(setSaid)}
                >
                  Copy
                </Button>
                <Link href={mailto}>Email draft</Link>
              </div>
              <div role="status" aria-live="polite">
                {said && (
                  <MessageBar intent={said.intent} layout="multiline">
                    <MessageBarBody>{said.text}</MessageBarBody>
                  </MessageBar>
                )}
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}

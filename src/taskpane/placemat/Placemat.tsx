/**
 * The first run: what the three questions mean, one example answer each, and what "vanity"
 * means, before the person is asked anything. Shown until they start or dismiss it.
 */
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  example: { color: tokens.colorNeutralForeground2 },
  dismiss: { alignSelf: "flex-start" },
});

/** One example answer per question, as a person would type it. */
export const PLACEMAT_EXAMPLES = [
  { term: "Owner", meaning: "the one person whose job depends on the number", example: "Dana Lee" },
  { term: "Threshold", meaning: "the number at which it is an emergency", example: "above 3%" },
  { term: "Lever", meaning: "what that person may do without asking anyone", example: "give up to $10k in credits" },
] as const;

export interface PlacematProps {
  /** Hides the placemat for good on this computer. */
  onDismiss(): void;
}

export function Placemat({ onDismiss }: PlacematProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section aria-label="How it works" className={styles.root}>
      <Text weight="semibold">Three questions per metric</Text>
      <ul className={styles.list}>
        {PLACEMAT_EXAMPLES.map((e) => (
          <li key={e.term}>
            <Text>
              <strong>{e.term}</strong>: {e.meaning}. <span className={styles.example}>For example “{e.example}”.</span>
            </Text>
          </li>
        ))}
      </ul>
      <Text size={200}>
        A metric nobody owns, or whose owner may do nothing, is <strong>vanity</strong>: it decorates the dashboard but
        never leads to a decision. Answers go into new columns beside your table; your own cells change only when you
        say so.
      </Text>
      <Button className={styles.dismiss} size="small" appearance="subtle" onClick={onDismiss}>
        Got it, hide this
      </Button>
    </section>
  );
}

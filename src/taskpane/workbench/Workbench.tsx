/**
 * The pane outside Office: open an .xlsx file (picker or drag and drop), audit it with the
 * same screens as in Excel, and download the decision map as a new workbook. Loaded only
 * outside Office (a lazy chunk), so the pane inside Excel does not carry the .xlsx host.
 */
import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { DecisionMap } from "../decisionMap/DecisionMap";
import { loadCore } from "../decisionMap/useDecisionMap";
import {
  fileKey,
  forgetAnswers,
  keepAnswers,
  loadKept,
  savedCount,
  type KeptFile,
  type SavedAnswers,
} from "../persistence";
import { fileHost, loadXlsx, type FileHost } from "./fileHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100vh" },
  open: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  dropActive: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { flexBasis: "100%", overflowWrap: "anywhere" },
  hidden: { display: "none" },
});

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface OpenFile {
  name: string;
  sheets: string[];
  /** The sheets that read as a KPI table (the default first), offered in the pane's picker. */
  kpiSheets: string[];
  sheet: string;
  host: FileHost;
  /** SHA-256 of the bytes as opened: the key its answers are kept under on this computer. */
  key: string;
  /** Answers kept from an earlier session on this file, until the person resumes or starts over. */
  kept: KeptFile | null;
  /** The answers to put back, once the person chose Resume. */
  resume?: SavedAnswers;
  /** Bumped to mount the Decision Map afresh (Resume). */
  generation: number;
}

/** "4 metrics" answered in a kept session, for the Resume offer. */
function keptSummary(kept: KeptFile, sheet: string): string {
  const n = savedCount(kept.sheets[sheet]);
  const when = kept.savedAt ? new Date(kept.savedAt).toLocaleString() : "earlier";
  return `You answered ${n} ${n === 1 ? "metric" : "metrics"} in this workbook on this computer (${when}), not downloaded since.`;
}

/** "Q3 KPIs.xlsx" → "Q3 KPIs.decision-map.xlsx". */
export function downloadName(name: string): string {
  const base = name.replace(/\.(xlsx|xlsm)$/i, "");
  return `${base}.decision-map.xlsx`;
}

function saveFile(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function prefersDark(): boolean {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
}

export function Workbench(): React.JSX.Element {
  const styles = useStyles();
  const [dark] = React.useState(prefersDark);
  const [file, setFile] = React.useState<OpenFile | null>(null);
  const [written, setWritten] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [dragging, setDragging] = React.useState(false);
  // Answers written since the last download: closing the page or opening another file asks first.
  const [unsaved, setUnsaved] = React.useState(false);
  const [confirmingOpen, setConfirmingOpen] = React.useState(false);
  const inputRef = React.useRef<HTMLInputElement>(null);
  const sheetId = useId("sheet");

  // The open button shows first; the .xlsx host and the audit core load behind it, so opening
  // a file does not wait for them (a failed fetch is tried again when the file is opened).
  React.useEffect(() => {
    void loadXlsx().catch(() => undefined);
    void loadCore().catch(() => undefined);
  }, []);

  React.useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Chromium still wants returnValue set to show its "Leave site?" prompt.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [unsaved]);

  const onAnswersSaved = React.useCallback(
    (saved: SavedAnswers) => {
      if (!file) return;
      keepAnswers(file.key, file.name, file.sheet, saved);
      setUnsaved(true);
    },
    [file],
  );

  const download = () => {
    if (!file) return;
    saveFile(file.host.bytes(), downloadName(file.name));
    setUnsaved(false);
  };

  const pickAnother = () => {
    if (unsaved) setConfirmingOpen(true);
    else inputRef.current?.click();
  };

  const host = React.useCallback(
    (bytes: Uint8Array, sheet: string) =>
      fileHost({ bytes, sheetName: sheet, prefersDark: () => dark, onWrite: () => setWritten(true) }),
    [dark],
  );

  const open = React.useCallback(
    async (picked: File | undefined) => {
      if (!picked) return;
      setError(null);
      if (!/\.(xlsx|xlsm)$/i.test(picked.name)) {
        setError(
          `'${picked.name}' is not an .xlsx workbook. Open it in Excel, save it as .xlsx (Excel Workbook), then open that file here.`,
        );
        return;
      }
      try {
        const [buffer, xlsx] = await Promise.all([picked.arrayBuffer(), loadXlsx()]);
        const bytes = new Uint8Array(buffer);
        const wb = xlsx.openWorkbook(bytes);
        const choice = xlsx.chooseKpiSheet(
          wb,
          undefined,
          "Open the sheet that holds your KPIs in Excel, save, and try again.",
        );
        if (!choice.ok) {
          setError(choice.message);
          return;
        }
        const key = await fileKey(bytes);
        const kept = loadKept(key);
        // Reopened with answers kept for another sheet than the default: open that one.
        const keptSheet = kept
          ? Object.keys(kept.sheets).find((s) => wb.sheetNames.includes(s) && savedCount(kept.sheets[s]) > 0)
          : undefined;
        const sheet = kept && savedCount(kept.sheets[choice.name]) === 0 && keptSheet ? keptSheet : choice.name;
        setWritten(false);
        setUnsaved(false);
        setConfirmingOpen(false);
        setFile({
          name: picked.name,
          sheets: wb.sheetNames,
          kpiSheets: [choice.name, ...choice.others],
          sheet,
          host: host(bytes, sheet),
          key,
          kept,
          generation: 0,
        });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [host],
  );

  const picker = (
    <input
      ref={inputRef}
      className={styles.hidden}
      type="file"
      accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      aria-label="Open a workbook (.xlsx)"
      tabIndex={-1}
      onChange={(e) => {
        void open(e.target.files?.[0]);
        e.target.value = ""; // the same file can be opened again
      }}
    />
  );
  const errorBar = error && (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{error}</MessageBarBody>
    </MessageBar>
  );

  /** Reads another sheet of the open file (its answers so far stay in the bytes). */
  const openSheet = (sheet: string) => {
    if (!file || !file.sheets.includes(sheet)) return;
    setFile({ ...file, sheet, host: host(file.host.bytes(), sheet), resume: undefined });
  };

  let body: React.JSX.Element;
  if (!file) {
    body = (
      <main className={styles.open}>
        <Text as="h1" size={500} weight="semibold">
          Decision Map
        </Text>
        <Text>
          Open a KPI workbook to mark who owns each metric, when it is an emergency and what they may do. The file stays
          on this computer: nothing is uploaded, and your file is never changed; you download a new one.
        </Text>
        {errorBar}
        <div
          className={mergeClasses(styles.drop, dragging && styles.dropActive)}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void open(e.dataTransfer.files?.[0]);
          }}
        >
          <Button appearance="primary" onClick={() => inputRef.current?.click()}>
            Open a workbook (.xlsx)
          </Button>
          <Text size={200}>or drop an .xlsx file here</Text>
        </div>
        <Text size={200}>
          In Excel, open the workbook and click <strong>Decision Map</strong> on the Home tab instead.
        </Text>
      </main>
    );
  } else {
    body = (
      <>
        <header className={styles.bar} aria-label="Workbook">
          <Text weight="semibold" className={styles.name}>
            {file.name}
          </Text>
          {file.sheets.length > 1 && (
            <>
              <label htmlFor={sheetId}>
                <Text size={200}>Sheet</Text>
              </label>
              <Select id={sheetId} size="small" value={file.sheet} onChange={(_, d) => openSheet(d.value)}>
                {file.sheets.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </Select>
            </>
          )}
          <Button size="small" disabledFocusable={!written} onClick={download}>
            Download the decision map
          </Button>
          <Button size="small" onClick={pickAnother}>
            Open another
          </Button>
        </header>
        {confirmingOpen && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Your answers are not downloaded yet. They stay kept on this computer for this file: open it again to
              resume. Open another workbook anyway?
            </MessageBarBody>
            <MessageBarActions>
              <Button
                size="small"
                onClick={() => {
                  setConfirmingOpen(false);
                  inputRef.current?.click();
                }}
              >
                Open another
              </Button>
              <Button size="small" onClick={() => setConfirmingOpen(false)}>
                Cancel
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {file.kept && !file.resume && savedCount(file.kept.sheets[file.sheet]) > 0 && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{keptSummary(file.kept, file.sheet)}</MessageBarBody>
            <MessageBarActions>
              <Button
                size="small"
                onClick={() =>
                  setFile({
                    ...file,
                    resume: file.kept!.sheets[file.sheet],
                    host: host(file.host.bytes(), file.sheet),
                    generation: file.generation + 1,
                  })
                }
              >
                Resume
              </Button>
              <Button
                size="small"
                onClick={() => {
                  forgetAnswers(file.key);
                  setFile({ ...file, kept: null });
                }}
              >
                Start over
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {errorBar}
        <DecisionMap
          key={`${file.name}\u0000${file.sheet}\u0000${file.generation}`}
          host={file.host}
          resume={file.resume}
          onAnswersSaved={onAnswersSaved}
          finish={written ? { label: "Download the decision map", run: download } : undefined}
          otherSheets={{ names: file.kpiSheets.filter((s) => s !== file.sheet), pick: openSheet }}
        />
      </>
    );
  }
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} data-theme={dark ? "dark" : "light"}>
      <div className={styles.root}>
        {picker}
        {body}
      </div>
    </FluentProvider>
  );
}

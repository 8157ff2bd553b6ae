/**
 * Another table of the sheet, or another sheet, to audit instead: a Fluent Dropdown (a
 * combobox button with a listbox: Enter or Alt+Down opens it, the arrows move, Enter picks).
 * It shows no value of its own: the line above it names the table being audited, and a pick
 * reads the sheet again. In Excel the other sheets are read when the list first opens: a
 * spinner says so meanwhile, and the sheets that hold a KPI table join the list.
 */
import * as React from "react";
import { Dropdown, Field, Option, Spinner } from "@fluentui/react-components";
import type { SheetSearch, TableChoice } from "./DecisionMap.types";

export interface TablePickerProps {
  choices: TableChoice[];
  onPick(key: string): void;
  /** Whether the workbook's other sheets are still to be read (Excel). @default "none" */
  sheetSearch?: SheetSearch;
  /** Called when the list opens. @default undefined */
  onOpen?(): void;
}

export const READING_SHEETS = "Reading the other sheets…";
export const NO_OTHER_SHEET = "No other sheet holds a KPI table";

function plural(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`;
}

export function TablePicker({ choices, onPick, sheetSearch = "none", onOpen }: TablePickerProps): React.JSX.Element {
  const searching = sheetSearch === "unread" || sheetSearch === "reading";
  const sheets = choices.some((c) => c.key.startsWith("sheet:")) || sheetSearch !== "none";
  const tableCount = choices.filter((c) => !c.key.startsWith("sheet:")).length;
  const tables = tableCount > 0;
  const what = tables && sheets ? "table or sheet" : sheets ? "sheet" : "table";
  const placeholder = searching
    ? tables
      ? `${plural(tableCount, "more table")}, or another sheet`
      : "Another sheet"
    : `${choices.length} more ${choices.length === 1 ? "choice" : "choices"}`;
  return (
    <Field label={`Audit another ${what}`} size="small">
      <Dropdown
        size="small"
        placeholder={placeholder}
        selectedOptions={[]}
        value=""
        onOpenChange={(_, data) => {
          if (data.open) onOpen?.();
        }}
        onOptionSelect={(_, data) => {
          if (data.optionValue) onPick(data.optionValue);
        }}
      >
        {choices.map((c) => (
          <Option key={c.key} value={c.key}>
            {c.text}
          </Option>
        ))}
        {searching && (
          <Option key="reading" value="" text={READING_SHEETS} disabled>
            <Spinner size="extra-tiny" label={READING_SHEETS} labelPosition="after" />
          </Option>
        )}
        {sheetSearch === "read" && !choices.some((c) => c.key.startsWith("sheet:")) && (
          <Option key="none" value="" text={NO_OTHER_SHEET} disabled>
            {NO_OTHER_SHEET}
          </Option>
        )}
      </Dropdown>
    </Field>
  );
}

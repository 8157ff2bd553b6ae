/**
 * Another table of the sheet, or another sheet, to audit instead: a Fluent Dropdown (a
 * combobox button with a listbox: Enter or Alt+Down opens it, the arrows move, Enter picks).
 * It shows no value of its own: the line above it names the table being audited, and a pick
 * reads the sheet again.
 */
import * as React from "react";
import { Dropdown, Field, Option } from "@fluentui/react-components";
import type { TableChoice } from "./DecisionMap.types";

export interface TablePickerProps {
  choices: TableChoice[];
  onPick(key: string): void;
}

export function TablePicker({ choices, onPick }: TablePickerProps): React.JSX.Element {
  const sheets = choices.some((c) => c.key.startsWith("sheet:"));
  const tables = choices.some((c) => !c.key.startsWith("sheet:"));
  const what = tables && sheets ? "table or sheet" : sheets ? "sheet" : "table";
  return (
    <Field label={`Audit another ${what}`} size="small">
      <Dropdown
        size="small"
        placeholder={`${choices.length} more ${choices.length === 1 ? "choice" : "choices"}`}
        selectedOptions={[]}
        value=""
        onOptionSelect={(_, data) => {
          if (data.optionValue) onPick(data.optionValue);
        }}
      >
        {choices.map((c) => (
          <Option key={c.key} value={c.key}>
            {c.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

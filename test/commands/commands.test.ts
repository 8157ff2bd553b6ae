/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { officeDeps, onRefreshGovernance, type CommandDeps } from "../../src/commands/commands";
import { RIBBON_MAX_CELLS } from "../../src/commands/refresh";
import { showText } from "../../src/commands/message";
import { FakeExcel } from "../excel/fake";
import { atEachVersion, atLeast } from "../excel/versions";

/** A KPI sheet: Churn with an owner, NPS with none. */
function workbook(): FakeExcel {
  const excel = new FakeExcel();
  const s = excel.addSheet("Dashboard");
  ["Metric", "Dec", "Owner"].forEach((h, c) => s.set(0, c, h));
  s.set(1, 0, "Churn");
  s.set(1, 1, 0.034, "0.0%");
  s.set(1, 2, "Dana Lee");
  s.set(2, 0, "NPS");
  s.set(2, 1, 41);
  return excel;
}

function deps(excel: FakeExcel) {
  const told: string[] = [];
  const d: CommandDeps = {
    run: (batch) => batch(excel.context()),
    tell: async (message) => {
      told.push(message);
    },
  };
  return { d, told };
}

describe("the ribbon's Refresh governance command", () => {
  test("writes the governance columns of the active sheet, says so, and completes the event", async () => {
    const excel = workbook();
    const { d, told } = deps(excel);
    const completed = jest.fn();
    await onRefreshGovernance({ completed }, d);
    expect(completed).toHaveBeenCalledTimes(1);
    // A success is said: a function command has no other way to show it worked.
    expect(told).toEqual(["Governance refreshed on Dashboard: 2 metrics, 0 decisions."]);
    const s = excel.sheet("Dashboard");
    const headers = [3, 4, 5].map((c) => s.get(0, c)?.value);
    expect(headers).toEqual(["Threshold", "Lever", "Governance"]);
    expect(s.get(1, 5)?.value).toBe("VANITY: no threshold, no lever");
    expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Decision Map", "MBR Brief"]);
  });

  test("run again after an edit, it brings the Governance cells up to date (no second set of columns)", async () => {
    const excel = workbook();
    const { d } = deps(excel);
    await onRefreshGovernance({ completed: jest.fn() }, d);
    const s = excel.sheet("Dashboard");
    s.set(1, 3, "> 3%");
    s.set(1, 4, "pause the pricing rollout for up to 30 days");
    await onRefreshGovernance({ completed: jest.fn() }, d);
    expect(s.get(1, 5)?.value).toBe("DECISION-READY: red now");
    expect(s.get(0, 6)).toBeUndefined();
  });

  test("a protected sheet: only the summary sheets are written, the sheet is untouched, the message says so", async () => {
    const excel = workbook();
    excel.sheet("Dashboard").protected = true;
    const before = excel.sheet("Dashboard").snapshot();
    const { d, told } = deps(excel);
    const completed = jest.fn();
    await onRefreshGovernance({ completed }, d);
    expect(told).toEqual([
      "Governance refreshed on Dashboard: 2 metrics, 0 decisions. Dashboard is protected: governance was written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    ]);
    expect(excel.sheet("Dashboard").snapshot()).toBe(before);
    expect(excel.sheets.map((s) => s.name)).toEqual(["Dashboard", "Decision Map", "MBR Brief"]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("a protected sheet in a workbook whose structure is protected: refused, saying so, nothing written", async () => {
    const excel = workbook();
    excel.sheet("Dashboard").protected = true;
    excel.structureProtected = true;
    const before = excel.sheet("Dashboard").snapshot();
    const { d, told } = deps(excel);
    await onRefreshGovernance({ completed: jest.fn() }, d);
    expect(told).toEqual([expect.stringMatching(/^The workbook's structure is protected, so Decision Map cannot add/)]);
    expect(excel.sheet("Dashboard").snapshot()).toBe(before);
    expect(excel.sheets).toHaveLength(1);
  });

  test("a sheet with no KPI table: the detector's message, and nothing written", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Notes").set(0, 0, "Ideas for Q3");
    const { d, told } = deps(excel);
    await onRefreshGovernance({ completed: jest.fn() }, d);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/\S/);
    expect(excel.sheets.map((x) => x.name)).toEqual(["Notes"]);
    expect(excel.sheet("Notes").snapshot()).toBe('0,0="Ideas for Q3"');
  });

  test("the manifest's button runs the function the command file registers", () => {
    const root = path.resolve(__dirname, "../..");
    const manifest = readFileSync(path.join(root, "manifest.xml"), "utf8");
    expect(manifest).toMatch(/<Action xsi:type="ExecuteFunction">\s*<FunctionName>refreshGovernance<\/FunctionName>/);
    const source = readFileSync(path.join(root, "src/commands/commands.ts"), "utf8");
    expect(source).toMatch(/Office\.actions\.associate\("refreshGovernance"/);
  });
});

atEachVersion((version) => {
  describe("the ribbon command inside Excel", () => {
    test("a refresh pressed while the person is typing in a cell waits for the edit where Excel can (1.11)", async () => {
      const excel = workbook().install();
      excel.editing = true;
      const told: string[] = [];
      await onRefreshGovernance(
        { completed: jest.fn() },
        {
          ...officeDeps(),
          tell: async (m) => {
            told.push(m);
          },
        },
      );
      if (atLeast(version, "1.11")) {
        expect(told).toEqual([expect.stringMatching(/^Governance refreshed/)]);
        expect(excel.sheet("Dashboard").get(0, 5)?.value).toBe("Governance");
      } else {
        expect(told).toEqual([expect.stringMatching(/Press Enter or Esc/)]);
        expect(excel.sheets).toHaveLength(1);
      }
    });

    test("a sheet too large for a function command's 5 minutes is refused before anything is read or written", async () => {
      const excel = workbook();
      excel.sheet("Dashboard").set(RIBBON_MAX_CELLS, 3, "far below"); // the used range is now past the limit
      const before = excel.sheet("Dashboard").snapshot();
      const { d, told } = deps(excel);
      const completed = jest.fn();
      await onRefreshGovernance({ completed }, d);
      expect(told).toEqual([expect.stringMatching(/too large to refresh from the ribbon: open the Decision Map pane/)]);
      expect(excel.sheet("Dashboard").snapshot()).toBe(before);
      expect(excel.sheets).toHaveLength(1);
      expect(completed).toHaveBeenCalledTimes(1);
    });
  });
});

describe("the message dialog", () => {
  test("shows the message as text, never as markup, and focuses Close", () => {
    document.body.innerHTML = '<p id="message"></p><button id="close">Close</button>';
    showText(document, "?text=" + encodeURIComponent("<b>Sheet 'Q3' is protected.</b>"));
    expect(document.getElementById("message")!.textContent).toBe("<b>Sheet 'Q3' is protected.</b>");
    expect(document.querySelector("b")).toBeNull();
    expect(document.activeElement?.id).toBe("close");
  });
});

/** @jest-environment jsdom */
/** Copy delegation inside Excel: the clipboard, the legacy copy command, and a message when both are blocked (issue 11, item 9). */
import { COPY_BLOCKED, copyText } from "../../src/taskpane/excelHost";

function clipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

afterEach(() => {
  document.body.innerHTML = "";
  delete (document as { execCommand?: unknown }).execCommand;
});

describe("copying a delegation", () => {
  test("the asynchronous clipboard when the frame allows it", async () => {
    const written: string[] = [];
    clipboard(async (t) => {
      written.push(t);
    });
    await copyText("Dana may pause the rollout.");
    expect(written).toEqual(["Dana may pause the rollout."]);
  });

  test("blocked in the add-in frame: the legacy copy command on the selected text, and nothing left behind", async () => {
    clipboard(() => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")));
    const copied: string[] = [];
    (document as { execCommand?: unknown }).execCommand = (command: string) => {
      const area = document.activeElement as HTMLTextAreaElement;
      copied.push(`${command}:${area.value.slice(area.selectionStart, area.selectionEnd)}`);
      return true;
    };
    await copyText("Dana may pause the rollout.");
    expect(copied).toEqual(["copy:Dana may pause the rollout."]);
    expect(document.querySelector("textarea")).toBeNull();
  });

  test("both blocked: a message that says what to do (not a raw DOMException), and the text selected for Ctrl+C", async () => {
    clipboard(() => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")));
    (document as { execCommand?: unknown }).execCommand = () => false;
    await expect(copyText("Dana may pause the rollout.")).rejects.toThrow(COPY_BLOCKED);
    expect(COPY_BLOCKED).toMatch(/press Ctrl\+C/);
    const area = document.activeElement as HTMLTextAreaElement;
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe("Dana may pause the rollout.");
  });
});

/// <reference types="office-js" />
/**
 * The ribbon's function file. The Home-tab button opens the task pane (ShowTaskpane), which
 * needs no function here; Office still loads this page for the add-in's commands, so it must
 * initialize Office.js and answer quickly.
 */
export function initializeCommands(): Promise<void> {
  if (typeof Office === "undefined") return Promise.resolve();
  return Office.onReady().then(() => undefined);
}

void initializeCommands();

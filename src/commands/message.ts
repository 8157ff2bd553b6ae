/// <reference types="office-js" />
/** The dialog the ribbon command opens to say why it could not refresh governance. */
export function showText(doc: Document, search: string): void {
  const text = new URLSearchParams(search).get("text") ?? "";
  const target = doc.getElementById("message");
  if (target) target.textContent = text; // as text: never markup
  const close = doc.getElementById("close");
  close?.addEventListener("click", () => {
    if (typeof Office !== "undefined" && Office.context?.ui) Office.context.ui.messageParent("close");
    else window.close();
  });
  close?.focus();
}

if (typeof document !== "undefined" && document.getElementById("message")) {
  const start = () => showText(document, location.search);
  if (typeof Office !== "undefined") void Office.onReady().then(start);
  else start();
}

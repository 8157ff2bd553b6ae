import { readFileSync } from "node:fs";
import * as path from "node:path";
import { haveSchemas, SCHEMA_DIR, validateManifest } from "./manifest-schema";

const ROOT = path.resolve(__dirname, "../..");
const manifest = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
if (!haveSchemas) console.warn(`${SCHEMA_DIR} not found: manifest schema validation skipped`);

(haveSchemas ? describe : describe.skip)("manifest.xml against the add-in XSDs", () => {
  test("is valid", async () => {
    const result = await validateManifest(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test("the validation can fail: a manifest with a bad permission is rejected", async () => {
    const result = await validateManifest(manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"));
    expect(result.valid).toBe(false);
  });
});

describe("manifest.xml says what the add-in is", () => {
  test("an Excel task pane that asks for no more than ReadWriteDocument", () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
    expect(manifest.match(/<Permissions>([^<]*)<\/Permissions>/)?.[1]).toBe("ReadWriteDocument");
  });

  test("declares the ExcelApi requirement set and a Home-tab button that opens the pane", () => {
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
  });

  test("every icon it names is in assets/", () => {
    const icons = [...manifest.matchAll(/assets\/(icon-\d+\.png)/g)].map((m) => m[1]);
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) expect(() => readFileSync(path.join(ROOT, "assets", icon))).not.toThrow();
  });
});

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
    const result = await validateManifest(
      manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"),
    );
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

describe("what a marketplace submission needs", () => {
  // webpack.config.js is CommonJS; the build's manifest transform is exported beside it.

  const config = require("../../webpack.config.js") as {
    manifestFor(content: string, url: string): string;
  };

  test("the production manifest names no localhost address, AppDomain included", () => {
    const prod = config.manifestFor(manifest, "https://addins.example.org/decision-map/");
    expect(prod).not.toMatch(/localhost/);
    expect(prod).toMatch(/<AppDomain>https:\/\/addins\.example\.org<\/AppDomain>/);
    expect(prod).toMatch(
      /<SourceLocation DefaultValue="https:\/\/addins\.example\.org\/decision-map\/taskpane\.html"\/>/,
    );
  });

  test("SupportUrl and LearnMoreUrl name help.html, and the build makes that page", () => {
    const support = /<SupportUrl DefaultValue="([^"]+)"\/>/.exec(manifest)?.[1];
    const learnMore = /<bt:Url id="GetStarted\.LearnMoreUrl" DefaultValue="([^"]+)"\/>/.exec(manifest)?.[1];
    expect(support).toBe("https://localhost:3000/help.html");
    expect(learnMore).toBe(support);
    const webpack = readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
    expect(webpack).toMatch(/filename: "help\.html",\s*template: "\.\/src\/help\/help\.html"/);
    const help = readFileSync(path.join(ROOT, "src/help/help.html"), "utf8");
    expect(help).toMatch(/Reporting a problem/);
    expect(help).toMatch(/MIT licence/);
  });

  test("the licence package.json declares is in the repository", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { license: string };
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(path.join(ROOT, "LICENSE"), "utf8")).toMatch(
      /^MIT License\n[\s\S]*Permission is hereby granted, free of charge/,
    );
  });
});

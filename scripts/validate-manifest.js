#!/usr/bin/env node
"use strict";
/**
 * npm run validate: checks manifest.xml against the add-in XSDs in ../shared/manifest-schemas,
 * offline (office-addin-manifest validate sends the manifest to an online service).
 */
const fs = require("node:fs");
const path = require("node:path");
const { validateXML } = require("xmllint-wasm");

const schemaDir = path.resolve(__dirname, "../../shared/manifest-schemas");
const file = process.argv[2] ?? "manifest.xml";

async function main() {
  if (!fs.existsSync(schemaDir)) {
    console.error(`No schemas at ${schemaDir}: put the shared folder beside this checkout, or validate online with 'npx office-addin-manifest validate ${file}'.`);
    return 2;
  }
  const read = (f) => ({ fileName: f, contents: fs.readFileSync(path.join(schemaDir, f), "utf8") });
  const xsds = fs.readdirSync(schemaDir).filter((f) => f.endsWith(".xsd"));
  const result = await validateXML({
    xml: [{ fileName: path.basename(file), contents: fs.readFileSync(file, "utf8") }],
    schema: [read("OfficeAppManifestV1_1.xsd")],
    preload: xsds.filter((f) => f !== "OfficeAppManifestV1_1.xsd").map(read),
  });
  for (const e of result.errors) console.error(e.rawMessage ?? e.message);
  console.log(result.valid ? `${file} is valid.` : `${file} is not valid.`);
  return result.valid ? 0 : 1;
}

main().then((code) => (process.exitCode = code));

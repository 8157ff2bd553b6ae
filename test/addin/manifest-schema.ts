/** Validates an add-in manifest offline against ../shared/manifest-schemas (libxml2 as wasm). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { validateXML } from "xmllint-wasm";

export const SCHEMA_DIR = path.resolve(__dirname, "../../../shared/manifest-schemas");

export async function validateManifest(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd"));
  const read = (f: string) => ({ fileName: f, contents: readFileSync(path.join(SCHEMA_DIR, f), "utf8") });
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [read("OfficeAppManifestV1_1.xsd")],
    preload: files.filter((f) => f !== "OfficeAppManifestV1_1.xsd").map(read),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage ?? e.message) };
}

export const haveSchemas = existsSync(SCHEMA_DIR);

/**
 * Validators for the machine-readable reports, against the schemas shipped in
 * lib/notify/reports/schemas: X-ARF with Ajv (JSON Schema 2020-12, formats checked), IODEF
 * with xmllint (Debian's libxml2-utils) offline, its web imports mapped to local stand-ins.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const SCHEMAS = path.resolve(import.meta.dirname, "../../lib/notify/reports/schemas");
const readJson = (relative: string) =>
  JSON.parse(readFileSync(path.join(SCHEMAS, relative), "utf8")) as Record<string, unknown>;

// strictTypes and strictRequired off: the published schemas use `format` without `type` inside `if`, and `required`
// in `then` for a property declared in the core schema; both are valid JSON Schema, only not Ajv's preferred style.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addVocabulary(["x-recommended"]);
addFormats.default(ajv);
ajv.addSchema(readJson("xarf-v4/xarf-core.json"));
const XARF_TYPES: Record<string, ReturnType<typeof ajv.compile>> = {
  port_scan: ajv.compile(readJson("xarf-v4/types/connection-port-scan.json")),
  login_attack: ajv.compile(readJson("xarf-v4/types/connection-login-attack.json")),
};

/** The schema's complaints about an X-ARF report (empty when it is valid). */
export function xarfErrors(report: unknown): string[] {
  const type = (report as { type?: string }).type ?? "";
  const validate = XARF_TYPES[type];
  if (!validate) return [`no schema here for X-ARF type "${type}"`];
  return validate(report)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
}

const run = promisify(execFile);

/** xmllint's complaints about an IODEF document (empty when it validates against iodef-2.0.xsd). */
export async function iodefErrors(xml: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "iodef-"));
  try {
    const file = path.join(dir, "report.xml");
    await writeFile(file, xml);
    await run("xmllint", ["--nonet", "--noout", "--schema", path.join(SCHEMAS, "iodef-2.0/iodef-2.0.xsd"), file], {
      env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, "iodef-2.0/stand-ins/catalog.xml") },
    });
    return [];
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return (stderr || message).split("\n").filter((line) => line.trim() && !line.endsWith("fails to validate"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

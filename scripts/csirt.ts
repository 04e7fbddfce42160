/**
 * npm run csirt -- <command>
 *
 *   ingest <file...> [--stream <collector>] [--json]   ingest flow files now, in this process, in order, as the
 *                                           next files of the stream (default "default"), and print what was found
 *   orgs import <members.csv> [--dry-run]   load organisations, address blocks and contacts
 *   import-organisations <members.csv>      the same (10,000 organisations with 200,000 blocks: seconds)
 *   orgs export                             print them in the same CSV format
 *   tokens create --name <what uses it> [--scopes a,b] [--expires-days N]   a staff API token (/api/v1; default
 *                                           scope "ingest", for collectors); `tokens scopes` lists the scopes
 *   tokens revoke <token id>                stop a token at once
 *   report sshd <log file> --reporter <who sent it> [--year YYYY]   third-party sshd evidence
 *   backup <file>                           the embedded database (also while npm start runs) and the stored
 *                                           files, with <file>.sha256 beside it
 *   restore <file> [--force]                into DATA_DIR, after checking the whole archive; --force moves
 *                                           existing data aside (never deletes it)
 *
 * Works on DATABASE_URL, or on the embedded database when `npm start` is not running.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

function fail(message: string): never {
  throw Object.assign(new Error(message), { exitCode: 2 });
}

async function ingest(files: string[], json: boolean, streamOption: string | undefined): Promise<number> {
  if (files.length === 0) fail("usage: npm run csirt -- ingest <file...> [--stream <collector>] [--json]");
  const { parseStreamName } = await import("@/lib/ingest/streams/stream-name");
  let stream: string;
  try {
    stream = parseStreamName(streamOption);
  } catch (error) {
    return fail((error as Error).message);
  }
  const { db } = await import("@/lib/db/client");
  const { createIngestRun } = await import("@/lib/ingest/create-ingest-run");
  const { processIngestRun } = await import("@/lib/ingest/process-ingest-run");
  const runs = [];
  let failed = 0;
  for (const file of files) {
    const run = await createIngestRun(db, { source: "CLI", filePath: path.resolve(file), stream });
    const outcome = await processIngestRun(db, run.id);
    if (outcome.run.status === "FAILED") failed++;
    runs.push({
      file,
      status: outcome.run.status.toLowerCase(),
      format: outcome.run.format,
      flows: outcome.run.flows,
      rejected: outcome.run.rejectedLines,
      repeated: outcome.run.repeatedFlows,
      late: outcome.run.late,
      notes: (outcome.run.notes as string[] | null) ?? [],
      rejectedSamples:
        (outcome.run.rejectedSamples as Array<{ line: number; reason: string }> | null)?.slice(0, 10) ?? [],
      duplicateOf: outcome.run.duplicateOfId,
      error: outcome.run.error,
      durationMs: outcome.run.durationMs,
      incidents: outcome.incidents.map((incident) => ({
        reference: incident.reference,
        organisation: incident.organisation,
        sourceIp: incident.sourceIp,
        port: incident.port,
        flows: incident.flows,
        distinctTargets: incident.distinctTargets,
        firstSeen: incident.firstSeen.toISOString(),
        lastSeen: incident.lastSeen.toISOString(),
        kind: incident.kind,
        action: incident.action,
      })),
    });
  }
  if (json) {
    console.log(JSON.stringify({ runs }, null, 2));
  } else {
    for (const run of runs) {
      if (run.status === "duplicate") {
        console.log(`${run.file}: already ingested (same content as run ${run.duplicateOf}); nothing changed`);
        continue;
      }
      if (run.status === "failed") {
        console.log(`${run.file}: FAILED: ${run.error}`);
        continue;
      }
      console.log(
        `${run.file}: ${run.format}, ${run.flows} flows (${run.repeated} already counted), ${run.rejected} lines rejected, ${run.durationMs} ms`,
      );
      for (const note of run.notes) console.log(`  ${note}`);
      for (const sample of run.rejectedSamples) console.log(`  line ${sample.line}: ${sample.reason}`);
      for (const incident of run.incidents) {
        console.log(
          `  #${incident.reference} ${incident.action.padEnd(8)} ${incident.organisation}: ${incident.sourceIp} ${incident.kind} on ${incident.port}/tcp, ` +
            `${incident.flows} flows to ${incident.distinctTargets} destinations, ${incident.firstSeen} .. ${incident.lastSeen}`,
        );
      }
      if (run.incidents.length === 0) console.log("  no SSH scanners in member networks");
    }
  }
  return failed > 0 ? 1 : 0;
}

async function importOrgs(file: string | undefined, dryRun: boolean): Promise<number> {
  if (!file) fail("usage: npm run csirt -- orgs import <members.csv> [--dry-run]");
  const { parseOrganisationsCsv } = await import("@/lib/orgs/parse-organisations-csv");
  const parsed = parseOrganisationsCsv(await readFile(file, "utf8"));
  for (const warning of parsed.warnings) console.log(`${file}:${warning.line}: warning: ${warning.message}`);
  for (const error of parsed.errors) console.error(`${file}:${error.line}: ${error.message}`);
  if (parsed.errors.length > 0) {
    console.error(`${parsed.errors.length} error(s): nothing imported`);
    return 1;
  }
  if (dryRun) {
    console.log(`${parsed.organisations.length} organisations would be imported (dry run)`);
    return 0;
  }
  const { db } = await import("@/lib/db/client");
  const { importOrganisations } = await import("@/lib/orgs/import-organisations");
  const result = await importOrganisations(db, parsed.organisations, { actor: { label: "cli" } });
  console.log(
    `organisations: ${result.organisationsCreated} created, ${result.organisationsUpdated} updated; ` +
      `blocks: ${result.blocksAdded} added; contacts: ${result.contactsAdded} added, ${result.contactsUpdated} updated`,
  );
  return 0;
}

async function exportOrgs(): Promise<number> {
  const { db } = await import("@/lib/db/client");
  const { exportOrganisationsCsv } = await import("@/lib/orgs/import-organisations");
  process.stdout.write(await exportOrganisationsCsv(db));
  return 0;
}

const TOKEN_USAGE = "usage: npm run csirt -- tokens create --name <what uses it> [--scopes a,b] [--expires-days N]";

async function createToken(
  name: string | undefined,
  scopeList: string | undefined,
  expiresDays: string | undefined,
): Promise<number> {
  if (!name) fail(TOKEN_USAGE);
  const days = expiresDays === undefined ? null : Number(expiresDays);
  if (days !== null && !(Number.isInteger(days) && days > 0)) fail("--expires-days takes a whole number of days");
  const { API_SCOPES, createApiToken } = await import("@/lib/api-tokens/api-tokens");
  const scopes = (scopeList ?? "ingest").split(",").map((scope) => scope.trim());
  const unknown = scopes.filter((scope) => !(API_SCOPES as readonly string[]).includes(scope));
  if (unknown.length) fail(`unknown scope ${unknown.join(", ")}; scopes: ${API_SCOPES.join(", ")}`);
  const { db } = await import("@/lib/db/client");
  const { token, id } = await createApiToken(db, {
    name,
    scopes: scopes as (typeof API_SCOPES)[number][],
    expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
  });
  console.log(token);
  console.error(
    `Token ${id} (${scopes.join(", ")}). Keep it now: it is not shown again. Use it as  Authorization: Bearer <token>`,
  );
  return 0;
}

async function listScopes(): Promise<number> {
  const { API_SCOPES, API_SCOPE_LABEL } = await import("@/lib/api-tokens/api-tokens");
  for (const scope of API_SCOPES) console.log(`${scope.padEnd(24)} ${API_SCOPE_LABEL[scope]}`);
  return 0;
}

async function revokeToken(id: string | undefined): Promise<number> {
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) fail("usage: npm run csirt -- tokens revoke <token id>");
  const { db } = await import("@/lib/db/client");
  const { revokeApiToken } = await import("@/lib/api-tokens/api-tokens");
  await revokeApiToken(db, id);
  console.log(`revoked ${id}`);
  return 0;
}

async function reportSshd(
  file: string | undefined,
  reporter: string | undefined,
  year: string | undefined,
): Promise<number> {
  if (!file || !reporter) fail("usage: npm run csirt -- report sshd <log file> --reporter <who sent it> [--year YYYY]");
  const { db } = await import("@/lib/db/client");
  const { recordThirdPartyReport } = await import("@/lib/incidents/record-third-party-report");
  const result = await recordThirdPartyReport(db, {
    text: await readFile(file, "utf8"),
    reporter,
    year: year ? Number(year) : undefined,
    actor: { label: "cli" },
  });
  console.log(
    `${file}: ${result.lines} lines, ${result.events} failed logins, ${result.rejected.length} lines not understood`,
  );
  for (const incident of result.incidents)
    console.log(
      `  #${incident.reference} ${incident.action.padEnd(8)} ${incident.organisation}: ${incident.sourceIp}, ${incident.attempts} attempts`,
    );
  if (result.outsideMembers.length)
    console.log(`  not in member networks (no incident): ${result.outsideMembers.join(", ")}`);
  return 0;
}

async function backup(out: string | undefined): Promise<number> {
  if (!out) fail("usage: npm run csirt -- backup <file>");
  const [{ createBackup }, { resolveDatabaseTarget }, { defaultInboxDir }, { env }] = await Promise.all([
    import("@/lib/backup/create-backup"),
    import("@/lib/db/target"),
    import("@/lib/ingest/drop-folder"),
    import("@/lib/env"),
  ]);
  const target = resolveDatabaseTarget();
  const summary = await createBackup({
    target,
    dataDir: path.resolve(env().DATA_DIR.trim() || ".data"),
    inboxDir: defaultInboxDir(),
    out,
  });
  const { manifest } = summary;
  console.log(
    `wrote ${summary.file} (${summary.bytes} bytes, SHA-256 ${summary.sha256}, also in ${summary.file}.sha256)`,
  );
  if (manifest.database.kind === "pglite")
    console.log(
      `  database: embedded, ${manifest.database.bytes} bytes, ${manifest.database.migrations.length} migrations`,
    );
  else console.log(`  database: ${manifest.database.note}`);
  console.log(`  stored files: ${manifest.files.length}`);
  return 0;
}

async function restore(archive: string | undefined, force: boolean): Promise<number> {
  if (!archive) fail("usage: npm run csirt -- restore <file> [--force]");
  const [{ restoreBackup, BackupRefusedError }, { resolveDatabaseTarget }, { defaultInboxDir }, { env }] =
    await Promise.all([
      import("@/lib/backup/restore-backup"),
      import("@/lib/db/target"),
      import("@/lib/ingest/drop-folder"),
      import("@/lib/env"),
    ]);
  try {
    const summary = await restoreBackup({
      archive,
      target: resolveDatabaseTarget(),
      dataDir: path.resolve(env().DATA_DIR.trim() || ".data"),
      inboxDir: defaultInboxDir(),
      force,
    });
    console.log(`restored the backup of ${summary.manifest.createdAt}: ${summary.files} stored files`);
    if (summary.manifest.database.kind === "pglite") console.log("  and the embedded database");
    else console.log(`  ${summary.manifest.database.note}`);
    for (const aside of summary.movedAside) console.log(`  the data that was there is now in ${aside}`);
    return 0;
  } catch (error) {
    if (error instanceof BackupRefusedError) return fail(`refused, nothing changed: ${error.message}`);
    throw error;
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      reporter: { type: "string" },
      year: { type: "string" },
      stream: { type: "string" },
      json: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      name: { type: "string" },
      "expires-days": { type: "string" },
      force: { type: "boolean", default: false },
      scopes: { type: "string" },
    },
  });
  const [command, sub, ...rest] = positionals;
  switch (command) {
    case "ingest":
      return ingest(
        [sub, ...rest].filter((file): file is string => Boolean(file)),
        values.json,
        values.stream,
      );
    case "import-organisations":
      return importOrgs(sub, values["dry-run"]);
    case "orgs":
      if (sub === "import") return importOrgs(rest[0], values["dry-run"]);
      if (sub === "export") return exportOrgs();
      return fail("usage: npm run csirt -- orgs import <members.csv> | orgs export");
    case "tokens":
      if (sub === "create") return createToken(values.name, values.scopes, values["expires-days"]);
      if (sub === "scopes") return listScopes();
      if (sub === "revoke") return revokeToken(rest[0]);
      return fail(`${TOKEN_USAGE} | tokens scopes | tokens revoke <id>`);
    case "report":
      if (sub === "sshd") return reportSshd(rest[0], values.reporter, values.year);
      return fail("usage: npm run csirt -- report sshd <log file> --reporter <who sent it>");
    case "backup":
      return backup(sub);
    case "restore":
      return restore(sub, values.force);
    default:
      return fail(
        "commands: report sshd <file> --reporter <x> | ingest <file...> [--json] | orgs import <csv> (or import-organisations <csv>) | orgs export | tokens create --name <x> | backup <file> | restore <file> [--force]",
      );
  }
}

main()
  .then(async (code) => {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit((error as { exitCode?: number }).exitCode ?? 1);
  });

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matrixRoutes, routePattern, scanRepository, scanSource } from "./support/server-entry-points";

const root = path.resolve(import.meta.dirname, "..");
const scan = scanRepository(root);

/** Which audience may call what, by where it lives. A new folder needs a line here: that is the point. */
const AUDIENCE_BY_FOLDER: Array<{ under: RegExp; wrappers: string[] }> = [
  { under: /^app\/\(analyst\)\//, wrappers: ["staffAction", "staffCall", "staffRoute"] },
  { under: /^app\/\(portal\)\//, wrappers: ["institutionAction", "institutionRoute"] },
  { under: /^app\/respond\//, wrappers: ["linkHolderAction", "linkHolderRoute"] },
  { under: /^app\/\(auth\)\/signin\/second-factor\//, wrappers: ["secondFactorAction", "secondFactorCall"] },
  { under: /^app\/\(auth\)\//, wrappers: ["publicAction"] },
  { under: /^app\/api\/v1\//, wrappers: ["apiTokenRoute"] },
  { under: /^app\/api\/(ingest|organisations)\//, wrappers: ["staffRoute"] },
  { under: /^app\/api\/(health|auth)\//, wrappers: ["publicRoute"] },
];

describe("every server action and route handler goes through an audience wrapper", () => {
  it("finds the entry points (the scan is not looking at nothing)", () => {
    const actions = scan.entryPoints.filter((entry) => entry.kind === "action");
    const routes = scan.entryPoints.filter((entry) => entry.kind === "route");
    expect(actions.length).toBeGreaterThan(30);
    expect(routes.length).toBeGreaterThan(10);
    expect(actions.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(["changeStatusAction", "respondByLinkAction", "acknowledgeAction", "signInWithPassword"]),
    );
  });

  it("has no inline server action, re-export or destructured export", () => {
    expect(scan.problems).toEqual([]);
  });

  it("makes each exported action and HTTP method with a wrapper call", () => {
    const unwrapped = scan.entryPoints
      .filter((entry) => entry.wrapper === null)
      .map((entry) => `${entry.file}: ${entry.name}`);
    expect(unwrapped).toEqual([]);
  });

  it("uses the wrapper of the audience its folder serves", () => {
    const wrong = scan.entryPoints.flatMap((entry) => {
      const rule = AUDIENCE_BY_FOLDER.find((candidate) => candidate.under.test(entry.file));
      if (!rule) return [`${entry.file}: ${entry.name} is in a folder no audience rule covers`];
      return rule.wrappers.includes(entry.wrapper ?? "")
        ? []
        : [`${entry.file}: ${entry.name} uses ${entry.wrapper}, expected one of ${rule.wrappers.join(", ")}`];
    });
    expect(wrong).toEqual([]);
  });

  it("has a row in the e2e authorisation matrix for every route handler, and no row for a route that is gone", () => {
    const routes = [
      ...new Set(scan.entryPoints.filter((entry) => entry.kind === "route").map((entry) => routePattern(entry.file))),
    ].sort();
    const inMatrix = new Set(matrixRoutes(readFileSync(path.join(root, "e2e/authorization.spec.ts"), "utf8")));
    expect(routes.filter((route) => !inMatrix.has(route))).toEqual([]);
    expect([...inMatrix].filter((route) => !routes.includes(route))).toEqual([]);
  });
});

describe("the scan itself", () => {
  const actionFile = (body: string) =>
    `"use server";\nimport { staffAction } from "@/lib/http/action";\nimport { something } from "elsewhere";\n${body}`;

  it("accepts a wrapped action and a type export", () => {
    const result = scanSource(
      "app/x/actions.ts",
      actionFile("export type T = string;\nexport const a = staffAction(schema, async () => ({}));"),
      { isRoute: false },
    );
    expect(result).toEqual({
      entryPoints: [{ file: "app/x/actions.ts", name: "a", kind: "action", wrapper: "staffAction" }],
      problems: [],
    });
  });

  it("reports an exported async function, a call of something else, and a re-export", () => {
    const result = scanSource(
      "app/x/actions.ts",
      actionFile(
        "export async function bare(state, form) { return {}; }\nexport const other = something(schema, run);\nexport { helper } from './helper';",
      ),
      { isRoute: false },
    );
    expect(result.entryPoints.map((entry) => [entry.name, entry.wrapper])).toEqual([
      ["bare", null],
      ["other", null],
    ]);
    expect(result.problems).toHaveLength(1);
  });

  it("does not take a wrapper's name from another module", () => {
    const text = `"use server";\nimport { staffAction } from "./my-own";\nexport const a = staffAction(schema, run);`;
    expect(scanSource("app/x/actions.ts", text, { isRoute: false }).entryPoints[0]!.wrapper).toBeNull();
  });

  it("reports an inline server action in a component", () => {
    const text = `export function Button() { return <form action={async () => { "use server"; await go(); }} />; }`;
    expect(scanSource("components/button.tsx", text, { isRoute: false }).problems).toHaveLength(1);
  });

  it("checks the HTTP methods of a route, not its other exports", () => {
    const text = `import { staffRoute } from "@/lib/http/route-handler";\nexport const dynamic = "force-dynamic";\nexport const GET = staffRoute(async () => new Response());\nexport function POST() {}\nexport const { PUT } = handlers;`;
    const result = scanSource("app/api/x/route.ts", text, { isRoute: true });
    expect(result.entryPoints.map((entry) => [entry.name, entry.wrapper])).toEqual([
      ["GET", "staffRoute"],
      ["POST", null],
    ]);
    expect(result.problems).toHaveLength(1);
  });

  it("turns a route file into the path it answers", () => {
    expect(routePattern("app/(analyst)/incidents/[reference]/evidence/[evidenceId]/route.ts")).toBe(
      "/incidents/[reference]/evidence/[evidenceId]",
    );
    expect(routePattern("app/api/health/route.ts")).toBe("/api/health");
  });
});

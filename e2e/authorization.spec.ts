import path from "node:path";
import { type APIRequestContext, type Browser, type Page, request as playwrightRequest } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import {
  attemptPasswordSignIn,
  expect,
  recentFlowUpload,
  signInWithPassword,
  test,
  USERS,
  type Mailbox,
} from "./fixtures";

/**
 * Every page and route × every kind of caller × own / other organisation's object. A guard
 * removed anywhere turns one of these cells red.
 */
/** `mfaPending`: an admin who gave the password but not yet the second factor. */
type Role = "anonymous" | "institutionA" | "institutionB" | "analyst" | "admin" | "mfaPending";
/** `secondfactor`: sent to the second-factor page; `redirected`: sent anywhere else. */
type Expect = "ok" | "signin" | "secondfactor" | "redirected" | "forbidden" | "notfound" | "unauthorised";

const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");
const INSTITUTION_B = "cert@sample-university.example";
const NAT_LOG = "2027-01-09T02:03:00Z nat 10.1.2.3:51234 -> 192.0.2.45:40000 <script>alert(1)</script>\n";

interface World {
  refA: number;
  refB: number;
  evidenceA: string;
  evidenceB: string;
  linkA: string;
  runId: string;
  /** A log Example College attached to its response on incident A. */
  institutionFileA: string;
}

const contexts = new Map<Role, APIRequestContext>();
let world: World;

async function contextFor(browser: Browser, role: Role, mailbox: Mailbox): Promise<APIRequestContext> {
  const page = await browser.newPage();
  if (role === "analyst") await signInWithPassword(page, USERS.analyst);
  if (role === "admin") await signInWithPassword(page, USERS.admin);
  if (role === "mfaPending") {
    await attemptPasswordSignIn(page, USERS.admin);
    await page.waitForURL(/\/signin\/second-factor/);
  }
  if (role === "institutionA") await signInWithPassword(page, USERS.institution);
  if (role === "institutionB") {
    const before = (await mailbox.messagesTo(INSTITUTION_B)).at(-1)?.id ?? 0;
    await page.goto("/signin");
    const form = page.getByRole("form", { name: "Sign in with an e-mail link" });
    await form.getByLabel("Your work e-mail").fill(INSTITUTION_B);
    await form.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    const mail = await mailbox.waitForMessageTo(INSTITUTION_B, { after: before });
    await page.goto(/http:\/\/\S+\/api\/auth\/callback\/email-link\S+/.exec(mail.text)![0]);
    await expect(page).toHaveURL(/\/portal$/);
  }
  const state = await page.context().storageState();
  await page.close();
  return playwrightRequest.newContext({ baseURL: APP_URL, storageState: state });
}

async function status(context: APIRequestContext, method: "GET" | "POST", url: string): Promise<Expect | number> {
  const response =
    method === "GET"
      ? await context.get(url, { maxRedirects: 0 })
      : await context.post(url, { data: "x", headers: { "x-file-name": "probe.txt" }, maxRedirects: 0 });
  const code = response.status();
  if (code === 200 || code === 202) return "ok";
  const location = response.headers().location ?? "";
  if ((code === 307 || code === 303 || code === 302) && location.includes("/signin/second-factor"))
    return "secondfactor";
  if ((code === 307 || code === 303 || code === 302) && location.includes("/signin")) return "signin";
  if (code === 403) return "forbidden";
  if (code === 404) return "notfound";
  if (code === 401) return "unauthorised";
  if (code === 307 && location.endsWith("/portal")) return "ok";
  if (code === 307 || code === 303 || code === 302) return "redirected";
  return code;
}

test.beforeAll(async ({ browser }) => {
  // Six callers sign in (the admin with a second factor) and two organisations get incidents and files.
  test.setTimeout(180_000);
  const { mailbox } = { mailbox: (await import("./fixtures")).mailboxClient };
  for (const role of ["anonymous", "institutionA", "institutionB", "analyst", "admin", "mfaPending"] as Role[])
    contexts.set(role, await contextFor(browser, role, mailbox));

  // Incidents for both organisations, from the shared sample (Example College = A, Sample University = B).
  const analyst = await browser.newPage();
  await signInWithPassword(analyst, USERS.analyst);
  await analyst.goto("/ingest");
  await analyst.getByLabel("Flow file", { exact: true }).setInputFiles(recentFlowUpload(SAMPLE));
  await analyst.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(
    analyst
      .getByTestId("ingest-run")
      .filter({ hasText: "nfdump-1.7.1-example.csv" })
      .first()
      .getByText(/succeeded|duplicate/),
  ).toBeVisible({ timeout: 60_000 });
  const runId = String(
    (await (await contexts.get("analyst")!.get("/ingest")).text()).match(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    )?.[0] ?? "",
  );

  const refs = async (role: Role) => {
    const page = await browser.newPage({ storageState: await contexts.get(role)!.storageState() });
    await page.goto("/portal");
    const link = page
      .getByTestId("portal-incident")
      .filter({ hasText: /192\.0\.2\.45|2001:db8:10:1::99/ })
      .first()
      .getByRole("link")
      .first();
    const href = (await link.getAttribute("href"))!;
    await page.goto(href);
    const evidenceHref = (await page.getByRole("link", { name: /log-sample\.txt$/ }).getAttribute("href"))!;
    await page.close();
    return { ref: Number(href.split("/").pop()), evidence: evidenceHref.split("/").pop()! };
  };
  const a = await refs("institutionA");
  const b = await refs("institutionB");
  const notice = (await mailbox.messagesTo(USERS.institution)).find((message) =>
    message.subject.includes(`#${a.ref}]`),
  )!;
  const linkA = /\/respond\/\S+/.exec(notice.text)![0];
  const institutionA = await browser.newPage({ storageState: await contexts.get("institutionA")!.storageState() });
  await institutionA.goto(`/portal/incidents/${a.ref}`);
  const respond = institutionA.getByRole("form", { name: "Respond" });
  await respond.getByLabel("Notes for the CSIRT").fill("Our NAT log for the period is attached.");
  await respond
    .getByLabel("Your logs (optional)")
    .setInputFiles({ name: "college-nat.log", mimeType: "text/plain", buffer: Buffer.from(NAT_LOG) });
  await respond.getByRole("button", { name: "Send response" }).click();
  await expect(respond.getByRole("status")).toBeVisible();
  // The same log sent again is listed once, with how often it came.
  await institutionA.reload();
  await respond.getByLabel("Notes for the CSIRT").fill("The same log again, in case the first did not arrive.");
  await respond
    .getByLabel("Your logs (optional)")
    .setInputFiles({ name: "college-nat.log", mimeType: "text/plain", buffer: Buffer.from(NAT_LOG) });
  await respond.getByRole("button", { name: "Send response" }).click();
  await expect(respond.getByRole("status")).toBeVisible();
  await institutionA.close();
  await analyst.goto(`/incidents/${a.ref}`);
  const institutionFiles = analyst.getByTestId("institution-files");
  await expect(institutionFiles.getByRole("listitem")).toHaveCount(1);
  await expect(institutionFiles).toContainText("sent 2 times");
  const fileHref = (await institutionFiles
    .getByRole("link", { name: "college-nat.log" })
    .first()
    .getAttribute("href"))!;
  await analyst.close();
  world = {
    refA: a.ref,
    refB: b.ref,
    evidenceA: a.evidence,
    evidenceB: b.evidence,
    linkA,
    runId,
    institutionFileA: fileHref.split("/").pop()!,
  };
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

const STAFF_PAGE: Record<Role, Expect> = {
  anonymous: "signin",
  institutionA: "forbidden",
  institutionB: "forbidden",
  analyst: "ok",
  admin: "ok",
  mfaPending: "secondfactor",
};
const ADMIN_PAGE: Record<Role, Expect> = { ...STAFF_PAGE, analyst: "forbidden" };
const PORTAL_PAGE: Record<Role, Expect> = {
  anonymous: "signin",
  institutionA: "ok",
  institutionB: "ok",
  analyst: "forbidden",
  admin: "forbidden",
  mfaPending: "secondfactor",
};

/** Staff-only routes refuse every institution user before looking anything up: no organisation learns what exists. */
const STAFF_API: Record<Role, Expect> = {
  anonymous: "unauthorised",
  institutionA: "forbidden",
  institutionB: "forbidden",
  analyst: "ok",
  admin: "ok",
  mfaPending: "unauthorised",
};
/** The API for collectors knows tokens only: a browser session is no token. */
const NO_TOKEN: Record<Role, Expect> = {
  anonymous: "unauthorised",
  institutionA: "unauthorised",
  institutionB: "unauthorised",
  analyst: "unauthorised",
  admin: "unauthorised",
  mfaPending: "unauthorised",
};
const ANYONE: Record<Role, Expect> = {
  anonymous: "ok",
  institutionA: "ok",
  institutionB: "ok",
  analyst: "ok",
  admin: "ok",
  mfaPending: "ok",
};

/**
 * `route` names the route handler a row exercises (its app/ path pattern): every route handler
 * must have a row (test/authorisation-coverage.test.ts scans app/ and fails otherwise).
 */
const MATRIX: Array<{
  name: string;
  method?: "GET" | "POST";
  route?: string;
  url: (w: World) => string;
  expected: Record<Role, Expect>;
}> = [
  { name: "dashboard", url: () => "/", expected: { ...STAFF_PAGE, institutionA: "ok", institutionB: "ok" } },
  ...[
    "/incidents",
    "/organisations",
    "/organisations/example-college",
    "/ingest",
    "/outbox",
    "/templates",
    "/requests",
    "/mail",
    "/settings",
    "/settings/retention",
    "/settings/webhooks",
    "/dev/mailbox",
  ].map((url) => ({ name: url, url: () => url, expected: STAFF_PAGE })),
  { name: "an incident page (staff)", url: (w: World) => `/incidents/${w.refA}`, expected: STAFF_PAGE },
  { name: "sign-in security (staff account page)", url: () => "/account/security", expected: STAFF_PAGE },
  { name: "API tokens (administrators)", url: () => "/settings/api-tokens", expected: ADMIN_PAGE },
  {
    name: "a webhook that does not exist (staff)",
    url: () => "/settings/webhooks/00000000-0000-4000-8000-000000000000",
    expected: { ...STAFF_PAGE, analyst: "notfound", admin: "notfound" },
  },
  { name: "your account (staff)", url: () => "/account", expected: STAFF_PAGE },
  {
    name: "the second-factor page: only for a session owing it",
    url: () => "/signin/second-factor",
    expected: {
      anonymous: "signin",
      institutionA: "ok",
      institutionB: "ok",
      analyst: "redirected",
      admin: "redirected",
      mfaPending: "ok",
    },
  },
  {
    name: "the sign-in page sends a session owing its second factor on",
    url: () => "/signin",
    expected: { ...ANYONE, analyst: "redirected", admin: "redirected", mfaPending: "secondfactor" },
  },
  { name: "portal home", url: () => "/portal", expected: PORTAL_PAGE },
  { name: "portal contacts", url: () => "/portal/contacts", expected: PORTAL_PAGE },
  { name: "portal suppressions", url: () => "/portal/suppressions", expected: PORTAL_PAGE },
  { name: "portal API tokens", url: () => "/portal/api-tokens", expected: PORTAL_PAGE },
  { name: "portal data retention", url: () => "/portal/data-retention", expected: PORTAL_PAGE },
  {
    name: "A's incident in the portal",
    url: (w: World) => `/portal/incidents/${w.refA}`,
    expected: { ...PORTAL_PAGE, institutionB: "notfound" },
  },
  {
    name: "B's incident in the portal",
    url: (w: World) => `/portal/incidents/${w.refB}`,
    expected: { ...PORTAL_PAGE, institutionA: "notfound" },
  },
  {
    name: "A's file",
    route: "/portal/incidents/[reference]/evidence/[evidenceId]",
    url: (w: World) => `/portal/incidents/${w.refA}/evidence/${w.evidenceA}`,
    expected: {
      anonymous: "unauthorised",
      institutionA: "ok",
      institutionB: "notfound",
      analyst: "forbidden",
      admin: "forbidden",
      mfaPending: "unauthorised",
    },
  },
  {
    name: "B's file guessed under A's incident",
    url: (w: World) => `/portal/incidents/${w.refA}/evidence/${w.evidenceB}`,
    expected: {
      anonymous: "unauthorised",
      institutionA: "notfound",
      institutionB: "notfound",
      analyst: "forbidden",
      admin: "forbidden",
      mfaPending: "unauthorised",
    },
  },
  {
    name: "A's attached file (staff download)",
    route: "/incidents/[reference]/evidence/[evidenceId]",
    url: (w: World) => `/incidents/${w.refA}/evidence/${w.institutionFileA}`,
    expected: STAFF_API,
  },
  {
    name: "B's file guessed under A's incident (staff download)",
    url: (w: World) => `/incidents/${w.refA}/evidence/${w.evidenceB}`,
    expected: { ...STAFF_API, analyst: "notfound", admin: "notfound" },
  },
  {
    name: "A's incident as a MISP event (staff export)",
    route: "/incidents/[reference]/export",
    url: (w: World) => `/incidents/${w.refA}/export?format=misp`,
    expected: STAFF_API,
  },
  {
    name: "the queue as a STIX 2.1 bundle (staff export)",
    route: "/incidents/export",
    url: () => "/incidents/export?format=stix&status=all",
    expected: STAFF_API,
  },
  {
    name: "A's response link",
    url: (w: World) => w.linkA,
    expected: ANYONE,
  },
  {
    name: "B's file through A's response link",
    url: (w: World) => `${w.linkA}/evidence/${w.evidenceB}`,
    expected: {
      anonymous: "notfound",
      institutionA: "notfound",
      institutionB: "notfound",
      analyst: "notfound",
      admin: "notfound",
      mfaPending: "notfound",
    },
  },
  {
    name: "A's file through A's response link",
    route: "/respond/[token]/evidence/[evidenceId]",
    url: (w: World) => `${w.linkA}/evidence/${w.evidenceA}`,
    expected: ANYONE,
  },
  {
    name: "a forged response link",
    url: (w: World) => `${w.linkA.slice(0, -4)}AAAA`,
    expected: ANYONE,
  },
  {
    name: "ingest run status API",
    route: "/api/ingest/runs/[runId]",
    url: (w: World) => `/api/ingest/runs/${w.runId}`,
    expected: {
      anonymous: "unauthorised",
      institutionA: "forbidden",
      institutionB: "forbidden",
      analyst: "ok",
      admin: "ok",
      mfaPending: "unauthorised",
    },
  },
  {
    name: "organisation suggestions API",
    route: "/api/organisations/suggestions",
    url: () => "/api/organisations/suggestions?q=college",
    expected: {
      anonymous: "unauthorised",
      institutionA: "forbidden",
      institutionB: "forbidden",
      analyst: "ok",
      admin: "ok",
      mfaPending: "unauthorised",
    },
  },
  {
    name: "upload API",
    method: "POST",
    route: "/api/ingest/uploads",
    url: () => "/api/ingest/uploads",
    expected: {
      anonymous: "unauthorised",
      institutionA: "forbidden",
      institutionB: "forbidden",
      analyst: "ok",
      admin: "ok",
      mfaPending: "unauthorised",
    },
  },
  {
    name: "flows API without a token",
    method: "POST",
    route: "/api/v1/flows",
    url: () => "/api/v1/flows",
    expected: NO_TOKEN,
  },
  {
    name: "flows run API without a token",
    route: "/api/v1/flows/[runId]",
    url: (w: World) => `/api/v1/flows/${w.runId}`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/incidents without a token",
    method: "GET",
    route: "/api/v1/incidents",
    url: () => "/api/v1/incidents?status=open",
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/incidents/[reference] without a token",
    method: "GET",
    route: "/api/v1/incidents/[reference]",
    url: (w: World) => `/api/v1/incidents/${w.refA}`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/incidents/[reference]/export without a token",
    method: "GET",
    route: "/api/v1/incidents/[reference]/export",
    url: (w: World) => `/api/v1/incidents/${w.refA}/export?format=misp`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/incidents/export without a token",
    method: "GET",
    route: "/api/v1/incidents/export",
    url: () => "/api/v1/incidents/export?format=stix",
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/incidents/[reference]/timeline without a token",
    method: "GET",
    route: "/api/v1/incidents/[reference]/timeline",
    url: (w: World) => `/api/v1/incidents/${w.refA}/timeline`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/incidents/[reference]/evidence/[evidenceId] without a token",
    method: "GET",
    route: "/api/v1/incidents/[reference]/evidence/[evidenceId]",
    url: (w: World) => `/api/v1/incidents/${w.refA}/evidence/${w.evidenceA}`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API POST /api/v1/incidents/[reference]/status without a token",
    method: "POST",
    route: "/api/v1/incidents/[reference]/status",
    url: (w: World) => `/api/v1/incidents/${w.refA}/status`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API POST /api/v1/incidents/[reference]/assignee without a token",
    method: "POST",
    route: "/api/v1/incidents/[reference]/assignee",
    url: (w: World) => `/api/v1/incidents/${w.refA}/assignee`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API POST /api/v1/incidents/[reference]/notes without a token",
    method: "POST",
    route: "/api/v1/incidents/[reference]/notes",
    url: (w: World) => `/api/v1/incidents/${w.refA}/notes`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API POST /api/v1/incidents/[reference]/responses without a token",
    method: "POST",
    route: "/api/v1/incidents/[reference]/responses",
    url: (w: World) => `/api/v1/incidents/${w.refA}/responses`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API POST /api/v1/incidents/[reference]/resolution without a token",
    method: "POST",
    route: "/api/v1/incidents/[reference]/resolution",
    url: (w: World) => `/api/v1/incidents/${w.refA}/resolution`,
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/organisations without a token",
    method: "GET",
    route: "/api/v1/organisations",
    url: () => "/api/v1/organisations",
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/organisations/[slug] without a token",
    method: "GET",
    route: "/api/v1/organisations/[slug]",
    url: () => "/api/v1/organisations/example-college",
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/contact-requests without a token",
    method: "GET",
    route: "/api/v1/contact-requests",
    url: () => "/api/v1/contact-requests",
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/ingest-runs without a token",
    method: "GET",
    route: "/api/v1/ingest-runs",
    url: () => "/api/v1/ingest-runs",
    expected: NO_TOKEN,
  },
  {
    name: "REST API GET /api/v1/notifications without a token",
    method: "GET",
    route: "/api/v1/notifications",
    url: () => "/api/v1/notifications",
    expected: NO_TOKEN,
  },
  {
    name: "REST API POST /api/v1/contact-requests without a token",
    method: "POST",
    route: "/api/v1/contact-requests",
    url: () => "/api/v1/contact-requests",
    expected: NO_TOKEN,
  },
  {
    name: "the OpenAPI document",
    route: "/api/v1/openapi.json",
    url: () => "/api/v1/openapi.json",
    expected: ANYONE,
  },
  { name: "the API reference", url: () => "/api-reference", expected: ANYONE },
  {
    name: "the queue as CSV",
    route: "/incidents/export.csv",
    url: () => "/incidents/export.csv?status=all",
    expected: STAFF_API,
  },
  {
    name: "an institution's own incidents as CSV",
    route: "/portal/incidents/export.csv",
    url: () => "/portal/incidents/export.csv",
    expected: {
      anonymous: "unauthorised",
      institutionA: "ok",
      institutionB: "ok",
      analyst: "forbidden",
      admin: "forbidden",
      mfaPending: "unauthorised",
    },
  },
  {
    name: "REST API GET /api/v1/incidents.csv without a token",
    method: "GET",
    route: "/api/v1/incidents.csv",
    url: () => "/api/v1/incidents.csv",
    expected: NO_TOKEN,
  },
  {
    name: "organisations CSV export",
    route: "/organisations/export.csv",
    url: () => "/organisations/export.csv",
    expected: STAFF_API,
  },
  { name: "health", route: "/api/health", url: () => "/api/health", expected: ANYONE },
  { name: "readiness", route: "/api/health/ready", url: () => "/api/health/ready", expected: ANYONE },
  {
    name: "Auth.js session endpoint",
    route: "/api/auth/[...nextauth]",
    url: () => "/api/auth/session",
    expected: ANYONE,
  },
  {
    name: "a dev mailbox attachment (no such mail)",
    route: "/dev/mailbox/[mailId]/attachments/[index]",
    url: () => "/dev/mailbox/3f1e8d3a-5a8e-4d4b-9d55-2c1d2b1c0a01/attachments/0",
    expected: { ...STAFF_API, analyst: "notfound", admin: "notfound" },
  },
];

for (const row of MATRIX) {
  test(`authorisation: ${row.name}`, async () => {
    const actual: Record<string, Expect | number> = {};
    for (const role of contexts.keys())
      actual[role] = await status(contexts.get(role)!, row.method ?? "GET", row.url(world));
    expect(actual).toEqual(row.expected);
  });
}

test("a forged response link shows no incident", async () => {
  const response = await contexts.get("anonymous")!.get(`${world.linkA.slice(0, -4)}AAAA`);
  const html = await response.text();
  expect(html).toContain("This link does not work");
  expect(html).not.toContain("192.0.2.45");
});

test("a response link revoked by an analyst stops working at once", async ({ browser }) => {
  const analyst = await browser.newPage({ storageState: await contexts.get("analyst")!.storageState() });
  await analyst.goto(`/incidents/${world.refA}`);
  await analyst.getByRole("button", { name: "Withdraw the response links sent for this incident" }).click();
  await analyst.getByRole("button", { name: "Keep them" }).click();
  expect(await (await contexts.get("anonymous")!.get(world.linkA)).text()).not.toContain("This link was withdrawn");
  await analyst.getByRole("button", { name: "Withdraw the response links sent for this incident" }).click();
  await analyst.getByRole("button", { name: "Yes, withdraw the links" }).click();
  await expect(analyst.getByRole("form", { name: "Withdraw response links" }).getByRole("status")).toContainText(
    /Withdrew \d+ response link/,
  );
  const html = await (await contexts.get("anonymous")!.get(world.linkA)).text();
  expect(html).toContain("This link was withdrawn by the CSIRT");
  expect(html).not.toContain("192.0.2.45");
  const download = await contexts
    .get("anonymous")!
    .get(`${world.linkA}/evidence/${world.evidenceA}`, { maxRedirects: 0 });
  expect(download.status()).toBe(403);
});

test("an analyst downloads the file an institution attached, as an attachment that is never rendered", async ({
  browser,
}) => {
  const analyst = await browser.newPage({ storageState: await contexts.get("analyst")!.storageState() });
  await analyst.goto(`/incidents/${world.refA}`);
  const downloading = analyst.waitForEvent("download");
  await analyst.getByTestId("institution-files").getByRole("link", { name: "college-nat.log" }).first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("college-nat.log");
  const response = await contexts.get("analyst")!.get(`/incidents/${world.refA}/evidence/${world.institutionFileA}`);
  expect(await response.text()).toBe(NAT_LOG);
  expect(response.headers()["content-disposition"]).toBe('attachment; filename="college-nat.log"');
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-type"]).toMatch(/^(text\/plain|application\/octet-stream)/);
  await analyst.close();
});

/** A server action call as the browser sends it (action id header, encoded form), captured and kept from reaching the server. */
interface ActionCall {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

async function captureActionCall(page: Page, submit: () => Promise<void>): Promise<ActionCall> {
  let call: ActionCall | null = null;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const { cookie: _cookie, ...headers } = request.headers();
    call = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await submit();
  await expect.poll(() => call !== null).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return call!;
}

/** The same call made by another kind of caller: the action's answer (its state is in the response), never a 500. */
async function replay(role: Role, call: ActionCall): Promise<{ status: number; text: string }> {
  const response = await contexts
    .get(role)!
    .post(call.url, { headers: call.headers, data: call.body, maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

test("a staff action called by anyone else is refused with a message before its input is read", async ({ browser }) => {
  const analyst = await browser.newPage({ storageState: await contexts.get("analyst")!.storageState() });
  await analyst.goto(`/incidents/${world.refA}`);
  const form = analyst.getByRole("form", { name: "Add a note" });
  await form.getByLabel("Note").fill("replayed note");
  const call = await captureActionCall(analyst, () => form.getByRole("button", { name: "Add note" }).click());
  await analyst.close();

  expect(await replay("anonymous", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Sign in to continue."),
  });
  for (const role of ["institutionA", "institutionB"] as Role[]) {
    expect(await replay(role, call)).toMatchObject({
      status: 200,
      text: expect.stringContaining("Your account cannot do this."),
    });
  }
  expect(await replay("mfaPending", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Finish signing in: confirm it is you with your second factor."),
  });
  const notesBefore = (await (await contexts.get("analyst")!.get(`/incidents/${world.refA}`)).text()).split(
    "replayed note",
  ).length;
  expect(notesBefore).toBe(1);
  // The same call from an analyst works: the refusals above came from the caller, not from a broken replay.
  expect(await replay("analyst", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Internal note added."),
  });
  expect(await (await contexts.get("analyst")!.get(`/incidents/${world.refA}`)).text()).toContain("replayed note");
});

test("an institution action called by staff or by another organisation is refused; its own organisation's user succeeds", async ({
  browser,
}) => {
  const institutionB = await browser.newPage({ storageState: await contexts.get("institutionB")!.storageState() });
  await institutionB.goto(`/portal/incidents/${world.refB}`);
  // Responding changes no status, so the incident stays as later specs expect it.
  const respond = institutionB.getByRole("form", { name: "Respond" });
  await respond.getByLabel("Notes for the CSIRT").fill("Replayed response from Sample University.");
  const call = await captureActionCall(institutionB, () =>
    respond.getByRole("button", { name: "Send response" }).click(),
  );
  await institutionB.close();

  expect(await replay("anonymous", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Sign in to continue."),
  });
  expect(await replay("analyst", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Your account cannot do this."),
  });
  expect(await replay("mfaPending", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Finish signing in"),
  });
  expect(await replay("institutionA", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("No such incident."),
  });
  expect(await replay("institutionB", call)).toMatchObject({
    status: 200,
    text: expect.stringContaining("Your response is on the incident; the CSIRT sees it now."),
  });
});

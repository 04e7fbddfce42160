import { request as httpRequest } from "node:http";
import path from "node:path";
import { type APIRequestContext, type Browser, request as playwrightRequest } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";

/** Issue 11's defects at the HTTP level: headers, return paths, origins, body limits, bad input, leaks. */
test.describe.configure({ mode: "serial" });

const contexts: Record<"anonymous" | "analyst" | "institution", APIRequestContext | undefined> = {
  anonymous: undefined,
  analyst: undefined,
  institution: undefined,
};

async function signedIn(browser: Browser, email?: string): Promise<APIRequestContext> {
  const page = await browser.newPage();
  if (email) await signInWithPassword(page, email);
  const storageState = await page.context().storageState();
  await page.close();
  return playwrightRequest.newContext({ baseURL: APP_URL, storageState });
}

test.beforeAll(async ({ browser }) => {
  contexts.anonymous = await signedIn(browser);
  contexts.analyst = await signedIn(browser, USERS.analyst);
  contexts.institution = await signedIn(browser, USERS.institution);
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((context) => context?.dispose()));
});

/** A raw request that declares a body size and sends only the start of it, timing the answer. */
function declareLargeBody(
  path: string,
  { declaredBytes, headers = {} }: { declaredBytes: number; headers?: Record<string, string> },
) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const url = new URL(path, APP_URL);
    const outgoing = httpRequest(
      url,
      { method: "POST", headers: { "content-length": String(declaredBytes), ...headers } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, body, ms: Date.now() - started });
          outgoing.destroy();
        });
      },
    );
    outgoing.on("error", (error) => (error.message.includes("socket hang up") ? undefined : reject(error)));
    outgoing.write(Buffer.alloc(64 * 1024, 120));
  });
}

test("pages carry a nonce CSP without unsafe-inline scripts, and the other security headers", async () => {
  const response = await contexts.anonymous!.get("/signin");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  const html = await response.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // APP_URL is http here: no HSTS (a browser would ignore it, and it would stick to a real host).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const second = await contexts.anonymous!.get("/signin");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
});

test("return paths: off-site targets fall back to our own pages, control characters and non-ASCII are a 400", async () => {
  for (const hostile of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%C3%A9"]) {
    const response = await contexts.analyst!.get(`/signin?callbackUrl=${hostile}`, { maxRedirects: 0 });
    expect(response.status(), hostile).toBe(400);
    expect(await response.text()).toContain("not a valid link to this site");
  }
  for (const offsite of [
    "https%3A%2F%2Fevil.example%2F",
    "%2F%2Fevil.example",
    "%2F%5Cevil.example",
    "javascript%3Aalert(1)",
  ]) {
    const response = await contexts.analyst!.get(`/signin?callbackUrl=${offsite}`, { maxRedirects: 0 });
    expect(response.status(), offsite).toBe(307);
    expect(new URL(response.headers().location!, APP_URL).origin, offsite).toBe(new URL(APP_URL).origin);
  }
  const own = await contexts.analyst!.get(`/signin?callbackUrl=${encodeURIComponent("/incidents?status=NEW")}`, {
    maxRedirects: 0,
  });
  expect(own.headers().location).toMatch(/\/incidents\?status=NEW$/);
});

test("a foreign Origin is refused with 403 on pages, actions and upload routes", async () => {
  for (const path of ["/signin", "/portal", "/api/ingest/uploads", "/api/v1/flows"]) {
    const response = await contexts.analyst!.post(path, {
      data: "x",
      headers: { origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(403);
  }
  const api = await contexts.analyst!.post("/api/v1/incidents/1/status", {
    data: { status: "CLOSED" },
    headers: { origin: "https://evil.example" },
  });
  expect(api.status()).toBe(403);
  expect(api.headers()["content-type"]).toBe("application/problem+json");
});

test("bodies: large ones are refused before they are read", async () => {
  const anonymousUpload = await declareLargeBody("/api/v1/flows?name=x.csv", { declaredBytes: 2 * 1024 ** 3 });
  expect(anonymousUpload.status).toBe(401);
  const anonymousIngest = await declareLargeBody("/api/ingest/uploads", { declaredBytes: 2 * 1024 ** 3 });
  expect(anonymousIngest.status).toBe(401);
  const action = await declareLargeBody("/signin", {
    declaredBytes: 200 * 1024 ** 2,
    headers: { "next-action": "0".repeat(42) },
  });
  expect(action.status).toBe(413);
  expect(action.body).toContain("larger than 1 MiB");
  const api = await declareLargeBody("/api/v1/incidents/1/status", { declaredBytes: 2 * 1024 ** 2 });
  expect(api.status).toBe(413);
  expect(JSON.parse(api.body)).toMatchObject({ status: 413, title: "The request body is too large" });
  for (const result of [anonymousUpload, anonymousIngest, action, api]) expect(result.ms).toBeLessThan(5_000);
});

test("an analyst's upload larger than the proxy's buffer arrives whole", async () => {
  const lines = Array.from(
    { length: 200_000 },
    (_, index) => `2027-01-09 02:00:00.000 TCP 100.64.0.9:${1024 + (index % 60000)} -> 203.0.113.${index % 250}:22`,
  );
  const body = Buffer.from(`${lines.join("\n")}\n`);
  expect(body.length).toBeGreaterThan(10 * 1024 ** 2);
  const response = await contexts.analyst!.post("/api/ingest/uploads", {
    data: body,
    headers: { "x-file-name": "large.txt" },
  });
  expect(response.status()).toBe(202);
  expect(((await response.json()) as { bytes: number }).bytes).toBe(body.length);
});

test("bad input answers 4xx, never 500", async () => {
  expect((await contexts.analyst!.get("/incidents/2147483648")).status()).toBe(404);
  expect((await contexts.analyst!.get("/incidents/99999999999")).status()).toBe(404);
  expect((await contexts.institution!.get("/portal/incidents/2147483648")).status()).toBe(404);
  expect(
    (
      await contexts.institution!.get("/portal/incidents/2147483648/evidence/00000000-0000-4000-8000-000000000000")
    ).status(),
  ).toBe(404);
  const queue = await contexts.analyst!.get("/incidents?to=9999-12-31&from=0000-01-01");
  expect(queue.status()).toBe(200);
  expect(await queue.text()).toContain("between 1970 and 2999");
  expect((await contexts.analyst!.get("/outbox?state=SENT&state=FAILED")).status()).toBe(200);
  expect((await contexts.analyst!.get("/organisations/%00")).status()).toBe(404);
  expect((await contexts.analyst!.get("/organisations?q=%00")).status()).toBe(200);
  expect((await contexts.analyst!.get("/incidents?org=%00")).status()).toBe(200);
  expect((await contexts.analyst!.get("/api/organisations/suggestions?q=%00ex")).status()).toBe(200);
});

test("a tampered portal form and a non-staff caller of a staff action get a message, not an error page", async ({
  browser,
}) => {
  const analyst = await browser.newPage();
  await signInWithPassword(analyst, USERS.analyst);
  // Incidents for the institution's portal below (a file ingested before is fine).
  await ingestFlowFile(analyst, path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv"));
  await analyst.goto("/ingest");
  // The same page, now acting as an institution user: the action must refuse with its own words.
  const institutionState = await contexts.institution!.storageState();
  await analyst.context().clearCookies();
  await analyst.context().addCookies(institutionState.cookies);
  const report = analyst.getByRole("form", { name: "Report sshd log lines" });
  await report.getByLabel("Reported by").fill("Probe");
  await report
    .getByLabel("sshd log lines")
    .fill("Jan  9 02:00:00 host sshd[1]: Failed password for root from 192.0.2.9 port 22 ssh2");
  await report.getByRole("button", { name: "Raise incidents from this log" }).click();
  await expect(report.getByRole("alert")).toContainText("Your account cannot do this.");
  await analyst.close();

  const institution = await browser.newPage();
  await signInWithPassword(institution, USERS.institution);
  await institution.goto("/portal");
  const first = institution.locator('a[href^="/portal/incidents/"]:not([href$=".csv"])').first();
  await first.click();
  const acknowledge = institution.getByRole("form", { name: "Respond" });
  await acknowledge
    .locator('input[name="reference"]')
    .evaluate((input: HTMLInputElement) => (input.value = "2147483648"));
  await acknowledge.getByRole("button", { name: "Send response" }).click();
  await expect(acknowledge.getByRole("alert")).toContainText("not an incident reference we could have issued");
  await institution.close();
});

test("an anonymous visitor learns nothing from an organisation page's title", async () => {
  const response = await contexts.anonymous!.get("/organisations/example-college", { maxRedirects: 0 });
  expect(await response.text()).not.toContain("Example College");
});

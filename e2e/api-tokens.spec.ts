import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import { expect, ingestFlowFile, signInWithPassword, test, USERS, watchCspViolations } from "./fixtures";
import { DESKTOP, PHONE } from "./support/page-checks";

/**
 * An institution makes an API token in the portal, lists its open incidents with it and
 * acknowledges one, then revokes it: the token stops working at once.
 */
const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");
const SHOTS = process.env.SHOTS_DIR ?? "test-results/screenshots";

test("an organisation's token: create, list open incidents, acknowledge one, revoke", async ({ browser }) => {
  test.setTimeout(180_000);
  const analyst = await browser.newPage();
  await signInWithPassword(analyst, USERS.analyst);
  await ingestFlowFile(analyst, SAMPLE);
  await analyst.close();

  const page = await (await browser.newContext()).newPage();
  const csp = watchCspViolations(page);
  await signInWithPassword(page, USERS.institution);
  await page.goto("/portal");
  await page
    .getByRole("navigation", { name: "Main" })
    .or(page.getByRole("button", { name: "Menu" }))
    .first()
    .waitFor();
  await page.goto("/portal/api-tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill("Ticket system");
  await form.getByLabel("Acknowledge, respond to and resolve your incidents").check();
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toHaveText(/^csirt_/);
  const token = (await shown.textContent())!;
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/portal-api-tokens-created-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);

  const api = await playwrightRequest.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const listed = await api.get("/api/v1/incidents?status=open");
  expect(listed.status()).toBe(200);
  expect(listed.headers()["ratelimit-limit"]).toMatch(/^\d+$/);
  const { items } = (await listed.json()) as {
    items: Array<{ reference: number; status: string; organisation: { name: string } }>;
  };
  expect(items.length).toBeGreaterThan(0);
  expect(new Set(items.map((item) => item.organisation.name))).toEqual(new Set(["Example College"]));
  const target = items.find((item) => item.status !== "ACKNOWLEDGED") ?? items[0]!;
  const acknowledged = await api.post(`/api/v1/incidents/${target.reference}/status`, {
    data: { status: "ACKNOWLEDGED" },
  });
  expect(acknowledged.status()).toBe(200);
  expect(await acknowledged.json()).toMatchObject({ reference: target.reference, status: "ACKNOWLEDGED" });
  const unknownField = await api.post(`/api/v1/incidents/${target.reference}/status`, {
    data: { status: "ACKNOWLEDGED", urgent: true },
  });
  expect(unknownField.status()).toBe(422);
  expect(unknownField.headers()["content-type"]).toBe("application/problem+json");
  const staffOnly = await api.get("/api/v1/organisations");
  expect(staffOnly.status()).toBe(403);

  await page.goto(`/portal/incidents/${target.reference}`);
  await expect(page.getByText("Acknowledged").first()).toBeVisible();

  await page.goto("/portal/api-tokens");
  const row = page.getByTestId("api-token").filter({ hasText: "Ticket system" });
  await expect(row).toContainText(/last used/);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await api.get("/api/v1/incidents");
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { title: string }).title).toBe("No valid API token");
  await api.dispose();

  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: "List incidents" })).toBeVisible();
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/api-reference-${size}.png`, fullPage: false });
  }
  expect(csp).toEqual([]);
  await page.context().close();
});

test("an administrator makes a CSIRT token, it works across organisations, and revoking it stops it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext()).newPage();
  const csp = watchCspViolations(page);
  await signInWithPassword(page, USERS.admin);
  await page.goto("/settings");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill("SOAR playbooks");
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toHaveText(/^csirt_/);
  const token = (await shown.textContent())!;
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/staff-api-tokens-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);

  const api = await playwrightRequest.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const listed = await api.get("/api/v1/incidents?status=all");
  expect(listed.status()).toBe(200);
  // Only "Read incidents" was ticked by default: organisations and changes need their own scopes.
  expect((await api.get("/api/v1/organisations")).status()).toBe(403);
  const refused = await api.post("/api/v1/incidents/1/notes", { data: { text: "x" } });
  expect(refused.status()).toBe(403);

  await page.reload();
  const row = page.getByTestId("api-token").filter({ hasText: "SOAR playbooks" });
  await expect(row).toContainText(/last used/);
  await expect(row).toContainText("CSIRT");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("api-token").filter({ hasText: "SOAR playbooks" })).toContainText("Revoked");
  expect((await api.get("/api/v1/incidents")).status()).toBe(401);
  await api.dispose();
  expect(csp).toEqual([]);
  await page.context().close();
});

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";

const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");

/** With SHOTS_DIR set, screenshots at a desktop and a phone size, for people to look at. */
async function shots(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [size, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(dir, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("legal hold: an analyst sets it with a reason (banner, queue badge, timeline), then lifts it", async ({
  page,
}) => {
  await signInWithPassword(page, USERS.analyst);
  await ingestFlowFile(page, SAMPLE);
  await page.goto("/incidents?status=all");
  const row = page.getByTestId("incident-row").first();
  const reference = ((await row.getByRole("link").first().textContent()) ?? "").replace("#", "");
  await page.goto(`/incidents/${reference}`);

  const form = page.getByRole("form", { name: "Legal hold" });
  await form.getByLabel("Why it must be kept").fill("x");
  await form.getByRole("button", { name: "Set legal hold" }).click();
  // The browser refuses a reason under three characters before the server would.
  await expect(page.getByTestId("legal-hold-banner")).toHaveCount(0);
  await form.getByLabel("Why it must be kept").fill("Police request 2027/117");
  await form.getByRole("button", { name: "Set legal hold" }).click();
  await expect(page.getByTestId("legal-hold-banner")).toContainText("Police request 2027/117");
  await expect(page.getByTestId("timeline")).toContainText("Legal hold set: Police request 2027/117");

  await page.goto("/incidents?status=all");
  await expect(
    page
      .getByTestId("incident-row")
      .filter({ hasText: `#${reference}` })
      .getByTestId("legal-hold"),
  ).toBeVisible();

  await page.goto(`/incidents/${reference}`);
  await form.getByLabel("Why the hold can be lifted").fill("Case closed by the prosecutor");
  await form.getByRole("button", { name: "Lift legal hold" }).click();
  await expect(page.getByTestId("legal-hold-banner")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("Legal hold lifted: Case closed by the prosecutor");
});

test("retention: staff see what the next run removes per kind of data and past runs", async ({ page }) => {
  await signInWithPassword(page, USERS.analyst);
  await page.goto("/settings");
  await page.getByRole("link", { name: /^Retention:/ }).click();
  await expect(page.getByRole("heading", { name: "Retention", level: 1 })).toBeVisible();
  const next = page.getByRole("list", { name: "What the next run removes" });
  await expect(next.getByRole("listitem")).toHaveCount(6);
  await expect(page.getByTestId("retention-auditLog")).toContainText("Kept 1,825 days");
  await expect(page.getByTestId("retention-resolvedIncidents")).toContainText("to anonymise");
  await expect(page.getByRole("heading", { name: "Past runs" })).toBeVisible();
  await shots(page, "retention-preview");
});

test("retention: institutions read the policy in their language and can switch", async ({ page }) => {
  await signInWithPassword(page, USERS.institution);
  await page.goto("/portal/data-retention");
  await expect(page.getByRole("heading", { name: "How long we keep your data", level: 1 })).toBeVisible();
  const policy = page.getByTestId("retention-policy");
  await expect(policy).toContainText("Our audit log (who did what, when)");
  await expect(policy).toContainText("5 years");
  await expect(policy).toContainText("30 days");
  await shots(page, "portal-policy-en");
  await page.getByRole("link", { name: "Auf Deutsch" }).click();
  await expect(page.getByRole("heading", { name: "Wie lange wir Ihre Daten aufbewahren", level: 1 })).toBeVisible();
  await expect(page.getByTestId("retention-policy")).toContainText("3 Jahre");
  await shots(page, "portal-policy-de");
});

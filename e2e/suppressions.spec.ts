import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, signInWithPassword, test, USERS } from "./fixtures";
import { DESKTOP, PHONE } from "./support/page-checks";

/** Screenshots for people to look at (not committed). */
const SHOTS = process.env.SHOTS_DIR ?? "test-results/screenshots";

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test("an institution asks to suppress its scanner, an analyst approves it, and the portal shows it active", async ({
  browser,
}) => {
  const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const institution = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInWithPassword(institution, USERS.institution);
  await institution.getByRole("link", { name: "Suppressions" }).first().click();
  await expect(institution).toHaveURL(/\/portal\/suppressions$/);
  const form = institution.getByRole("form", { name: "Ask to suppress a source of Example College" });

  // Outside the organisation's space, and too long: refused with the reason, nothing listed.
  await form.getByLabel("Address or block").fill("198.51.100.7");
  await form.getByLabel("Reason").fill("Our weekly Nessus scan");
  await form.getByLabel("Until").fill(until);
  await form.getByRole("button", { name: "Ask for this suppression" }).click();
  await expect(form.getByRole("alert")).toContainText("not inside Example College's address space");
  await form.getByLabel("Address or block").fill("192.0.2.77");
  // Too long: the date field itself stops it (the server refuses it too, see the integration tests).
  await form.getByLabel("Until").fill(new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10));
  expect(await form.getByLabel("Until").evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);
  await expect(institution.getByTestId("suppression")).toHaveCount(0);

  await form.getByLabel("Until").fill(until);
  await form.getByRole("button", { name: "Ask for this suppression" }).click();
  await expect(form.getByRole("status")).toContainText("Nothing is suppressed until an analyst approves it.");
  const mine = institution.getByTestId("suppression").filter({ hasText: "192.0.2.77" });
  await expect(mine).toContainText("Waiting for approval");
  await expect(mine).toContainText("Our weekly Nessus scan");
  await expect(mine).toContainText("No connections held back yet");
  // The same again while it waits is a duplicate.
  await form.getByLabel("Address or block").fill("192.0.2.77/32");
  await form.getByLabel("Reason").fill("Our weekly Nessus scan");
  await form.getByLabel("Until").fill(until);
  await form.getByRole("button", { name: "Ask for this suppression" }).click();
  await expect(form.getByRole("alert")).toContainText("already waiting for approval");

  // A second one, which the analyst will refuse.
  await form.getByLabel("Address or block").fill("192.0.2.128/25");
  await form.getByLabel("Reason").fill("Research project on honeypots");
  await form.getByLabel("Until").fill(until);
  await form.getByRole("button", { name: "Ask for this suppression" }).click();
  await expect(institution.getByTestId("suppression").filter({ hasText: "192.0.2.128/25" })).toContainText(
    "Waiting for approval",
  );

  const analyst = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInWithPassword(analyst, USERS.analyst);
  await expect(analyst.getByRole("link", { name: /Requests/ }).first()).toContainText(/[1-9]/);
  await analyst.goto("/requests");
  const request = analyst.getByTestId("suppression-request").filter({ hasText: "192.0.2.77" });
  await expect(request).toContainText("Example College");
  await expect(request).toContainText("Our weekly Nessus scan");
  await expect(request).toContainText(USERS.institution);
  await shoot(analyst, "analyst-suppression-requests");
  await request.getByRole("button", { name: "Refuse" }).click();
  await expect(request.getByRole("alert").first()).toContainText("Tell the institution why");
  await request.getByRole("button", { name: "Approve" }).click();
  const wide = analyst.getByTestId("suppression-request").filter({ hasText: "192.0.2.128/25" });
  await wide.getByLabel(/Or refuse/).fill("Too wide: name the honeypot hosts instead.");
  await wide.getByRole("button", { name: "Refuse" }).click();
  await expect(wide).toHaveCount(0);
  // Decided requests leave the list.
  await expect(request).toHaveCount(0);
  await analyst.goto("/organisations/example-college");
  const row = analyst.getByTestId("allow-list-row").filter({ hasText: "192.0.2.77" });
  await expect(row).toContainText("active");
  await analyst.context().close();

  await institution.reload();
  await expect(mine).toContainText("Active");
  await expect(mine).toContainText(until.slice(0, 4));
  const refused = institution.getByTestId("suppression").filter({ hasText: "192.0.2.128/25" });
  await expect(refused).toContainText("Refused: Too wide: name the honeypot hosts instead.");
  await shoot(institution, "portal-suppressions");
  await institution.context().close();
});

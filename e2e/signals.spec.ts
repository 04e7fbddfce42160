import path from "node:path";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";

/**
 * "Something happened": an institution's response shows in the queue (last activity, who acted)
 * and under "Needs attention" until an analyst opens the incident; the navigation counts it.
 */
const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");

test("an institution's response is under Needs attention until an analyst opens the incident", async ({ browser }) => {
  test.setTimeout(180_000);
  const analyst = await (await browser.newContext()).newPage();
  await signInWithPassword(analyst, USERS.analyst);
  await ingestFlowFile(analyst, SAMPLE);

  // The institution answers one of its open incidents in the portal.
  const institution = await (await browser.newContext()).newPage();
  await signInWithPassword(institution, USERS.institution);
  await institution.goto("/portal");
  const href = (await institution
    .getByTestId("portal-incident")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href"))!;
  const reference = href.split("/").pop()!;
  await institution.goto(href);
  // Institutions read "Our monitoring" and times as people write them: no "worker", no ingest file names, no ISO stamps.
  await expect(institution.getByTestId("timeline-actor").first()).toHaveText("Our monitoring");
  await expect(institution.getByTestId("timeline-actor").filter({ hasText: /^worker$/ })).toHaveCount(0);
  await expect(institution.getByTestId("incident-summary")).toContainText(
    /flows (between \d{2}:\d{2}( UTC on \d{1,2} \w+ \d{4})? and \d{2}:\d{2} UTC on \d{1,2} \w+ \d{4}|at \d{2}:\d{2} UTC on)/,
  );
  const portalText = (await institution.locator("main").textContent()) ?? "";
  expect(portalText).not.toContain(path.basename(SAMPLE, ".csv"));
  expect(portalText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  const respond = institution.getByRole("form", { name: "Respond" });
  await respond.getByLabel("Notes for the CSIRT").fill("The host is a lab machine; we are checking it.");
  await respond.getByRole("button", { name: "Send response" }).click();
  await expect(institution.getByText("The host is a lab machine; we are checking it.").first()).toBeVisible();

  // The queue opens on "Open"; the navigation and the tab count what needs attention.
  await analyst.goto("/incidents");
  await expect(analyst.getByTestId("tab-open")).toHaveAttribute("aria-current", "page");
  await expect(analyst.getByTestId("nav-count-incidents")).toBeVisible();
  const row = analyst.getByTestId("incident-row").filter({ hasText: `#${reference}` });
  await expect(row.getByTestId("last-activity")).toContainText(/Institution responded (just now|\d+ min ago)/);

  await analyst.getByTestId("tab-attention").click();
  await analyst.waitForURL(/attention=1/);
  await expect(analyst.getByTestId("tab-attention")).toHaveAttribute("aria-current", "page");
  await expect(row.getByTestId("needs-attention")).toHaveText("Needs attention");
  await analyst.screenshot({ path: "test-results/screenshots/queue-needs-attention.png", fullPage: true });

  // Opening the incident is looking at it: it leaves the tab.
  await row.getByRole("link", { name: `#${reference}` }).click();
  await expect(analyst.getByRole("heading", { name: `Incident #${reference}` })).toBeVisible();
  await analyst.goto("/incidents?attention=1");
  await expect(analyst.getByTestId("incident-row").filter({ hasText: `#${reference}` })).toHaveCount(0);
  await analyst.goto("/incidents");
  await expect(
    analyst
      .getByTestId("incident-row")
      .filter({ hasText: `#${reference}` })
      .getByTestId("needs-attention"),
  ).toHaveCount(0);

  await institution.context().close();
  await analyst.context().close();
});

test("the queue's first result is a few Tab stops away: skip to content, then skip to results", async ({ page }) => {
  await signInWithPassword(page, USERS.analyst);
  await page.goto("/incidents?status=all");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to results" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Select all incidents on this page")).toBeFocused();
  // The four sort links of the header row, then the first row's checkbox.
  for (let stop = 0; stop < 5; stop++) await page.keyboard.press("Tab");
  await expect(page.getByTestId("incident-row").first().getByRole("checkbox")).toBeFocused();
});

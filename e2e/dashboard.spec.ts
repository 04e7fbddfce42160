import { mkdir } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, signInWithPassword, test, USERS } from "./fixtures";

async function openIncidentsFigure(page: Page): Promise<number> {
  await page.goto("/");
  return Number(await page.getByTestId("open-incidents").textContent());
}

/** Two incidents through the ingest page's sshd report: one at Sample University, one at Example College. */
async function raiseTwoIncidents(page: Page): Promise<{ university: number; college: number }> {
  const suffix = 100 + (Date.now() % 100);
  await page.goto("/ingest");
  const form = page.getByRole("form", { name: "Report sshd log lines" });
  await form.getByLabel("Reported by").fill("Dashboard test CERT");
  await form.getByLabel(/Year of the log/).fill("2026");
  await form
    .getByLabel("sshd log lines")
    .fill(
      [
        `Aug 30 18:50:35 gorgon sshd[429]: Failed password for root from 198.51.100.${suffix} port 37781 ssh2`,
        `Aug 30 18:50:36 gorgon sshd[429]: Failed password for admin from 198.51.100.${suffix} port 37782 ssh2`,
        `Aug 30 18:51:02 gorgon sshd[431]: Failed password for root from 192.0.2.${suffix} port 40100 ssh2`,
      ].join("\n"),
    );
  await form.getByRole("button", { name: "Raise incidents from this log" }).click();
  const status = form.getByRole("status");
  await expect(status).toContainText("3 failed logins");
  const text = (await status.textContent()) ?? "";
  const reference = (source: string) =>
    Number(new RegExp(`#(\\d+) \\w+: ${source.replace(/\./g, "\\.")} `).exec(text)?.[1]);
  return { university: reference(`198.51.100.${suffix}`), college: reference(`192.0.2.${suffix}`) };
}

async function changeStatus(page: Page, reference: number, verb: "Acknowledge" | "Resolve"): Promise<void> {
  await page.goto(`/incidents/${reference}`);
  const form = page.getByRole("form", { name: "Change status" });
  await form.getByRole("button", { name: verb }).click();
  await expect(form.getByRole("button", { name: verb })).toHaveCount(0);
}

test("the dashboard shows open incidents by status and age, incidents per day, top organisations and median times", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInWithPassword(page, USERS.analyst);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const before = await openIncidentsFigure(page);

  const { university, college } = await raiseTwoIncidents(page);
  expect(university).toBeGreaterThan(0);
  expect(college).toBeGreaterThan(0);
  await changeStatus(page, university, "Acknowledge");
  await changeStatus(page, university, "Resolve");

  await page.goto("/");
  await expect(page.getByTestId("open-incidents")).toHaveText(String(before + 1));

  const byStatus = page.getByRole("list", { name: "Open incidents by status" });
  await expect(byStatus.getByRole("listitem").filter({ hasText: "New" })).toBeVisible();
  const byAge = page.getByRole("list", { name: "Open incidents by time since they were raised" });
  await expect(byAge.getByRole("listitem")).toHaveCount(4);
  await expect(byAge.getByRole("listitem").first()).toContainText("Less than 1 day");
  const underADay = Number(await byAge.getByRole("listitem").first().locator("span").last().textContent());
  expect(underADay).toBeGreaterThanOrEqual(1);

  const chart = page.getByRole("img", { name: /Incidents raised per day, last 30 days/ });
  await expect(chart).toBeVisible();
  await page.getByText("Show the numbers as a table").click();
  const days = page.getByRole("table", { name: "Incidents raised per day, last 30 days" });
  await expect(days.getByRole("row")).toHaveCount(31);
  const today = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(),
  );
  const todayCount = Number(await days.getByRole("row").last().getByRole("cell").last().textContent());
  await expect(days.getByRole("row").last()).toContainText(today);
  expect(todayCount).toBeGreaterThanOrEqual(2);

  const top = page.getByRole("table", { name: "Top organisations by open incidents" });
  await expect(top.getByRole("rowheader", { name: "Example College" })).toBeVisible();

  await expect(page.getByTestId("median-acknowledge")).toHaveText(/^\d+ (s|min|h|d)/);
  await expect(page.getByTestId("median-resolve")).toHaveText(/^\d+ (s|min|h|d)/);

  await mkdir("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: "test-results/screenshots/dashboard.png", fullPage: true });
});

test("institution users are sent to their portal instead of the dashboard", async ({ page }) => {
  await signInWithPassword(page, USERS.institution);
  await page.goto("/");
  await expect(page).toHaveURL("/portal");
});

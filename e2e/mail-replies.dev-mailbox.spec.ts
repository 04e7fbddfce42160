import type { Page } from "@playwright/test";
import { expect, signInWithPassword, test, USERS } from "./fixtures";

/** An Example College incident raised from a third-party sshd report; its first notice goes out to the dev mailbox. */
async function raiseCollegeIncident(page: Page): Promise<number> {
  const suffix = 150 + (Date.now() % 90);
  await page.goto("/ingest");
  const form = page.getByRole("form", { name: "Report sshd log lines" });
  await form.getByLabel("Reported by").fill("Correspondence test CERT");
  await form.getByLabel(/Year of the log/).fill("2026");
  await form
    .getByLabel("sshd log lines")
    .fill(`Aug 30 18:51:02 gorgon sshd[431]: Failed password for root from 192.0.2.${suffix} port 40100 ssh2`);
  await form.getByRole("button", { name: "Raise incidents from this log" }).click();
  const status = form.getByRole("status");
  await expect(status).toContainText("1 failed login");
  return Number(/#(\d+)/.exec((await status.textContent()) ?? "")?.[1]);
}

/** Reloads until the locator shows up (mail and the worker take a moment). */
async function reloadUntilVisible(
  page: Page,
  url: string,
  locator: () => ReturnType<Page["locator"]>,
  timeoutMs = 90_000,
): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(locator()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: timeoutMs, intervals: [1_000, 2_000] });
}

/** Answers a message in the dev mailbox as its recipient, the way the page offers it. */
async function replyAs(notice: ReturnType<Page["locator"]>, recipient: string, text: string): Promise<void> {
  await notice.getByText(`Reply as ${recipient}`).click();
  const replyForm = notice.getByRole("form", { name: `Reply as ${recipient}` });
  await replyForm.getByLabel("Reply").fill(text);
  await replyForm.getByRole("button", { name: "Send reply" }).click();
  await expect(replyForm.getByRole("status")).toContainText("Reply sent to the CSIRT's mailbox");
}

test("a person replies to a notice from the dev mailbox; the analyst sees the reply on the incident, acknowledged; then writes back and the message is threaded in the mailbox and on the portal", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signInWithPassword(page, USERS.analyst);
  const reference = await raiseCollegeIncident(page);
  expect(reference).toBeGreaterThan(0);

  // The notice arrives in the dev mailbox; its recipient answers it from there.
  const notice = () =>
    page
      .getByRole("article", { name: new RegExp(`\\[CSIRT #${reference}\\]`) })
      .filter({ hasText: "To security@example-college.example" });
  await reloadUntilVisible(page, "/dev/mailbox", notice);
  await replyAs(
    notice(),
    "security@example-college.example",
    "We found the host: a student's VM. It is off the network now.",
  );

  // The worker reads it: a reply by a contact, on the incident, which is now acknowledged.
  const reply = () => page.getByTestId("incident-mail-item").filter({ hasText: "We found the host: a student's VM." });
  await reloadUntilVisible(page, `/incidents/${reference}`, reply);
  await expect(reply()).toContainText("security@example-college.example");
  // The quoted notice is folded away: not in the reply's text, behind a disclosure.
  await expect(reply().getByTestId("mail-text")).toHaveText(
    "We found the host: a student's VM. It is off the network now.",
  );
  await expect(reply().getByText("Quoted history and signature")).toBeVisible();
  await expect(reply().getByText(/> An IP at Example College/)).toBeHidden();
  await expect(reply().getByTestId("mail-authentication")).toContainText("No Authentication-Results");
  await expect(page.getByTestId("current-status")).toHaveText("acknowledged");
  await expect(page.getByTestId("timeline")).toContainText(
    "acknowledged by the e-mail reply from security@example-college.example",
  );
  await page.screenshot({ path: "test-results/screenshots/incident-correspondence.png", fullPage: true });

  // The analyst answers the contacts from the incident page, in the same thread.
  const write = page.getByRole("form", { name: "Write to the contacts" });
  await expect(write.getByLabel("To").locator("option").first()).toHaveText(
    "All site contacts (security@example-college.example, abuse@example-college.example)",
  );
  await write.getByLabel("To").selectOption({ label: "Sam Security <security@example-college.example> (Security)" });
  await write.getByLabel("Start from").selectOption({ label: "Ask for logs" });
  await expect(write.getByLabel("Message")).toHaveValue(
    /^Could you send us the logs that show what 192\.0\.2\.\d+ was doing around /,
  );
  await write.getByLabel("Message").fill("Thank you. Please send us the VM's auth.log when you can.");
  await write.getByRole("button", { name: "Send message" }).click();
  await expect(write.getByRole("status")).toContainText("Message queued for security@example-college.example.");

  const answer = () => page.getByRole("article").filter({ hasText: "Please send us the VM's auth.log" });
  await reloadUntilVisible(page, "/dev/mailbox", answer);
  await expect(answer()).toContainText(`[CSIRT #${reference}]`);
  await expect(answer()).toContainText("To security@example-college.example");
  await expect(answer()).toContainText(/In reply to <[^>]+>/);

  // The institution sees both sides of the exchange on its portal.
  const institution = await browser.newContext();
  const portal = await institution.newPage();
  await signInWithPassword(portal, USERS.institution);
  await portal.goto(`/portal/incidents/${reference}`);
  await expect(portal.getByText("We found the host: a student's VM.")).toBeVisible();
  await expect(portal.getByText("Please send us the VM's auth.log")).toBeVisible();
  // On a phone the exchange wraps: no sideways scrolling on institution pages.
  await portal.setViewportSize({ width: 390, height: 844 });
  expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await portal.screenshot({ path: "test-results/screenshots/portal-correspondence-phone.png", fullPage: true });
  await institution.close();
});

test("a stranger's mail waits in unmatched mail until an analyst attaches it to an incident", async ({ page }) => {
  test.setTimeout(180_000);
  await signInWithPassword(page, USERS.analyst);
  const reference = await raiseCollegeIncident(page);
  // The notice to the abuse desk is answered from the dev mailbox, but the abuse desk is deactivated first: no longer a contact.
  const notice = () =>
    page
      .getByRole("article", { name: new RegExp(`\\[CSIRT #${reference}\\]`) })
      .filter({ hasText: "To abuse@example-college.example" });
  await reloadUntilVisible(page, "/dev/mailbox", notice);
  await page.goto("/organisations/example-college");
  await page.getByRole("button", { name: "Deactivate abuse@example-college.example" }).click();
  await expect(page.getByRole("button", { name: "Reactivate abuse@example-college.example" })).toBeVisible();
  try {
    await page.goto("/dev/mailbox");
    await replyAs(notice(), "abuse@example-college.example", "Forwarded to the lab owner.");

    const waiting = () => page.getByTestId("unmatched-mail").filter({ hasText: "Forwarded to the lab owner." });
    await reloadUntilVisible(page, "/mail", waiting);
    await expect(waiting()).toContainText(
      `not an active contact or member of the organisation of incident #${reference}`,
    );
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: "test-results/screenshots/unmatched-mail.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screenshots/unmatched-mail-phone.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await waiting().getByLabel("Incident").fill(`#${reference}`);
    await waiting().getByRole("button", { name: "Attach" }).click();
    await expect(waiting()).toHaveCount(0);
    await page.goto(`/incidents/${reference}`);
    await expect(
      page.getByTestId("incident-mail-item").filter({ hasText: "Forwarded to the lab owner." }),
    ).toBeVisible();
    // Attached by an analyst from someone who is not a contact: it acknowledges nothing.
    await expect(page.getByTestId("current-status")).toHaveText("notified");
  } finally {
    await page.goto("/organisations/example-college");
    await page.getByRole("button", { name: "Reactivate abuse@example-college.example" }).click();
    await expect(page.getByRole("button", { name: "Deactivate abuse@example-college.example" })).toBeVisible();
  }
});

import path from "node:path";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";
import { checkPage, PHONE } from "./support/page-checks";

/**
 * Every institution page on a phone (390x844): nothing wider than the screen, no serious or
 * critical accessibility violation; a screenshot of each at phone and desktop size for people to look at
 * (test-results/screenshots/, not committed). Analyst pages get the screenshots and axe, not the width rule.
 */
const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");

test("institution pages fit a phone and pass axe; analyst pages pass axe and collapse their navigation", async ({
  browser,
  mailbox,
}) => {
  test.setTimeout(240_000);
  // AxeBuilder needs pages made through browser.newContext().
  const analyst = await (await browser.newContext()).newPage();
  await signInWithPassword(analyst, USERS.analyst);
  const before = (await mailbox.messagesTo(USERS.institution)).at(-1)?.id ?? 0;
  await ingestFlowFile(analyst, SAMPLE);
  const notices = async () =>
    (await mailbox.messagesTo(USERS.institution)).filter((message) => /\/respond\/\S+/.test(message.text));
  if ((await notices()).length === 0)
    await mailbox.waitForMessageTo(USERS.institution, { after: before, timeoutMs: 60_000 });
  const link = /\/respond\/\S+/.exec((await notices()).at(-1)!.text)![0];

  const institution = await (await browser.newContext()).newPage();
  await checkPage(institution, "respond-link", link, { phoneWidthRule: true });
  await signInWithPassword(institution, USERS.institution);
  await checkPage(institution, "portal", "/portal", { phoneWidthRule: true });
  const incidentHref = (await institution
    .getByTestId("portal-incident")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href"))!;
  await checkPage(institution, "portal-incident", incidentHref, { phoneWidthRule: true });
  await checkPage(institution, "portal-contacts", "/portal/contacts", { phoneWidthRule: true });

  // The navigation sits behind a Menu button on a phone, and opens.
  await institution.setViewportSize(PHONE);
  const nav = institution.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await institution.getByRole("button", { name: "Menu" }).click();
  await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();

  const reference = incidentHref.split("/").pop();
  await checkPage(analyst, "incident-queue", "/incidents", { phoneWidthRule: false });
  await checkPage(analyst, "incident", `/incidents/${reference}`, { phoneWidthRule: false });
  await checkPage(analyst, "requests", "/requests", { phoneWidthRule: false });
  await checkPage(analyst, "unmatched-mail", "/mail", { phoneWidthRule: false });
  await analyst.context().close();
  await institution.context().close();
});

import path from "node:path";
import {
  attemptPasswordSignIn,
  completeSecondFactor,
  expect,
  ingestFlowFile,
  signInWithPassword,
  test,
  USERS,
} from "./fixtures";
import { checkPage } from "./support/page-checks";

/**
 * axe on every page the phone spec does not already visit, at 1440x900 and 390x844, with a
 * screenshot of each (test-results/screenshots/): sign-in, the invalid link page, every
 * analyst and admin page, and the not-found pages. No page may scroll sideways on the phone.
 */
const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");

test("every page passes axe (no serious or critical violation) on a desktop and a phone", async ({ browser }) => {
  test.setTimeout(540_000);
  const anonymous = await (await browser.newContext()).newPage();
  await checkPage(anonymous, "signin", "/signin", { phoneWidthRule: true, status: 200 });
  await checkPage(anonymous, "signin-check-email", "/signin/check-email", { phoneWidthRule: true });
  await checkPage(anonymous, "respond-invalid-link", "/respond/not-a-real-link", { phoneWidthRule: true });
  await checkPage(anonymous, "api-reference", "/api-reference", { phoneWidthRule: true, status: 200 });
  await anonymous.context().close();

  const analyst = await (await browser.newContext()).newPage();
  await signInWithPassword(analyst, USERS.analyst);
  await ingestFlowFile(analyst, SAMPLE);
  await analyst.goto("/incidents?status=all");
  const reference = (
    (await analyst.getByTestId("incident-row").first().getByRole("link").first().textContent()) ?? ""
  ).replace("#", "");
  await analyst.goto("/templates");
  const templateHref = (await analyst.locator('main a[href^="/templates/"]').first().getAttribute("href"))!;
  for (const [name, url] of [
    ["dashboard", "/"],
    ["incident-queue-attention", "/incidents?attention=1"],
    ["incident-queue-all", "/incidents?status=all"],
    ["incident-analyst", `/incidents/${reference}`],
    ["organisations", "/organisations"],
    ["organisation", "/organisations/example-college"],
    ["ingest", "/ingest"],
    ["outbox", "/outbox"],
    ["templates", "/templates"],
    ["template", templateHref],
    ["settings-analyst", "/settings"],
    ["settings-retention", "/settings/retention"],
    ["webhooks", "/settings/webhooks"],
    ["dev-mailbox", "/dev/mailbox"],
    ["requests", "/requests"],
    ["unmatched-mail", "/mail"],
    ["account", "/account"],
    // An analyst without a second factor: the page offers to set one up.
    ["account-security-analyst", "/account/security"],
  ] as const) {
    // No page scrolls sideways on a phone: tables scroll inside their own box.
    await checkPage(analyst, name, url, { phoneWidthRule: true, status: 200 });
  }
  await checkPage(analyst, "incident-not-found", "/incidents/99999999", { phoneWidthRule: true, status: 404 });
  await checkPage(analyst, "page-not-found-staff", "/no-such-page", { phoneWidthRule: true, status: 404 });
  await analyst.context().close();

  const admin = await (await browser.newContext()).newPage();
  await attemptPasswordSignIn(admin, USERS.admin);
  await admin.waitForURL(/\/signin\/second-factor/);
  await checkPage(admin, "second-factor", "/signin/second-factor", { phoneWidthRule: true, status: 200 });
  await completeSecondFactor(admin, USERS.admin);
  await admin.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await checkPage(admin, "settings-admin", "/settings", { phoneWidthRule: true, status: 200 });
  await checkPage(admin, "staff-api-tokens", "/settings/api-tokens", { phoneWidthRule: true, status: 200 });
  await checkPage(admin, "account-security-admin", "/account/security", { phoneWidthRule: true, status: 200 });
  await admin.context().close();

  const institution = await (await browser.newContext()).newPage();
  await signInWithPassword(institution, USERS.institution);
  await checkPage(institution, "portal-suppressions", "/portal/suppressions", { phoneWidthRule: true, status: 200 });
  await checkPage(institution, "portal-api-tokens", "/portal/api-tokens", { phoneWidthRule: true, status: 200 });
  await checkPage(institution, "portal-data-retention", "/portal/data-retention", {
    phoneWidthRule: true,
    status: 200,
  });
  await checkPage(institution, "page-not-found-institution", "/no-such-page", { phoneWidthRule: true, status: 404 });
  await checkPage(institution, "forbidden-institution", "/incidents", { phoneWidthRule: true, status: 403 });
  await expect(
    institution
      .getByRole("navigation", { name: "Main" })
      .or(institution.getByRole("button", { name: "Menu" }))
      .first(),
  ).toBeAttached();
  await institution.context().close();
});

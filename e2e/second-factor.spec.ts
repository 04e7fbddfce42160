import {
  attemptPasswordSignIn,
  completeSecondFactor,
  expect,
  freshTotpCode,
  signInWithPassword,
  test,
  USERS,
} from "./fixtures";
import { checkPage } from "./support/page-checks";

/**
 * Admins must give a second factor after the password. Until they do, the session reaches the
 * second-factor page and nothing else; codes come from the authenticator app (computed here with
 * the same library), passkeys from Chromium's virtual authenticator.
 */
// A sign-in may wait up to one 30 s step for a code not used yet.
test.describe.configure({ mode: "serial", timeout: 150_000 });

test("an admin's password alone reaches only the second-factor page; the app's code lets them in", async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await attemptPasswordSignIn(page, USERS.admin);
  await expect(page).toHaveURL(/\/signin\/second-factor/);
  // Screenshots and axe of the page as it stands (set up the first time, confirm afterwards).
  await checkPage(page, "second-factor-pending", "/signin/second-factor", { phoneWidthRule: true, status: 200 });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Pages, staff routes and the portal: nothing but the second-factor page.
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin\/second-factor\?callbackUrl=%2Fincidents/);
  const api = await page.request.get("/api/organisations/suggestions?q=ex", { maxRedirects: 0 });
  expect(api.status()).toBe(401);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/signin\/second-factor/);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/signin\/second-factor/);

  await page.goto("/signin/second-factor?callbackUrl=%2Fincidents");
  await completeSecondFactor(page, USERS.admin);
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.context().close();
});

test("a wrong code and a code already used are refused; a fresh one is accepted", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInWithPassword(page, USERS.admin); // sets up the app if no test before did
  await page.context().close();

  const again = await (await browser.newContext()).newPage();
  await attemptPasswordSignIn(again, USERS.admin);
  await expect(again).toHaveURL(/\/signin\/second-factor/);
  await checkPage(again, "second-factor-confirm", "/signin/second-factor", { phoneWidthRule: true, status: 200 });
  await again.setViewportSize({ width: 1440, height: 900 });
  const form = again.getByRole("form", { name: "Confirm with your authenticator app" });
  await form.getByLabel("6-digit code").fill("000000");
  await form.getByRole("button", { name: "Confirm" }).click();
  await expect(form.getByRole("alert")).toContainText("not right");
  const code = await freshTotpCode(USERS.admin);
  await form.getByLabel("6-digit code").fill(code);
  await form.getByRole("button", { name: "Confirm" }).click();
  await expect(again).toHaveURL((url) => !url.pathname.startsWith("/signin"));
  await again.context().close();

  // The same code on another sign-in, seconds later: its time step is spent.
  const third = await (await browser.newContext()).newPage();
  await attemptPasswordSignIn(third, USERS.admin);
  const replay = third.getByRole("form", { name: "Confirm with your authenticator app" });
  await replay.getByLabel("6-digit code").fill(code);
  await replay.getByRole("button", { name: "Confirm" }).click();
  await expect(replay.getByRole("alert")).toContainText("already used");
  await replay.getByLabel("6-digit code").fill(await freshTotpCode(USERS.admin));
  await replay.getByRole("button", { name: "Confirm" }).click();
  await expect(third).toHaveURL((url) => !url.pathname.startsWith("/signin"));
  await third.context().close();
});

test("a passkey (Chromium's virtual authenticator) is set up on the account page and then signs in", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await signInWithPassword(page, USERS.admin);
  await page.getByTestId("signed-in-as").click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await page.getByLabel("Name for this passkey").fill("Virtual key");
  await page.getByRole("button", { name: "Set up a passkey" }).click();
  await expect(page.getByTestId("passkeys")).toContainText("Virtual key");
  // The key lives in the (virtual) authenticator; the server keeps only its public key.
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);
  await checkPage(page, "account-security-with-passkey", "/account/security", { phoneWidthRule: false, status: 200 });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await attemptPasswordSignIn(page, USERS.admin);
  await expect(page).toHaveURL(/\/signin\/second-factor/);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL((url) => !url.pathname.startsWith("/signin"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await context.close();
});

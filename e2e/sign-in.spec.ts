import { APP_URL } from "../playwright.config";
import { attemptPasswordSignIn, DEMO_PASSWORD, expect, signInWithPassword, test, USERS } from "./fixtures";

test.describe("CSIRT staff", () => {
  test("an analyst signs in with a password, lands on the dashboard and sees the member organisations", async ({
    page,
  }) => {
    await signInWithPassword(page, USERS.analyst);
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toContainText("analyst");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisations" }).click();
    await expect(page.getByRole("heading", { name: "Member organisations" })).toBeVisible();
    const table = page.getByRole("table", { name: "Member organisations with their address blocks" });
    for (const name of [
      "Example College",
      "Sample University",
      "Riverside Research Institute",
      "Lakeland College of Art",
    ]) {
      await expect(table.getByRole("rowheader", { name })).toBeVisible();
    }
    await expect(table.getByRole("row", { name: /Sample University/ })).toContainText("2001:db8:10::/48");
  });

  test("an admin signs in and signs out again, and a copy of the session cookie taken before is refused", async ({
    page,
    browser,
  }) => {
    await signInWithPassword(page, USERS.admin);
    await expect(page.getByTestId("signed-in-as")).toContainText("admin");
    const copied = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/organisations");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Forganisations/);

    const elsewhere = await browser.newContext({ baseURL: APP_URL });
    await elsewhere.addCookies(copied);
    const stolen = await elsewhere.newPage();
    await stolen.goto("/organisations");
    await expect(stolen).toHaveURL(/\/signin\?callbackUrl=%2Forganisations/);
    await elsewhere.close();
  });

  test("a wrong password and an unknown account get the same answer", async ({ page }) => {
    await attemptPasswordSignIn(page, USERS.analyst, "not-the-password");
    const wrongPassword = await page.getByRole("main").getByRole("alert").textContent();
    await attemptPasswordSignIn(page, "nobody@csirt.example", DEMO_PASSWORD);
    const unknownAccount = await page.getByRole("main").getByRole("alert").textContent();
    expect(wrongPassword).toBe("That e-mail address and password do not match an account.");
    expect(unknownAccount).toBe(wrongPassword);
    const form = page.getByRole("form", { name: "Sign in with password" });
    await expect(form.getByLabel("E-mail")).toHaveValue("nobody@csirt.example");
    await expect(form.getByLabel("Password")).toHaveValue("");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("repeated failures for one account are slowed down", async ({ page }) => {
    const email = "rate-limit-probe@csirt.example";
    for (let attempt = 1; attempt <= 10; attempt++) {
      await attemptPasswordSignIn(page, email, `wrong-${attempt}`);
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(
        "That e-mail address and password do not match an account.",
      );
    }
    await attemptPasswordSignIn(page, email, "wrong-11");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Too many sign-in attempts. Wait 15 minutes and try again.",
    );
  });
});

test.describe("institutions", () => {
  test("an institution user sees its own organisation and is refused on analyst pages", async ({ page }) => {
    await signInWithPassword(page, USERS.institution);
    await expect(page).toHaveURL("/portal");
    await expect(page.getByRole("heading", { name: "Example College", level: 1 })).toBeVisible();
    await expect(page.getByText("192.0.2.0/24")).toBeVisible();
    await expect(page.getByText("Sample University")).toHaveCount(0);

    for (const path of ["/organisations", "/incidents", "/dev/mailbox"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
    await page.goto("/");
    await expect(page).toHaveURL("/portal");
  });

  test("a site contact signs in with an e-mail link, once", async ({ page, mailbox }) => {
    const contact = "abuse@example-college.example";
    const before = (await mailbox.messagesTo(contact)).at(-1)?.id ?? 0;
    await page.goto("/signin");
    const form = page.getByRole("form", { name: "Sign in with an e-mail link" });
    await form.getByLabel("Your work e-mail").fill(contact);
    await form.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

    const mail = await mailbox.waitForMessageTo(contact, { after: before });
    expect(mail.subject).toBe("Your sign-in link for the CSIRT incident portal");
    const link = new RegExp(`${APP_URL.replace(/[.:/]/g, "\\$&")}/api/auth/callback/email-link\\?\\S+`).exec(
      mail.text,
    )?.[0];
    expect(link).toBeTruthy();

    await page.goto(link!);
    await expect(page).toHaveURL("/portal");
    await expect(page.getByRole("heading", { name: "Example College", level: 1 })).toBeVisible();

    await page.context().clearCookies();
    await page.goto(link!);
    await expect(page).toHaveURL(/\/signin\?error=Verification/);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That sign-in link has expired or was already used. Ask for a new one.",
    );
  });

  test("an address that is not a contact gets the same screen and no mail", async ({ page, mailbox }) => {
    for (const address of ["stranger@nowhere.example", USERS.analyst]) {
      await page.goto("/signin");
      const form = page.getByRole("form", { name: "Sign in with an e-mail link" });
      await form.getByLabel("Your work e-mail").fill(address);
      await form.getByRole("button", { name: "E-mail me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    }
    await page.waitForTimeout(1500);
    expect(await mailbox.messagesTo("stranger@nowhere.example")).toHaveLength(0);
    expect(await mailbox.messagesTo(USERS.analyst)).toHaveLength(0);
  });

  test("anonymous visitors are sent to sign in", async ({ page }) => {
    for (const path of ["/", "/portal", "/organisations"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin/);
    }
  });
});

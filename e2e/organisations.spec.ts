import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signInWithPassword, test as base, USERS } from "./fixtures";

/**
 * Every test here starts signed in as the analyst, from one sign-in per worker: sign-in attempts
 * (successful ones too) are rate-limited to 10 per account in 15 minutes.
 */
const test = base.extend<object, { analystSession: string }>({
  analystSession: [
    async ({ browser }, use, workerInfo) => {
      const dir = await mkdtemp(path.join(tmpdir(), "csirt-e2e-orgs-"));
      const file = path.join(dir, "analyst.json");
      const page = await browser.newPage({ baseURL: workerInfo.project.use.baseURL });
      await signInWithPassword(page, USERS.analyst);
      await page.context().storageState({ path: file });
      await page.close();
      await use(file);
      await rm(dir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],
  storageState: async ({ analystSession }, use) => {
    await use(analystSession);
  },
});

async function openOrganisation(page: Page, name: string): Promise<void> {
  await page.goto("/organisations");
  await page
    .getByRole("table", { name: "Member organisations with their address blocks" })
    .getByRole("link", { name, exact: true })
    .click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("search finds an organisation by an address inside its block, by CIDR and by name", async ({ page }) => {
  await page.goto("/organisations");
  const search = page.getByRole("search", { name: "Organisations" });
  await search.getByLabel("Search organisations").fill("2001:db8:20::beef");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=2001%3Adb8%3A20%3A%3Abeef/);
  const table = page.getByRole("table", { name: "Member organisations with their address blocks" });
  await expect(table.getByRole("rowheader")).toHaveText(["Riverside Research Institute"]);

  await search.getByLabel("Search organisations").fill("198.19.0.0/16");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("rowheader")).toHaveText(["Lakeland College of Art"]);

  await search.getByLabel("Search organisations").fill("no such place");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No organisation matches")).toBeVisible();
});

test("a block overlapping another organisation's is held back with a warning naming it, and added on confirmation", async ({
  page,
}) => {
  await openOrganisation(page, "Lakeland College of Art");
  const form = page.getByRole("form", { name: "Add an address block" });

  // Inside Riverside Research Institute's 198.18.0.0/16, typed with host bits set.
  await form.getByLabel("Address block (CIDR)").fill("198.18.77.9/24");
  await form.getByRole("button", { name: "Add block" }).click();
  const warning = page.getByTestId("overlap-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("198.18.77.0/24 overlaps address space of another organisation");
  await expect(warning).toContainText("lies inside 198.18.0.0/16 of Riverside Research Institute");
  await expect(warning).toContainText("You typed 198.18.77.9/24");
  await expect(warning).toBeFocused();
  await mkdir("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: "test-results/screenshots/organisation.png", fullPage: true });
  await expect(page.getByTestId("block-row").filter({ hasText: "198.18.77.0/24" })).toHaveCount(0);

  await warning.getByRole("button", { name: "Add anyway" }).click();
  await expect(form.getByRole("status")).toContainText("Added 198.18.77.0/24");
  await expect(form.getByRole("status")).toContainText("It lies inside 198.18.0.0/16 of Riverside Research Institute.");
  const row = page.getByTestId("block-row").filter({ hasText: "198.18.77.0/24" });
  await expect(row).toContainText("lies inside 198.18.0.0/16 of Riverside Research Institute");

  // IPv6: the warning names the organisation too.
  await form.getByLabel("Address block (CIDR)").fill("2001:db8:20:ab00::/56");
  await form.getByRole("button", { name: "Add block" }).click();
  await expect(page.getByTestId("overlap-warning")).toContainText(
    "lies inside 2001:db8:20::/48 of Riverside Research Institute",
  );
  await page.getByTestId("overlap-warning").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("overlap-warning")).toHaveCount(0);
  await expect(form.getByLabel("Address block (CIDR)")).toBeFocused();

  // The other side sees the overlap on its own page.
  await row.getByRole("link", { name: "Riverside Research Institute" }).click();
  await expect(page.getByRole("heading", { name: "Riverside Research Institute", level: 1 })).toBeVisible();
  await expect(page.getByTestId("block-row").filter({ hasText: "198.18.0.0/16" })).toContainText(
    "contains 198.18.77.0/24 of Lakeland College of Art",
  );

  // Clean up: remove the block again.
  await openOrganisation(page, "Lakeland College of Art");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Remove 198.18.77.0/24" }).click();
  await expect(page.getByTestId("block-row").filter({ hasText: "198.18.77.0/24" })).toHaveCount(0);
});

test("a block another organisation already holds is refused, and a bad block is explained", async ({ page }) => {
  await openOrganisation(page, "Lakeland College of Art");
  const form = page.getByRole("form", { name: "Add an address block" });
  await form.getByLabel("Address block (CIDR)").fill("198.51.100.0/24");
  await form.getByRole("button", { name: "Add block" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "198.51.100.0/24 already belongs to Sample University; a block belongs to one organisation.",
  );
  await expect(form.getByLabel("Address block (CIDR)")).toHaveValue("198.51.100.0/24");

  await form.getByLabel("Address block (CIDR)").fill("198.19.300.0/24");
  await form.getByRole("button", { name: "Add block" }).click();
  await expect(form.getByRole("alert")).toContainText("is not a valid IPv4 or IPv6 address");
});

test("importing a CSV with one bad line reports the line and imports nothing; the corrected file imports", async ({
  page,
}) => {
  await page.goto("/organisations");
  const header = "organisation,slug,country,blocks,contact_name,contact_email,contact_role";
  const good = "Hillside School,hillside-school,GB,100.64.0.0/28,Front desk,desk@hillside.example,security";
  const bad = "Valley School,valley-school,GB,100.64.0.16/28,Front desk,not-an-address,security";
  const form = page.getByRole("form", { name: "Import organisations from CSV" });
  await form
    .getByLabel("Organisations CSV file")
    .setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\n${good}\n${bad}\n`) });
  await form.getByRole("button", { name: "Import", exact: true }).click();

  const report = page.getByTestId("import-report");
  await expect(report.getByRole("alert")).toContainText("1 problem in the file: nothing was imported");
  await expect(report.getByRole("list", { name: "Problems by line" }).getByRole("listitem")).toHaveText([
    /^Line 3: contact_email "not-an-address" is not a valid e-mail address/,
  ]);
  await expect(
    page
      .getByRole("table", { name: "Member organisations with their address blocks" })
      .getByRole("rowheader", { name: "Hillside School" }),
  ).toHaveCount(0);

  const fixed = bad.replace("not-an-address", "desk@valley.example");
  await form.getByLabel("Organisations CSV file").setInputFiles({
    name: "members.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${good}\n${fixed}\n`),
  });
  await form.getByRole("button", { name: "Check only" }).click();
  await expect(report.getByRole("status")).toContainText(
    "The file is clean: 2 organisations would be imported. Nothing was changed.",
  );
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(report.getByRole("status")).toContainText("Imported. Organisations: 2 created");
  const table = page.getByRole("table", { name: "Member organisations with their address blocks" });
  await expect(table.getByRole("rowheader", { name: "Hillside School" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Valley School/ })).toContainText("100.64.0.16/28");
});

test("importing a block inside another member's block is reported, and imports only after 'Import anyway'", async ({
  page,
}) => {
  await page.goto("/organisations");
  const csv = "organisation,slug,blocks\nCollege Lab Annex,college-lab-annex,192.0.2.128/25\n";
  const form = page.getByRole("form", { name: "Import organisations from CSV" });
  await form
    .getByLabel("Organisations CSV file")
    .setInputFiles({ name: "annex.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const report = page.getByTestId("import-report");
  const overlaps = report.getByTestId("import-overlaps");

  await form.getByRole("button", { name: "Check only" }).click();
  await expect(overlaps.getByRole("list", { name: "Overlapping blocks" })).toContainText(
    '192.0.2.128/25 of "College Lab Annex" lies inside 192.0.2.0/24 of Example College',
  );

  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(overlaps).toContainText("1 block overlaps another member's block: nothing was imported yet.");
  const table = page.getByRole("table", { name: "Member organisations with their address blocks" });
  await expect(table.getByRole("rowheader", { name: "College Lab Annex" })).toHaveCount(0);

  await overlaps.getByRole("button", { name: "Import anyway" }).click();
  await expect(report.getByRole("status")).toContainText("Imported. Organisations: 1 created");
  await expect(table.getByRole("rowheader", { name: "College Lab Annex" })).toBeVisible();
});

test("the CSV export is a download in the import's format", async ({ page }) => {
  await page.goto("/organisations");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await download.createReadStream())
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.split(/\r?\n/)[0]).toBe(
    "organisation,slug,country,notification_policy,blocks,contact_name,contact_email,contact_role,contact_phone",
  );
  expect(text).toContain("Sample University,sample-university,GB,automatic,198.51.100.0/24 2001:db8:10::/48");
});

test("an analyst adds, edits, deactivates and reactivates a contact", async ({ page }) => {
  await openOrganisation(page, "Sample University");
  const add = page.getByRole("form", { name: "Add a contact" });
  await add.getByLabel("Name").fill("Weekend duty");
  await add.getByLabel("E-mail").fill("Weekend-Duty@Sample-University.example");
  await add.getByLabel("Role").selectOption({ label: "Abuse" });
  await add.getByLabel("Phone (optional)").fill("+44 20 7946 0958");
  await add.getByRole("button", { name: "Add contact" }).click();
  await expect(add.getByRole("status")).toHaveText("Added weekend-duty@sample-university.example.");
  await expect(add.getByLabel("Name")).toHaveValue("");

  const row = page.getByTestId("contact-row").filter({ hasText: "weekend-duty@sample-university.example" });
  await expect(row).toContainText("Weekend duty");
  await expect(row).toContainText("Abuse");
  await expect(row.getByText("active", { exact: true })).toBeVisible();

  // An invalid address is refused with the field named, and what was typed stays.
  await add.getByLabel("Name").fill("Nobody");
  await add.getByLabel("E-mail").fill("nobody@");
  await add.evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await add.getByRole("button", { name: "Add contact" }).click();
  await expect(add.getByText("That is not a valid e-mail address.")).toBeVisible();
  await expect(add.getByLabel("Name")).toHaveValue("Nobody");

  await row.getByRole("button", { name: "Edit weekend-duty@sample-university.example" }).click();
  const edit = page.getByRole("form", { name: "Edit weekend-duty@sample-university.example" });
  await edit.getByLabel("Name").fill("Weekend on-call");
  await edit.getByRole("button", { name: "Save contact" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved weekend-duty@sample-university.example.");
  await expect(row).toContainText("Weekend on-call");

  await row.getByRole("button", { name: "Deactivate weekend-duty@sample-university.example" }).click();
  await expect(row.getByText("deactivated", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Reactivate weekend-duty@sample-university.example" }).click();
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Deactivate weekend-duty@sample-university.example" }).click();
  await expect(row.getByText("deactivated", { exact: true })).toBeVisible();
});

test("suppressions added by an analyst start pending and are approved; policy and members are managed on the page", async ({
  page,
}) => {
  await openOrganisation(page, "Example College");
  const allow = page.getByRole("form", { name: "Add a suppression" });
  const nextYear = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  await allow.getByLabel("Address or block").fill("198.51.100.5");
  await allow.getByLabel("Reason").fill("Weekly Nessus scan");
  await allow.getByLabel("Until").fill(nextYear);
  await allow.getByRole("button", { name: "Add suppression" }).click();
  await expect(allow.getByRole("alert")).toContainText("not inside Example College's address space");

  await allow.getByLabel("Address or block").fill("192.0.2.250");
  await allow.getByRole("button", { name: "Add suppression" }).click();
  await expect(allow.getByRole("status")).toContainText("Added 192.0.2.250/32, pending approval");
  const entry = page.getByTestId("allow-list-row").filter({ hasText: "192.0.2.250" });
  await expect(entry).toContainText("pending approval");
  await entry.getByRole("button", { name: "Approve 192.0.2.250" }).click();
  await expect(entry).toContainText("active");
  await expect(entry).toContainText(nextYear);

  const policy = page.getByRole("form", { name: "Notification policy" });
  await policy.getByLabel(/Hold for analyst approval/).check();
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.getByRole("status")).toHaveText("Notification policy saved.");
  await expect(page.getByText("notices held for approval")).toBeVisible();
  await policy.getByLabel(/Send automatically/).check();
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("notices sent automatically")).toBeVisible();

  const members = page.getByTestId("member-row");
  await expect(members.filter({ hasText: USERS.institution })).toBeVisible();
  const addMember = page.getByRole("form", { name: "Add a member" });
  await addMember.getByLabel("Institution user's e-mail").fill(USERS.analyst);
  await addMember.getByRole("button", { name: "Add member" }).click();
  await expect(addMember.getByRole("alert")).toContainText("is a CSIRT staff account");
});

test("an organisation's time zone is checked and saved on its page", async ({ page }) => {
  await openOrganisation(page, "Sample University");
  const zone = page.getByRole("form", { name: "Time zone" });
  const field = zone.getByLabel(/^Time zone/);
  await expect(field).toHaveValue("UTC");
  await field.fill("Europe/Atlantis");
  await zone.getByRole("button", { name: "Save time zone" }).click();
  await expect(zone).toContainText("Not a time zone this server knows");
  await field.fill("Europe/Amsterdam");
  await zone.getByRole("button", { name: "Save time zone" }).click();
  await expect(zone.getByRole("status")).toHaveText("Times for this organisation now read in Europe/Amsterdam.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Time zone" }).getByLabel(/^Time zone/)).toHaveValue("Europe/Amsterdam");
  // Back to UTC, so that other specs read this organisation as they expect.
  await page
    .getByRole("form", { name: "Time zone" })
    .getByLabel(/^Time zone/)
    .fill("UTC");
  await page.getByRole("form", { name: "Time zone" }).getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("form", { name: "Time zone" }).getByRole("status")).toHaveText(
    "Times for this organisation now read in UTC.",
  );
});

test.describe("access", () => {
  test("an unknown slug is a real 404; institution users get a real 403 on organisation pages, settings and the export", async ({
    page,
    context,
  }) => {
    const missing = await page.goto("/organisations/no-such-organisation");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

    await context.clearCookies();
    await signInWithPassword(page, USERS.institution);
    for (const url of ["/organisations", "/organisations/example-college", "/settings"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
    const exported = await page.request.get("/organisations/export.csv");
    expect(exported.status()).toBe(403);
  });
});

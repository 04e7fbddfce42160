import { mkdir } from "node:fs/promises";
import { generateKey } from "openpgp";
import { expect, signInWithPassword, test, USERS } from "./fixtures";

const SCREENSHOTS = "test-results/screenshots";
const ORG = "Keyring College";
const CONTACT = "sec@keyring-college.example";

test("an analyst picks an organisation's report formats and gives a contact an OpenPGP key (malformed ones refused)", async ({
  page,
}) => {
  await signInWithPassword(page, USERS.analyst);
  // An organisation of this test's own, so no other spec's mail is encrypted or changed.
  await page.goto("/organisations");
  const header = "organisation,slug,country,blocks,contact_name,contact_email,contact_role";
  const form = page.getByRole("form", { name: "Import organisations from CSV" });
  await form.getByLabel("Organisations CSV file").setInputFiles({
    name: "members.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${ORG},keyring-college,GB,100.64.9.0/28,Security desk,${CONTACT},security\n`),
  });
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-report").getByRole("status")).toContainText("Imported.");
  await page.goto("/organisations/keyring-college");

  const formats = page.getByRole("form", { name: "Notice formats" });
  await expect(formats.getByLabel("X-ARF report (JSON)")).toBeChecked();
  await expect(formats.getByLabel("IODEF document (XML)")).not.toBeChecked();
  await formats.getByLabel("IODEF document (XML)").check();
  await formats.getByRole("button", { name: "Save formats" }).click();
  await expect(formats.getByRole("status")).toHaveText("Notice formats saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Notice formats" }).getByLabel("IODEF document (XML)")).toBeChecked();

  const row = page.getByTestId("contact-row").filter({ hasText: CONTACT });
  await expect(row).toContainText("no OpenPGP key");
  await row.getByRole("button", { name: `Edit ${CONTACT}` }).click();
  const keyForm = page.getByRole("form", { name: `OpenPGP key of ${CONTACT}` });
  await keyForm.getByLabel("OpenPGP public key").fill("not a key at all");
  await keyForm.getByRole("button", { name: "Save key" }).click();
  await expect(keyForm.getByRole("alert")).toContainText(
    'This OpenPGP key cannot be used: it must start with "-----BEGIN PGP PUBLIC KEY BLOCK-----".',
  );

  const { publicKey, privateKey } = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ email: CONTACT }],
    format: "armored",
  });
  await keyForm.getByLabel("OpenPGP public key").fill(privateKey);
  await keyForm.getByRole("button", { name: "Save key" }).click();
  await expect(keyForm.getByRole("alert")).toContainText("it is a private key; paste the public key only.");

  await keyForm.getByLabel("OpenPGP public key").fill(publicKey);
  await keyForm.getByRole("button", { name: "Save key" }).click();
  await expect(keyForm.getByRole("status")).toContainText(
    /^Saved key [0-9A-F]{4}( [0-9A-F]{4}){9}: mail to this contact is encrypted\.$/,
  );
  await expect(row).toContainText("encrypted (OpenPGP)");

  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [name, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SCREENSHOTS}/notice-security-organisation-${name}.png`, fullPage: true });
  }
});

test("an administrator sees the signing key card with the forms to generate or import a key", async ({ page }) => {
  await signInWithPassword(page, USERS.admin);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/settings");
  const card = page
    .getByRole("region", { name: "Signing key (OpenPGP)" })
    .or(page.locator("section", { hasText: "Signing key (OpenPGP)" }))
    .first();
  await expect(card).toBeVisible();
  await expect(page.getByRole("form", { name: "Generate a signing key" }).getByLabel("Address on the key")).toHaveValue(
    "csirt@localhost",
  );
  const importForm = page.getByRole("form", { name: "Import a signing key" });
  await importForm
    .getByLabel("Private key (armored)")
    .fill("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----");
  await importForm.getByRole("button", { name: "Import key" }).click();
  await expect(importForm.getByRole("alert")).toContainText(
    'Paste an armored private key ("-----BEGIN PGP PRIVATE KEY BLOCK-----").',
  );
  await mkdir(SCREENSHOTS, { recursive: true });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/notice-security-settings-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}/notice-security-settings-phone.png`, fullPage: true });
});

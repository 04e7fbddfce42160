import { expect, signInWithPassword, test, USERS } from "./fixtures";

test("settings: an analyst may look, an admin changes a value and the change is listed old → new", async ({ page }) => {
  await signInWithPassword(page, USERS.analyst);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByText("Only administrators can change settings.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInWithPassword(page, USERS.admin);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Settings" });
  const ports = form.getByLabel("Ports watched for SSH scanning");
  await ports.fill("22, 2222, 70000");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("70000: must be at most 65535.")).toBeVisible();
  await expect(ports).toHaveValue("22, 2222, 70000");

  await ports.fill("2222, 22");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: Ports watched for SSH scanning.");
  await expect(form.getByLabel("Ports watched for SSH scanning")).toHaveValue("22, 2222");
  const change = page.getByTestId("setting-change").first();
  await expect(change).toContainText(USERS.admin);
  await expect(change).toContainText("Ports watched for SSH scanning");
  await expect(change.getByRole("cell")).toHaveText([/^\d{4}-\d{2}-\d{2} /, USERS.admin, "22", "22, 2222"]);

  // Put it back so other tests detect with the defaults.
  await form.getByLabel("Ports watched for SSH scanning").fill("22");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("setting-change").first().getByRole("cell")).toHaveText([
    /^\d{4}-/,
    USERS.admin,
    "22, 2222",
    "22",
  ]);
});

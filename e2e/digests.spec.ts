import { mkdir } from "node:fs/promises";
import { expect, recentFlowUpload, signInWithPassword, test, USERS } from "./fixtures";

const SHOTS = process.env.E2E_SHOTS_DIR ?? "test-results/screenshots";
const ORG = "Digest Academy";
const SLUG = "digest-academy";
const SCANNER = "100.64.77.5";

/** A scan from the academy's block: 150 distinct destinations on port 22 within ten minutes (seed format, fixture day). */
function scanFlows(): string {
  const lines = ["2027-01-09"];
  for (let i = 0; i < 150; i++) {
    const second = String(i % 60).padStart(2, "0");
    const minute = String(2 + Math.floor(i / 60)).padStart(2, "0");
    lines.push(
      `03:${minute}:${second}Z TCP ${SCANNER}:${40000 + i} -> 172.31.${Math.floor(i / 200)}.${(i % 200) + 1}:22 ----S- 1 40`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function shoot(page: import("@playwright/test").Page, name: string) {
  await mkdir(SHOTS, { recursive: true });
  for (const [size, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("an analyst switches an organisation to a daily digest and sees a new incident waiting for the digest at 08:00", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInWithPassword(page, USERS.analyst);
  await page.goto("/organisations");
  const header = "organisation,slug,country,blocks,contact_name,contact_email,contact_role";
  const importForm = page.getByRole("form", { name: "Import organisations from CSV" });
  await importForm.getByLabel("Organisations CSV file").setInputFiles({
    name: "members.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${ORG},${SLUG},GB,100.64.77.0/28,Security desk,sec@${SLUG}.example,security\n`),
  });
  await importForm.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-report").getByRole("status")).toContainText("Imported.");

  await page.goto(`/organisations/${SLUG}`);
  const delivery = page.getByRole("form", { name: "Delivery" });
  await expect(delivery.getByLabel("Each notice at once")).toBeChecked();
  await delivery.getByLabel("A daily digest").check();
  await delivery.getByLabel("Daily at (UTC)").fill("08:00");
  await delivery.getByRole("button", { name: "Save delivery" }).click();
  await expect(delivery.getByRole("status")).toHaveText("Saved: a digest daily at 08:00 (UTC).");
  await page.reload();
  await expect(page.getByText("Now: A digest daily at 08:00 (UTC)")).toBeVisible();

  // A scan from the academy's network is detected: its notice waits for the digest.
  await page.goto("/ingest");
  await page
    .getByLabel("Flow file", { exact: true })
    .setInputFiles(recentFlowUpload("digest-academy-scan.txt", scanFlows()));
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  const run = page.getByTestId("ingest-run").filter({ hasText: "digest-academy-scan.txt" }).first();
  await expect(run.getByText(/^(succeeded|duplicate)$/)).toBeVisible({ timeout: 60_000 });

  await page.goto(`/organisations/${SLUG}`);
  await expect(page.getByRole("list", { name: "Notices by outcome" })).toContainText(
    "Waiting for the digest: 1 notice",
  );
  await shoot(page, "digest-organisation");
  await page
    .getByRole("link", { name: /^#\d+$/ })
    .first()
    .click();
  const notices = page.getByTestId("notice-outcomes");
  await expect(notices).toContainText(/Waiting for the digest at 08:00 UTC on \d{1,2} \w+ \d{4}\./);
  await expect(notices).toContainText(`First notice to sec@${SLUG}.example`);
  await shoot(page, "digest-incident");
});

import { readFile } from "node:fs/promises";
import path from "node:path";
import { MAILBOX_APP_URL } from "../playwright.config";
import { expect, recentFlowUpload, signInWithPassword, test, USERS } from "./fixtures";

const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");

test("an analyst edits a template, sees the preview change, and reads the sent notice with its attachments in the dev mailbox", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInWithPassword(page, USERS.analyst);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
  await page.getByRole("link", { name: "SSH scan: first notice" }).click();
  const preview = page.getByTestId("template-preview");
  await expect(page.getByTestId("preview-subject")).toHaveText(/^\[CSIRT #\d+\] SSH scanning from /);

  const subject = page.getByLabel("Subject", { exact: true });
  await subject.fill("[CSIRT #{{reference}}] Action needed: {{sourceIp}} at {{organisation}} scans for SSH");
  // The preview renders the newest incident, which the other dev-mailbox spec may have raised first.
  await expect(page.getByTestId("preview-subject")).toHaveText(
    /^\[CSIRT #\d+\] Action needed: [\d.:a-f]+ at [^\n]+ scans for SSH$/,
  );

  await subject.fill("[CSIRT #{{reference}}] {{unknownThing}}");
  await expect(page.getByTestId("template-problems")).toContainText(
    "The subject uses {{unknownThing}}, which is not a variable templates can use.",
  );
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("form", { name: "Edit template" }).getByRole("alert")).toContainText("{{unknownThing}}");

  await subject.fill("[CSIRT #{{reference}}] Action needed: {{sourceIp}} at {{organisation}} scans for SSH");
  await expect(preview).toContainText("Log sample:");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("form", { name: "Edit template" }).getByRole("status")).toHaveText(
    "Saved. New messages use this version.",
  );

  // An ingest raises the incident; Example College's notices go out automatically with the saved template.
  await page.goto("/ingest");
  await page.getByLabel("Flow file", { exact: true }).setInputFiles(recentFlowUpload(SAMPLE));
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(
    page.getByTestId("ingest-run").filter({ hasText: "nfdump-1.7.1-example.csv" }).getByText("succeeded"),
  ).toBeVisible({ timeout: 60_000 });

  await page.goto("/outbox?state=sent");
  await expect(page.getByTestId("outbox-row").filter({ hasText: "security@example-college.example" })).toBeVisible({
    timeout: 60_000,
  });

  await page.goto("/dev/mailbox");
  const mail = page
    .getByRole("article", { name: /Action needed: 192\.0\.2\.45 at Example College scans for SSH/ })
    .filter({ hasText: "security@example-college.example" });
  await expect(mail).toBeVisible();
  await expect(mail).toContainText(
    /Attachments: csirt-\d+-log-sample\.txt \([\d,]+ bytes\), csirt-\d+-flows-[0-9a-f]{8}\.csv \([\d,]+ bytes\)/,
  );
  await expect(mail).toContainText(
    "An IP at Example College, 192.0.2.45 was scanning for port 22/tcp sending at least 300 flows",
  );
  await expect(mail).toContainText("What we ask you to do");
  await expect(mail).toContainText(`${MAILBOX_APP_URL}/respond/`);
  // The mail is usable here: its links are links and its attachments download, byte for byte.
  await expect(mail.getByRole("link", { name: new RegExp(`^${MAILBOX_APP_URL}/respond/`) })).toHaveAttribute(
    "href",
    new RegExp(`^${MAILBOX_APP_URL}/respond/\\S+$`),
  );
  const download = page.waitForEvent("download");
  await mail.getByRole("link", { name: /log-sample\.txt$/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^csirt-\d+-log-sample\.txt$/);
  expect(await readFile((await file.path())!, "utf8")).toContain("Legend:");
  await page.screenshot({ path: "test-results/screenshots/dev-mailbox.png", fullPage: false });
});

import { readFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, recentFlowUpload, signInWithPassword, test, USERS } from "./fixtures";
import { DESKTOP, documentOverflow, PHONE, SHOTS } from "./support/page-checks";

const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");
/** The sample's scanner moved into Sample University's block (198.51.100.0/24). */
const UNIVERSITY_SCAN = readFileSync(SAMPLE, "utf8").replaceAll("192.0.2.45", "198.51.100.45");
const SHOT_DIR = process.env.SHOTS_DIR ?? SHOTS;

async function shootBothSizes(page: import("@playwright/test").Page, name: string) {
  mkdirSync(SHOT_DIR, { recursive: true });
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    if (size === "phone") {
      const overflow = await documentOverflow(page);
      expect(overflow.scrollWidth, `${name} sticks out on a phone: ${overflow.widest.join("; ")}`).toBeLessThanOrEqual(
        overflow.innerWidth,
      );
    }
    await page.screenshot({ path: `${SHOT_DIR}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test("an analyst sets an organisation to German, previews the German template, and its notice arrives in German", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInWithPassword(page, USERS.analyst);

  // The organisation page: its language, and its time zone for the dates in its notices.
  await page.goto("/organisations/sample-university");
  const timeZone = page.getByRole("form", { name: "Time zone" });
  await timeZone.getByLabel("Time zone").fill("Europe/Berlin");
  await timeZone.getByRole("button", { name: "Save time zone" }).click();
  await expect(timeZone.getByRole("status")).toContainText("Europe/Berlin");
  const language = page.getByRole("form", { name: "Language of notices" });
  await language.getByLabel("Language of notices").selectOption("de");
  await language.getByRole("button", { name: "Save language" }).click();
  await expect(language.getByRole("status")).toHaveText(
    "Notices to this organisation are now written in German (Deutsch).",
  );
  await shootBothSizes(page, "organisation-language");

  // The template list shows each notice per language; the German first notice previews in German.
  await page.goto("/templates");
  await expect(page.getByTestId("template-SSH_SCAN-FIRST_NOTICE-de")).toContainText("SSH-Scan: Erstmeldung");
  await shootBothSizes(page, "templates");
  await page.getByRole("link", { name: "SSH-Scan: Erstmeldung" }).click();
  await expect(page.getByRole("navigation", { name: "Languages of this notice" })).toContainText("English");
  await expect(page.getByTestId("preview-subject")).toHaveText(/^\[CSIRT #\d+\] SSH-Scans von /);
  const preview = page.getByTestId("template-preview");
  await expect(preview).toContainText("Guten Tag");
  await expect(preview).toContainText("Unsere Empfehlungen");
  const subject = page.getByLabel("Subject", { exact: true });
  await subject.fill("[CSIRT #{{reference}}] {{betreff}}");
  await expect(page.getByTestId("template-problems")).toContainText(
    "The subject uses {{betreff}}, which is not a variable templates can use.",
  );
  await subject.fill("[CSIRT #{{reference}}] SSH-Scans von {{sourceIp}} ({{organisation}})");
  await expect(page.getByTestId("preview-subject")).toHaveText(/^\[CSIRT #\d+\] SSH-Scans von /);
  await shootBothSizes(page, "template-editor-german");

  // A scan from the university's block: its notice goes out in German, dates in Berlin time.
  await page.goto("/ingest");
  await page
    .getByLabel("Flow file", { exact: true })
    .setInputFiles({ ...recentFlowUpload(SAMPLE, UNIVERSITY_SCAN), name: "sample-university-scan.csv" });
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(
    page.getByTestId("ingest-run").filter({ hasText: "sample-university-scan.csv" }).getByText("succeeded"),
  ).toBeVisible({ timeout: 60_000 });
  await page.goto("/outbox?state=sent");
  // The sample raises two incidents here (an IPv4 and an IPv6 scanner): either notice will do.
  await expect(
    page.getByTestId("outbox-row").filter({ hasText: "cert@sample-university.example" }).first(),
  ).toBeVisible({
    timeout: 60_000,
  });

  await page.goto("/dev/mailbox");
  const mail = page
    .getByRole("article", { name: /SSH-Scans von 198\.51\.100\.45 \(Sample University\)/ })
    .filter({ hasText: "cert@sample-university.example" });
  await expect(mail).toBeVisible();
  await expect(mail).toContainText("Guten Tag University CERT (Sample University),");
  await expect(mail).toContainText(
    /zwischen\s+\d\d:\d\d\s+und\s+\d\d:\d\d\s+ME(S)?Z\s+am\s+\d{1,2}\.\s+\p{L}+\s+\d{4}/u,
  );
  await expect(mail).toContainText("Unsere Empfehlungen");
  await mail.scrollIntoViewIfNeeded();
  await shootBothSizes(page, "dev-mailbox-german-notice");
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP_URL } from "../playwright.config";
import { recentFixtureText } from "../test/support/samples";
import { expect, signInWithPassword, test, USERS, watchCspViolations } from "./fixtures";

const SAMPLE = path.resolve("test/fixtures/flows/seed-format-example.txt");
/** A scanner of its own, so that no other spec's incident for the sample's scanner gets in the way. */
const SCANNER = `192.0.2.${200 + Math.floor(Math.random() * 50)}`;
const CONTACT = "security@example-college.example";

function linkIn(text: string, pathPrefix: string): string {
  const pattern = new RegExp(`${APP_URL.replace(/[.:/]/g, "\\$&")}${pathPrefix}\\S+`);
  const found = pattern.exec(text)?.[0];
  if (!found) throw new Error(`no ${pathPrefix} link in: ${text.slice(0, 500)}`);
  return found;
}

/** The first notice about our scanner (other specs' notices may arrive at the same address meanwhile). */
async function waitForMail(mailbox: import("./fixtures").Mailbox, after: number, subjectIncludes: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const found = (await mailbox.messagesTo(CONTACT)).find(
      (message) => message.id > after && message.subject.includes(subjectIncludes),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail "${subjectIncludes}" reached ${CONTACT}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("golden path: flows in, e-mail out, the institution acknowledges by link, signs in, resolves; the analyst sees it", async ({
  browser,
  mailbox,
}) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), "csirt-golden-"));
  const flowFile = path.join(dir, `golden-${SCANNER}.txt`);
  await writeFile(
    flowFile,
    recentFixtureText((await readFile(SAMPLE, "utf8")).replaceAll("192.0.2.45:", `${SCANNER}:`)),
  );
  test.info().attach("scanner", { body: SCANNER });
  const analyst = await browser.newPage();
  const institution = await browser.newPage();
  const cspViolations = [analyst, institution].map(watchCspViolations);
  const before = (await mailbox.messagesTo(CONTACT)).at(-1)?.id ?? 0;

  // 1. An analyst ingests a flow file: the SSH-scan incident is raised for Example College.
  await signInWithPassword(analyst, USERS.analyst);
  await analyst.goto("/ingest");
  await analyst.getByLabel("Flow file", { exact: true }).setInputFiles(flowFile);
  await analyst.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(
    analyst
      .getByTestId("ingest-run")
      .filter({ hasText: `golden-${SCANNER}.txt` })
      .getByText("succeeded"),
  ).toBeVisible({ timeout: 60_000 });
  await rm(dir, { recursive: true, force: true });

  // 2. Its contact receives the notice with the sample attached, through real SMTP.
  const notice = await waitForMail(mailbox, before, SCANNER);
  const reference = /\[CSIRT #(\d+)\]/.exec(notice.subject)?.[1];
  expect(reference).toBeTruthy();
  expect(notice.subject).toContain(SCANNER);
  expect(notice.text).toContain(`An IP at Example College, ${SCANNER} was scanning for port 22/tcp`);
  const sample = notice.attachments.find((attachment) => attachment.filename?.endsWith("-log-sample.txt"));
  expect(sample).toBeTruthy();
  expect(Buffer.from(sample!.base64, "base64").toString("utf8")).toContain("Legend:");

  // 3. Following the link in the e-mail opens the incident without a password; acknowledge.
  await institution.goto(linkIn(notice.text, "/respond/"));
  await expect(institution.getByTestId("incident-summary")).toContainText(SCANNER);
  await institution.getByRole("form", { name: "Acknowledge" }).getByRole("button", { name: "Acknowledge" }).click();
  await expect(institution.getByTestId("acknowledged")).toContainText("Acknowledged on");
  await expect(institution.getByRole("form", { name: "Acknowledge" })).toHaveCount(0);

  // 4. Sign in by e-mail link, then resolve with a root cause.
  const beforeLink = (await mailbox.messagesTo(CONTACT)).at(-1)?.id ?? 0;
  await institution.goto(`/signin?callbackUrl=${encodeURIComponent(`/portal/incidents/${reference}`)}`);
  const linkForm = institution.getByRole("form", { name: "Sign in with an e-mail link" });
  await linkForm.getByLabel("Your work e-mail").fill(CONTACT);
  await linkForm.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  const signInMail = await waitForMail(mailbox, beforeLink, "Your sign-in link");
  await institution.goto(linkIn(signInMail.text, "/api/auth/callback/email-link"));
  await expect(institution).toHaveURL(new RegExp(`/portal/incidents/${reference}$`));

  const resolve = institution.getByRole("form", { name: "Resolve" });
  await resolve.getByLabel("Root cause").selectOption("weak-password");
  await resolve
    .getByLabel("What you found and what you did")
    .fill("A student VM with password 'changeme'; rebuilt and password login disabled.");
  await resolve.getByRole("button", { name: "Resolve incident" }).click();
  await expect(institution.getByTestId("resolution")).toContainText("Root cause: Weak or reused password");
  await expect(institution.getByTestId("resolution")).toContainText(`by ${CONTACT}`);

  // 5. The analyst sees "resolved by institution" with the root cause on the incident page.
  await analyst.goto(`/incidents/${reference}`);
  await expect(
    analyst.getByText(/Resolved by institution\. Root cause: Weak or reused password/).first(),
  ).toBeVisible();
  await expect(analyst.getByText("Resolved", { exact: true }).first()).toBeVisible();
  await expect(analyst.getByTestId("resolution-banner")).toContainText("Resolved by the institution");
  await expect(analyst.getByTestId("resolution-banner")).toContainText("Root cause: Weak or reused password");

  // 6. The queue says so too, without opening the incident.
  await analyst.goto(`/incidents?q=${reference}`);
  const row = analyst.getByTestId("incident-row").filter({ hasText: `#${reference}` });
  await expect(row.getByTestId("queue-resolution")).toHaveText("Resolved by the institution: Weak or reused password");
  await analyst.screenshot({ path: "test-results/screenshots/golden-path-incident.png", fullPage: true });

  // 6. Every page of the way ran under the nonce CSP without the browser refusing any of our own scripts.
  expect(cspViolations.flat()).toEqual([]);
});

import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { yesterdayUtc } from "../test/support/samples";
import { expect, signInWithPassword, test, USERS } from "./fixtures";

const FILLER_LINES = 1_500_000;
const SCANNER = "192.0.2.77";
const SCANNED_HOSTS = 150;

/** A large seed-format file: one member host scanning 22/tcp inside lots of unrelated traffic. */
async function writeLargeFlowFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write(`${yesterdayUtc()}\n`);
  let chunk = "";
  for (let i = 0; i < FILLER_LINES; i++) {
    const second = Math.floor(i / 3000);
    const time = `10:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}Z`;
    chunk += `${time} TCP 203.0.113.${i % 250}:${1024 + (i % 60000)} -> 198.18.${(i >> 8) & 255}.${i & 255}:443 -A---- 12 4096\n`;
    if (i % (FILLER_LINES / SCANNED_HOSTS) === 0) {
      const host = i / (FILLER_LINES / SCANNED_HOSTS);
      chunk += `${time} TCP ${SCANNER}:${40000 + host} -> 198.51.${Math.floor(host / 200)}.${host % 200}:22 ----S- 1 60\n`;
    }
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

test("an analyst uploads a large flow file, watches its progress, and sees the run's figures", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), "csirt-e2e-upload-"));
  const file = path.join(dir, "large-capture.txt");
  try {
    await writeLargeFlowFile(file);
    await signInWithPassword(page, USERS.analyst);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ingest" }).click();
    await expect(page.getByRole("heading", { name: "Ingest", level: 1 })).toBeVisible();

    await page.getByLabel("Flow file", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Upload and ingest" }).click();
    await expect(page.getByRole("progressbar").first()).toBeVisible({ timeout: 30_000 });

    const row = page.getByTestId("ingest-run").filter({ hasText: "large-capture.txt" });
    await expect(row.getByText("succeeded")).toBeVisible({ timeout: 120_000 });
    await expect(row).toContainText("seed-flow-lines");
    await expect(row).toContainText((FILLER_LINES + SCANNED_HOSTS).toLocaleString("en-GB"));
    await expect(row).toContainText("1 new, 0 updated, 0 reopened");
    // The banner under the form followed the run to its end.
    await expect(page.getByTestId("upload-banner")).toContainText("large-capture.txt finished");
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    // The file is kept for its retention period, and the page says how much is kept.
    await expect(page.getByTestId("file-storage")).toContainText(
      /Stored flow files: [\d.]+ (KiB|MiB|GiB) in \d+ files?, the oldest from \d{4}-\d\d-\d\d/,
    );
    await expect(page.getByTestId("file-storage")).toContainText("deleted 30 days after its run finished");
    await page.screenshot({ path: "test-results/screenshots/ingest.png", fullPage: true });

    await page.goto("/incidents");
    await expect(page.getByRole("row", { name: new RegExp(SCANNER.replace(/\./g, "\\.")) })).toContainText(
      "Example College",
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an analyst pastes a third-party sshd log and gets an incident for the member source", async ({ page }) => {
  await signInWithPassword(page, USERS.analyst);
  await page.goto("/ingest");
  const form = page.getByRole("form", { name: "Report sshd log lines" });
  await form.getByLabel("Reported by").fill("Example Hosting CERT");
  await form.getByLabel(/Year of the log/).fill("2026");
  await form
    .getByLabel("sshd log lines")
    .fill(
      "Aug 30 18:50:35 gorgon sshd[429]: [ID 800047 auth.info] Failed password for root from 198.51.100.23 port 37781 ssh2 " +
        "Aug 30 18:50:36 gorgon sshd[429]: [ID 800047 auth.info] Failed password for admin from 198.51.100.23 port 37782 ssh2",
    );
  await form.getByRole("button", { name: "Raise incidents from this log" }).click();
  await expect(form.getByRole("status")).toContainText("2 failed logins");
  await expect(form.getByRole("status")).toContainText("198.51.100.23 (Sample University, 2 attempts)");
});

test("an sshd log uploaded as flows fails in a plain sentence that points to the sshd-report box", async ({ page }) => {
  await signInWithPassword(page, USERS.analyst);
  await page.goto("/ingest");
  await page
    .getByLabel("Flow file", { exact: true })
    .setInputFiles(path.resolve("test/fixtures/sshd/auth-example.log"));
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  const banner = page.getByTestId("upload-banner");
  await expect(banner).toHaveAttribute("data-tone", "error", { timeout: 60_000 });
  await expect(banner).toContainText(
    'auth-example.log could not be ingested. Unrecognised flow file: no supported format matches the first lines. This looks like an sshd log, not flow records: paste it into the "Third-party sshd log" box',
  );
  expect(await banner.textContent()).not.toContain("`");
});

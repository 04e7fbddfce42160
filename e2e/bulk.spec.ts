import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";

// The nfdump sample raises two incidents: 192.0.2.45 (Example College) and 2001:db8:10:1::99 (Sample University).
// Its Example College scanner gets an address of this spec's own, so closing "every matching incident"
// leaves the incidents other specs work on alone (golden-path takes .200–.249).
const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");
const SCANNER = `192.0.2.${150 + Math.floor(Math.random() * 40)}`;
const SHOTS = process.env.BULK_SHOTS_DIR ?? "test-results/screenshots";

test("an analyst exports the filtered queue as CSV and closes every matching incident as a job with progress", async ({
  page,
}) => {
  const flowFile = path.join(await mkdtemp(path.join(tmpdir(), "csirt-bulk-")), `bulk-${SCANNER}.csv`);
  await writeFile(flowFile, (await readFile(SAMPLE, "utf8")).replaceAll("192.0.2.45", SCANNER));
  await signInWithPassword(page, USERS.analyst);
  await ingestFlowFile(page, flowFile);
  await page.goto(`/incidents?status=all&q=${SCANNER}`);
  await expect(page.getByTestId("incident-row").first()).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
    "reference,status,type,severity,tlp,organisation,organisation_slug,source_ip,port,protocol,flows,distinct_targets,first_seen,last_seen,assignee,summary",
  );
  expect(csv).toContain(`,${SCANNER},`);
  expect(csv).not.toContain("2001:db8:10:1::99");

  const bulk = page.getByRole("form", { name: "Bulk actions on selected incidents" });
  await page.getByLabel("Select all incidents on this page").check();
  await bulk.getByTestId("select-all-matching").click();
  await expect(page.getByTestId("selected-count")).toHaveText(/^All \d+ matching selected$/);
  await bulk.getByLabel("New status").selectOption({ label: "Closed" });
  await bulk.getByLabel("Reason").fill("Closed in bulk after the member's report");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/queue-selection-desktop.png`, fullPage: true });
  await bulk.getByRole("button", { name: "Change status" }).click();
  await expect(bulk.getByRole("status")).toContainText("in the background");
  const change = page.getByTestId("bulk-change").first();
  await expect(change).toContainText("to closed");
  await expect(change.getByTestId("bulk-change-counts")).toHaveText(/^Done: /, { timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/queue-progress-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel("Select all incidents on this page").check();
  await page.screenshot({ path: `${SHOTS}/queue-progress-phone.png`, fullPage: true });

  await page.goto(`/incidents?status=all&q=${SCANNER}`);
  await expect(page.getByTestId("incident-row").first()).toContainText("Closed");
});

import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";

// The nfdump sample raises two incidents: 192.0.2.45 (Example College) and 2001:db8:10:1::99 (Sample University).
const FLOW_FILE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");
const V4 = "192.0.2.45";
const V6 = "2001:db8:10:1::99";
const SCREENSHOTS = "test-results/screenshots";

test.describe.configure({ mode: "serial" });

const queue = (page: Page) => page.getByRole("table", { name: /^Incidents: \d+ shown of \d+/ });
const rowFor = (page: Page, source: string) =>
  queue(page)
    .getByRole("row")
    .filter({ has: page.getByText(source, { exact: true }) });

async function search(page: Page, text: string): Promise<void> {
  const form = page.getByRole("search", { name: "Filter incidents" });
  await form.getByLabel("Search").fill(text);
  await form.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === text);
}

/** Opens an incident's page from the queue by its source address; returns its reference. */
async function openIncident(page: Page, source: string): Promise<number> {
  await page.goto(`/incidents?q=${encodeURIComponent(source)}`);
  const link = rowFor(page, source).getByRole("link", { name: /^#\d+$/ });
  const reference = Number((await link.textContent())!.slice(1));
  await link.click();
  await expect(page.getByRole("heading", { name: `Incident #${reference}`, level: 1 })).toBeVisible();
  return reference;
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInWithPassword(page, USERS.analyst);
  await ingestFlowFile(page, FLOW_FILE);
  await page.close();
  await mkdir(SCREENSHOTS, { recursive: true });
});

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, USERS.analyst);
});

test("an analyst finds incidents by IP address and by CIDR, with the filters in the URL", async ({ page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(rowFor(page, V4)).toContainText("Example College");
  await expect(rowFor(page, V6)).toContainText("Sample University");
  await page.screenshot({ path: `${SCREENSHOTS}/queue.png`, fullPage: true });

  await search(page, V4);
  await expect(rowFor(page, V4)).toBeVisible();
  await expect(queue(page).getByRole("row")).toHaveCount(2); // header + one incident
  await expect(page.getByTestId("result-count")).toHaveText("1 incident matches the filters");

  await search(page, "2001:db8:10::/48");
  await expect(rowFor(page, V6)).toBeVisible();
  await expect(rowFor(page, V4)).toHaveCount(0);

  await search(page, "192.0.2.0/24");
  await expect(rowFor(page, V4)).toBeVisible();
  await expect(rowFor(page, V6)).toHaveCount(0);

  // The back button returns to the previous search; the URL is the whole state.
  await page.goBack();
  await expect(page).toHaveURL(/q=2001%3Adb8%3A10%3A%3A%2F48/);
  await expect(page.getByLabel("Search")).toHaveValue("2001:db8:10::/48");
  await expect(rowFor(page, V6)).toBeVisible();

  // A status count link keeps the search and narrows to that status.
  await page
    .getByRole("navigation", { name: "Incidents by status" })
    .getByRole("link", { name: /^Closed/ })
    .click();
  await expect(page).toHaveURL(/status=CLOSED/);
  await expect(page.getByText("No incidents match these filters")).toBeVisible();

  await search(page, "not-an-address");
  await expect(page.getByRole("alert").filter({ hasText: "is neither an IP address" })).toBeVisible();
  await expect(page.getByLabel("Search")).toHaveAttribute("aria-invalid", "true");
});

test("an analyst filters the queue by organisation from suggestions, and the link names it by slug", async ({
  page,
}) => {
  await page.goto("/incidents");
  const form = page.getByRole("search", { name: "Filter incidents" });
  const field = form.getByLabel("Organisation");
  await field.fill("univ");
  // The suggestions arrive as someone types: no page carries every member organisation.
  await expect(page.locator("#org-suggestions option")).toHaveCount(1);
  await expect(page.locator("#org-suggestions option").first()).toHaveAttribute("value", "Sample University");
  await field.fill("Sample University");
  await form.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.searchParams.get("org") === "sample-university");
  await expect(rowFor(page, V6)).toBeVisible();
  await expect(rowFor(page, V4)).toHaveCount(0);
  await expect(form.getByLabel("Organisation")).toHaveValue("Sample University");

  await page.goto("/incidents?org=nowhere-at-all");
  await expect(page.getByText('No organisation is called "nowhere-at-all"; showing every organisation.')).toBeVisible();
  await expect(rowFor(page, V4)).toBeVisible();
});

test("an analyst assigns an incident, adds a note and downloads its evidence", async ({ page }) => {
  const reference = await openIncident(page, V4);
  await expect(page.getByTestId("summary")).toContainText(
    `An IP at Example College, ${V4} was scanning for port 22/tcp`,
  );
  await expect(page.getByTestId("flow-sample")).toContainText("Legend:");
  await expect(page.getByRole("img", { name: /Flows per minute/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Organisation" })).toContainText("abuse@example-college.example");
  await expect(page.getByRole("region", { name: "Source" })).toContainText("192.0.2.0/24");

  const assign = page.getByRole("form", { name: "Assign incident" });
  await assign.getByLabel("Assignee").selectOption({ label: "Ada Admin" });
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(assign.getByRole("status")).toHaveText("Assigned to Ada Admin.");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByTestId("timeline-event").filter({ hasText: "Assigned to Ada Admin." })).toContainText(
    "internal",
  );

  const note = page.getByRole("form", { name: "Add a note" });
  await note.getByLabel("Note").fill("Phoned the college's NOC; they are looking at the host.");
  await note.getByRole("button", { name: "Add note" }).click();
  await expect(note.getByRole("status")).toHaveText("Internal note added.");
  const noteEvent = timeline.getByTestId("timeline-event").filter({ hasText: "Phoned the college's NOC" });
  await expect(noteEvent).toContainText("internal");
  await expect(noteEvent).toContainText("Alan Analyst");

  await note.getByLabel("Note").fill("Please patch the host and confirm.");
  await note.getByLabel("Share with the institution").check();
  await note.getByRole("button", { name: "Add note" }).click();
  await expect(timeline.getByTestId("timeline-event").filter({ hasText: "Please patch the host" })).toContainText(
    "shared with institution",
  );

  const sampleLink = page.getByRole("link", { name: /Download sample \(\.txt/ });
  const sample = await page.request.get((await sampleLink.getAttribute("href"))!);
  expect(sample.status()).toBe(200);
  expect(sample.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(sample.headers()["content-disposition"]).toBe(`attachment; filename="csirt-${reference}-log-sample.txt"`);
  expect(await sample.text()).toContain(`TCP ${V4}:`);
  const flows = await page.request.get(
    (await page
      .getByRole("link", { name: /Download flows/ })
      .first()
      .getAttribute("href"))!,
  );
  expect(flows.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await flows.text()).split("\r\n")[0]).toBe(
    "start,end,protocol,src_addr,src_port,dst_addr,dst_port,tcp_flags,packets,bytes,line",
  );

  await page.screenshot({ path: `${SCREENSHOTS}/incident.png`, fullPage: true });
});

test("a status change from a stale page is refused with the state machine's reason", async ({ page, context }) => {
  const reference = await openIncident(page, V6);
  const status = page.getByRole("form", { name: "Change status" });
  await expect(status.getByRole("button", { name: "Acknowledge" })).toBeVisible();

  const other = await context.newPage();
  await other.goto(`/incidents/${reference}`);
  const otherStatus = other.getByRole("form", { name: "Change status" });
  await otherStatus.getByLabel("Reason (optional)").fill("Host re-imaged.");
  await otherStatus.getByRole("button", { name: "Resolve" }).click();
  await expect(otherStatus.getByRole("status")).toContainText("to resolved");
  await expect(other.getByTestId("current-status")).toHaveText("resolved");
  await other.close();

  // The first tab still offers "Acknowledge": the server refuses it and says why.
  await status.getByRole("button", { name: "Acknowledge" }).click();
  await expect(status.getByRole("alert")).toHaveText(
    "An incident that is resolved cannot become acknowledged (it can become: closed, reopened).",
  );
  await expect(page.getByTestId("current-status")).toHaveText("resolved");
  await expect(status.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Resolved: Host re-imaged.");
});

test("an analyst assigns several incidents at once from the queue", async ({ page }) => {
  await page.goto("/incidents?status=all");
  const v4Ref = (await rowFor(page, V4)
    .getByRole("link", { name: /^#\d+$/ })
    .textContent())!;
  const v6Ref = (await rowFor(page, V6)
    .getByRole("link", { name: /^#\d+$/ })
    .textContent())!;
  await page.getByLabel(`Select incident ${v4Ref}`, { exact: true }).check();
  await page.getByLabel(`Select incident ${v6Ref}`, { exact: true }).check();
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");

  const bulk = page.getByRole("form", { name: "Bulk actions on selected incidents" });
  await bulk.getByLabel("Assign to").selectOption({ label: "Alan Analyst" });
  await bulk.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(bulk.getByRole("status")).toHaveText("2 incidents assigned to Alan Analyst.");
  await expect(rowFor(page, V4)).toContainText("Alan Analyst");
  await expect(rowFor(page, V6)).toContainText("Alan Analyst");

  // "Assigned to me" is a shareable filter.
  await page.goto("/incidents?assignee=me");
  await expect(rowFor(page, V4)).toBeVisible();

  // Select all on the page, then a status change the state machine refuses for one of them.
  await page.goto(`/incidents?q=${encodeURIComponent("::/0")}`);
  await page.getByLabel("Select all incidents on this page").check();
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await bulk.getByLabel("New status").selectOption({ label: "Acknowledged" });
  await bulk.getByRole("button", { name: "Change status" }).click();
  await expect(bulk.getByTestId("bulk-refusals")).toContainText(
    `${v6Ref}: An incident that is resolved cannot become acknowledged`,
  );
});

test("institution users cannot open incident pages or download evidence; an unknown reference is a 404; sign-in keeps the queue's filters", async ({
  page,
  browser,
}) => {
  await openIncident(page, V4);
  const download = (await page.getByRole("link", { name: /Download sample/ }).getAttribute("href"))!;
  const incidentPath = new URL(page.url()).pathname;

  const institution = await browser.newPage();
  await signInWithPassword(institution, USERS.institution);
  expect((await institution.goto(incidentPath))?.status()).toBe(403);
  const refused = await institution.request.get(download);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("Legend:");
  await institution.close();

  // An unknown reference is a real 404 for staff too.
  const analyst = await browser.newPage();
  await signInWithPassword(analyst, USERS.analyst);
  expect((await analyst.goto("/incidents/99999999"))?.status()).toBe(404);
  await expect(analyst.getByRole("heading", { name: "No such incident" })).toBeVisible();
  await analyst.close();

  // Signed out, a link to the incident leads to sign-in and back to the same incident.
  const anonymous = await browser.newPage();
  await anonymous.goto(incidentPath);
  await expect(anonymous).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(incidentPath)}`);
  expect((await anonymous.request.get(download)).status()).toBe(401);
  // A filtered queue link keeps its filters through sign-in.
  await anonymous.goto(`/incidents?q=${encodeURIComponent(V4)}&status=NOTIFIED`);
  await expect(anonymous).toHaveURL(
    `/signin?callbackUrl=${encodeURIComponent(`/incidents?q=${encodeURIComponent(V4)}&status=NOTIFIED`)}`,
  );
  await anonymous.close();
});

import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, ingestFlowFile, signInWithPassword, test, USERS } from "./fixtures";
import { checkPage } from "./support/page-checks";

const SAMPLE = path.resolve("test/fixtures/flows/nfdump-1.7.1-example.csv");

test("an admin registers a webhook; a note on an incident is delivered, signed, and shows in the delivery log", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(202).end("queued here");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/csirt`;

  try {
    await signInWithPassword(page, USERS.admin);
    await page.goto("/settings");
    const settings = page.getByRole("form", { name: "Settings" });
    await settings.getByLabel(/^Hosts webhooks may be sent to/).fill("127.0.0.1");
    await settings.getByLabel(/^Webhooks may go to loopback addresses/).fill("1");
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(settings.getByRole("status")).toContainText("Saved:");

    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Add a webhook" });
    await form.getByLabel("URL").fill("ftp://127.0.0.1/csirt");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByRole("alert")).toContainText("Only http and https URLs are allowed");
    await form.getByLabel("URL").fill(url);
    await form.getByLabel("Description").fill("e2e receiver");
    await form.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await form.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await form.getByRole("link", { name: "Open the webhook and its delivery log" }).click();
    await expect(page.getByRole("heading", { name: url, level: 1 })).toBeVisible();
    const endpointPage = page.url();

    await ingestFlowFile(page, SAMPLE);
    await page.goto("/incidents?status=all");
    await page.getByTestId("incident-row").first().getByRole("link").first().click();
    const note = page.getByRole("form", { name: "Add a note" });
    await note.getByLabel("Note").fill("Told the SOAR through a webhook.");
    await note.getByRole("button", { name: "Add note" }).click();
    await expect(note.getByRole("status")).toHaveText("Internal note added.");

    // The worker sends due deliveries every minute.
    await expect
      .poll(
        () =>
          received.some(
            (request) => JSON.parse(request.body).data?.entry?.message === "Told the SOAR through a webhook.",
          ),
        {
          timeout: 150_000,
          intervals: [2_000],
        },
      )
      .toBe(true);
    const delivered = received.find((request) => JSON.parse(request.body).type === "incident.updated")!;
    const [id, timestamp] = [String(delivered.headers["webhook-id"]), String(delivered.headers["webhook-timestamp"])];
    const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
      .update(`${id}.${timestamp}.${delivered.body}`)
      .digest("base64");
    expect(delivered.headers["webhook-signature"]).toBe(`v1,${expected}`);

    await page.goto(endpointPage);
    const log = page.getByRole("list", { name: "Deliveries, newest first" });
    await expect(log.getByRole("listitem").filter({ hasText: id })).toContainText("Delivered");
    await expect(log.getByRole("listitem").filter({ hasText: id })).toContainText("queued here");
    await log
      .getByRole("listitem")
      .filter({ hasText: id })
      .getByRole("button", { name: /^Replay / })
      .click();
    await expect(log.getByRole("listitem").filter({ hasText: id })).toContainText(/Queued|Sending|replayed 1×/);

    const fresh = await (await browser.newContext()).newPage();
    await signInWithPassword(fresh, USERS.admin);
    await checkPage(fresh, "webhooks", "/settings/webhooks", { phoneWidthRule: true, status: 200 });
    await checkPage(fresh, "webhook", new URL(endpointPage).pathname, { phoneWidthRule: true, status: 200 });
    await fresh.context().close();
  } finally {
    receiver.close();
  }
});

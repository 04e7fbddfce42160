import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TOTP_PERIOD_SECONDS, totpCodeAt } from "../lib/auth/second-factor/totp";
import { recentFixtureText } from "../test/support/samples";
import { test as base, expect, type Page } from "@playwright/test";
import { APP_URL, SINK_URL } from "../playwright.config";
import type { SinkMessage } from "./support/smtp-sink";

export const DEMO_PASSWORD = "demo-password-2026";
export const USERS = {
  admin: "admin@csirt.example",
  analyst: "analyst@csirt.example",
  institution: "security@example-college.example",
} as const;

export interface Mailbox {
  messagesTo(address: string): Promise<SinkMessage[]>;
  waitForMessageTo(address: string, options?: { after?: number; timeoutMs?: number }): Promise<SinkMessage>;
}

const mailbox: Mailbox = {
  async messagesTo(address) {
    const response = await fetch(`${SINK_URL}/messages?to=${encodeURIComponent(address)}`);
    return (await response.json()) as SinkMessage[];
  },
  async waitForMessageTo(address, { after = 0, timeoutMs = 15_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await mailbox.messagesTo(address)).find((message) => message.id > after);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  },
};

/** Fills in the staff sign-in form; the answer (an error, or the next page) is the caller's to check. */
export async function attemptPasswordSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  const form = page.getByRole("form", { name: "Sign in with password" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

/**
 * The authenticator-app secrets the fixtures set up (admins must have a second factor), kept in
 * the app's data directory: start-app.ts empties it when the server starts, so they live exactly
 * as long as the database that knows them. Also the last time step used, per person: the server
 * refuses a code of a step already used, so two sign-ins in one 30 s step take the next step's code.
 */
const TOTP_STORE = path.resolve(`.data/e2e-${new URL(APP_URL).port}/e2e-totp.json`);
type TotpStore = Record<string, { secret: string; lastStep: number }>;

function readTotpStore(): TotpStore {
  return existsSync(TOTP_STORE) ? (JSON.parse(readFileSync(TOTP_STORE, "utf8")) as TotpStore) : {};
}

function saveTotp(email: string, entry: { secret: string; lastStep: number }): void {
  mkdirSync(path.dirname(TOTP_STORE), { recursive: true });
  writeFileSync(TOTP_STORE, JSON.stringify({ ...readTotpStore(), [email]: entry }));
}

/** A code for a time step not used before (waiting for the clock when the next one is too far ahead). */
export async function freshTotpCode(email: string, secret = readTotpStore()[email]?.secret): Promise<string> {
  if (!secret) throw new Error(`no authenticator app set up for ${email} in this run`);
  const lastStep = readTotpStore()[email]?.lastStep ?? 0;
  const currentStep = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
  const step = Math.max(currentStep(), lastStep + 1);
  while (step > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  saveTotp(email, { secret, lastStep: step });
  return totpCodeAt(secret, new Date(step * TOTP_PERIOD_SECONDS * 1000));
}

export function totpSecretOf(email: string): string | undefined {
  return readTotpStore()[email]?.secret;
}

/**
 * On the second-factor page: sets up an authenticator app the first time (keeping its secret for
 * later sign-ins), afterwards types its code, as a person with the app on their phone would.
 */
export async function completeSecondFactor(page: Page, email: string): Promise<void> {
  const enrol = page.getByRole("form", { name: "Set up an authenticator app" });
  const verify = page.getByRole("form", { name: "Confirm with your authenticator app" });
  await expect(enrol.or(verify)).toBeVisible();
  if (await enrol.isVisible()) {
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
    saveTotp(email, { secret, lastStep: 0 });
    await enrol.getByLabel("6-digit code").fill(await freshTotpCode(email, secret));
    await enrol.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByTestId("recovery-codes")).toBeVisible();
    await page.getByRole("button", { name: /continue/ }).click();
    return;
  }
  await verify.getByLabel("6-digit code").fill(await freshTotpCode(email));
  await verify.getByRole("button", { name: "Confirm" }).click();
}

/**
 * Signs in and waits until the app has moved on from the sign-in page; a second factor asked
 * for (admins always) is given with the authenticator app the fixtures set up.
 */
export async function signInWithPassword(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await attemptPasswordSignIn(page, email, password);
  // Wait for where the app settles (the first page may still redirect on to the second-factor page).
  const secondFactor = page.getByRole("heading", { level: 1, name: /^(Confirm it is you|Set up a second factor)$/ });
  const signedIn = page.getByTestId("signed-in-as");
  // Attached, not visible: on a phone the signed-in name sits in the collapsed menu.
  await expect(secondFactor.or(signedIn)).toBeAttached({ timeout: 30_000 });
  if (await secondFactor.isVisible()) {
    await completeSecondFactor(page, email);
    await expect(signedIn).toBeAttached({ timeout: 30_000 });
  }
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** The SMTP sink's messages, for hooks that run outside a test's fixtures. */
export const mailboxClient = mailbox;

export const test = base.extend<{ mailbox: Mailbox }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring; none here.
  mailbox: async ({}, use) => {
    await use(mailbox);
  },
});

export { expect };

/**
 * A flow fixture as an upload, moved to yesterday: the app ingests with the real clock and
 * rejects flows dated in the future (the fixtures were captured on 2027-01-09).
 */
export function recentFlowUpload(filePath: string, text?: string): { name: string; mimeType: string; buffer: Buffer } {
  const name = filePath.split(/[\\/]/).pop()!;
  return {
    name,
    mimeType: "text/plain",
    buffer: Buffer.from(recentFixtureText(text ?? readFileSync(filePath, "utf8"))),
  };
}

/**
 * Uploads a flow fixture (moved to yesterday) on /ingest as an analyst would, and waits until
 * the worker has read it. A file ingested before (same content) is fine: its incidents are already there.
 */
export async function ingestFlowFile(page: Page, filePath: string, { timeoutMs = 60_000 } = {}): Promise<void> {
  const upload = recentFlowUpload(filePath);
  const fileName = upload.name;
  await page.goto("/ingest");
  await page.getByLabel("Flow file", { exact: true }).setInputFiles(upload);
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  const row = page.getByTestId("ingest-run").filter({ hasText: fileName }).first();
  await expect(row.getByText(/^(succeeded|duplicate)$/)).toBeVisible({ timeout: timeoutMs });
}

/**
 * Collects what the browser refused under the Content-Security-Policy (Chromium logs each
 * refusal as a console error). A page whose own scripts were blocked would show up here.
 */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (
      message.type() === "error" &&
      /Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())
    ) {
      violations.push(`${page.url()}: ${message.text()}`);
    }
  });
  return violations;
}

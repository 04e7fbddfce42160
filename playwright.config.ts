import { defineConfig, devices } from "@playwright/test";

// E2E_PORT_BASE lets two runs on one machine stay out of each other's way.
const BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const PORT = BASE;
export const APP_URL = `http://localhost:${PORT}`;
/** A second instance with no SMTP_URL: its mail goes to the built-in dev mailbox. */
const MAILBOX_PORT = BASE + 1;
export const MAILBOX_APP_URL = `http://localhost:${MAILBOX_PORT}`;
const SINK_SMTP_PORT = BASE + 10;
const SINK_HTTP_PORT = BASE + 11;
export const SINK_URL = `http://127.0.0.1:${SINK_HTTP_PORT}`;

// Debian's Chromium; Playwright's own browser download cannot work offline.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: BASE === 3100 ? "test-results/e2e" : `test-results/e2e-${BASE}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /dev-mailbox(-[a-z-]+)?\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "dev-mailbox",
      testMatch: /dev-mailbox(-[a-z-]+)?\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: MAILBOX_APP_URL },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/support/smtp-sink.ts",
      url: `${SINK_URL}/health`,
      env: { SINK_SMTP_PORT: String(SINK_SMTP_PORT), SINK_HTTP_PORT: String(SINK_HTTP_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "npx tsx e2e/support/start-app.ts",
      url: `${APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        APP_URL,
        DATA_DIR: `.data/e2e-${PORT}`,
        DATABASE_URL: "",
        SMTP_URL: `smtp://127.0.0.1:${SINK_SMTP_PORT}`,
        MAIL_FROM: "CSIRT e2e <csirt@localhost>",
        // A fixed key for tests only ("e2e-only-pgp-key-encryption-key!"): lets the settings page offer the signing key forms.
        PGP_KEY_ENCRYPTION_KEY: "ZTJlLW9ubHktcGdwLWtleS1lbmNyeXB0aW9uLWtleSE=",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      command: "npx tsx e2e/support/start-app.ts",
      url: `${MAILBOX_APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      env: {
        PORT: String(MAILBOX_PORT),
        APP_URL: MAILBOX_APP_URL,
        DATA_DIR: `.data/e2e-${MAILBOX_PORT}`,
        DATABASE_URL: "",
        SMTP_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});

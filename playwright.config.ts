import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;
export const APP_URL = `http://localhost:${PORT}`;
export const SINK_URL = "http://127.0.0.1:2527";

// Debian's Chromium; Playwright's own browser download cannot work offline.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "npx tsx e2e/support/smtp-sink.ts",
      url: `${SINK_URL}/health`,
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
        DATA_DIR: ".data/e2e",
        DATABASE_URL: "",
        SMTP_URL: "smtp://127.0.0.1:2526",
        MAIL_FROM: "CSIRT e2e <csirt@localhost>",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The two sizes every page is looked at: a desktop and a phone. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };
/** Screenshots for people to look at (not committed). */
export const SHOTS = "test-results/screenshots";

export async function documentOverflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // Names the elements that stick out, so a failure says where to look.
    const widest = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((element) => element.getBoundingClientRect().right > innerWidth + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 60)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
  });
}

/** axe-core's serious and critical violations, each with where it is. The page must come from browser.newContext(). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** Visits a page at both sizes: screenshots, axe at each, and (for institution pages) no sideways scrolling on the phone. */
export async function checkPage(
  page: Page,
  name: string,
  url: string,
  { phoneWidthRule, status }: { phoneWidthRule: boolean; status?: number },
) {
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    const response = await page.goto(url);
    if (status !== undefined) expect(response?.status(), `${name}: HTTP status`).toBe(status);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
    if (size === "phone" && phoneWidthRule) {
      const overflow = await documentOverflow(page);
      expect(overflow.scrollWidth, `${name} sticks out on a phone: ${overflow.widest.join("; ")}`).toBeLessThanOrEqual(
        overflow.innerWidth,
      );
    }
    expect(await seriousViolations(page), `${name} at ${size}`).toEqual([]);
  }
}

import { chromium } from "playwright";
const [url, ...rest] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto("http://localhost:3502/signin");
const form = page.getByRole("form", { name: "Sign in with password" });
await form.getByLabel("E-mail").fill("analyst@csirt.example");
await form.getByLabel("Password").fill("demo-password-2026");
await form.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
for (const u of [url, ...rest]) {
await page.goto("http://localhost:3502" + u);
await page.waitForLoadState("networkidle");
if (process.env.FIX) await page.addStyleTag({ content: ".overflow-x-auto{position:relative}" });
const info = await page.evaluate(() => {
  const W = window.innerWidth;
  // The outermost elements that stick out and are not inside a scroll box.
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right <= W + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p) { const s = getComputedStyle(p); if (["auto","scroll","hidden"].includes(s.overflowX) && p.getBoundingClientRect().right <= W + 1) { clipped = true; break; } p = p.parentElement; }
    if (!clipped || getComputedStyle(el).position === "absolute") out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0,80)} right=${Math.round(r.right)} w=${Math.round(r.width)}`);
  }
  return { sw: document.documentElement.scrollWidth, out: out.slice(0, 15) };
});
console.log(u, JSON.stringify(info));
}
await browser.close();

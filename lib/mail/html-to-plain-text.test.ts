import { describe, expect, it } from "vitest";
import { htmlToPlainText } from "./html-to-plain-text";

describe("htmlToPlainText", () => {
  it("drops scripts, styles and comments, keeps blocks as lines and decodes entities", () => {
    const html =
      "<html><head><style>p{}</style></head><body><p>Blocked at the <b>firewall</b> &amp; the switch.</p><script>alert(1)</script><!-- x --><div>Line&nbsp;two<br>three &#x263A; &lt;tag&gt;</div><ul><li>a</li><li>b</li></ul></body></html>";
    expect(htmlToPlainText(html)).toBe("Blocked at the firewall & the switch.\n\nLine two\nthree ☺ <tag>\n\n- a\n- b");
  });

  it("turns blockquotes into > lines so that they fold like quoted text", () => {
    expect(htmlToPlainText("<p>Done.</p><blockquote><p>An IP</p><blockquote>deeper</blockquote></blockquote>")).toBe(
      "Done.\n\n> An IP\n> > deeper",
    );
  });

  it("never lets markup through, even broken or hostile markup", () => {
    const text = htmlToPlainText('<img src=x onerror="alert(1)">hi<a href="javascript:x">link</a><scr<script>ipt>');
    expect(text).not.toMatch(/<img|<a |<script/i);
    expect(text).toContain("hi");
  });
});

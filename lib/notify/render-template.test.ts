import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE_SETS, DEFAULT_TEMPLATES } from "./default-templates";
import { headerSafe, renderTemplate, validateTemplate } from "./render-template";
import { TEMPLATE_VARIABLES, type TemplateView } from "./template-variables";

const view = Object.fromEntries(
  TEMPLATE_VARIABLES.map((variable) => [variable.name, `<${variable.name}>`]),
) as TemplateView;

describe("notification templates", () => {
  it("ships default templates that validate, carry the reference, and use the advice and sample", () => {
    for (const template of DEFAULT_TEMPLATES) {
      expect(validateTemplate(template, template.purpose), template.name).toEqual([]);
      if (template.purpose !== "DIGEST") expect(template.subject).toMatch(/^\[CSIRT #\{\{reference\}\}\] /);
    }
    const first = DEFAULT_TEMPLATES.find(
      (template) => template.incidentType === "SSH_SCAN" && template.purpose === "FIRST_NOTICE",
    )!;
    for (const variable of ["summary", "sample", "advice", "responseUrl", "attachmentsNote"])
      expect(first.textBody).toContain(`{{${variable}}}`);
  });

  it("ships a complete German set: one for every English default, valid, tagged, and in the same place in the thread", () => {
    const key = (template: { incidentType: string; purpose: string }) => `${template.incidentType}/${template.purpose}`;
    expect(DEFAULT_TEMPLATE_SETS.de.map(key).sort()).toEqual(DEFAULT_TEMPLATES.map(key).sort());
    for (const template of DEFAULT_TEMPLATE_SETS.de) {
      expect(validateTemplate(template, template.purpose === "DIGEST" ? "DIGEST" : undefined), template.name).toEqual(
        [],
      );
      // A digest covers several incidents: its subject has no single reference (replies are one per incident).
      expect(template.subject).toMatch(
        template.purpose === "DIGEST" ? /^\[CSIRT\] / : /^\[CSIRT #\{\{reference\}\}\] /,
      );
      expect(template.textBody).toMatch(/^Guten Tag \{\{contactName\}\}/);
      // Formal address only.
      expect(template.textBody).not.toMatch(/\b(du|dich|dein|deine|euch|euer)\b/i);
    }
  });

  it("checks the digest template against the digest's own variables", () => {
    const digest = DEFAULT_TEMPLATES.find((template) => template.purpose === "DIGEST")!;
    expect(validateTemplate(digest)).toContain(
      "The subject must carry {{reference}} so that replies can be matched to the incident.",
    );
    expect(validateTemplate({ ...digest, textBody: "{{#incidents}}{{advice}}{{/incidents}}" }, "DIGEST")).toEqual([
      "The text body uses {{advice}}, which is not a variable templates can use.",
    ]);
  });

  it.each([
    [
      { subject: "[CSIRT #{{reference}}] {{orgName}}", textBody: "x" },
      "The subject uses {{orgName}}, which is not a variable templates can use.",
    ],
    [
      { subject: "[CSIRT #{{reference}}]", textBody: "Hello {{#summary}}" },
      'The text body does not parse: Unclosed section "summary" at 18',
    ],
    [
      { subject: "[CSIRT #{{reference}}]", textBody: "{{> footer}}" },
      "The text body includes a partial ({{> footer}}); templates cannot include others.",
    ],
    [
      { subject: "Scan from {{sourceIp}}", textBody: "x" },
      "The subject must carry {{reference}} so that replies can be matched to the incident.",
    ],
    [{ subject: "[CSIRT #{{reference}}]", textBody: "   " }, "The text body is empty."],
    [
      { subject: "[CSIRT #{{reference}}]", textBody: "ok", htmlBody: "<p>{{{evil}}}</p>" },
      "The HTML body uses {{evil}}, which is not a variable templates can use.",
    ],
    [
      { subject: "[CSIRT #{{reference}}]", textBody: "ok", htmlBody: "<p>{{{organisation}}}</p>" },
      "The HTML body prints {{organisation}} unescaped ({{{organisation}}} or {{& organisation}}); write {{organisation}} so that it is escaped.",
    ],
    [
      { subject: "[CSIRT #{{reference}}]", textBody: "ok", htmlBody: "<p>{{& summary}}</p>" },
      "The HTML body prints {{summary}} unescaped ({{{summary}}} or {{& summary}}); write {{summary}} so that it is escaped.",
    ],
    [
      { subject: "[CSIRT #{{reference}}]", textBody: "ok", htmlBody: "{{=<% %>=}}<p><%& sample %></p>" },
      "The HTML body prints {{sample}} unescaped ({{{sample}}} or {{& sample}}); write {{sample}} so that it is escaped.",
    ],
  ])("refuses %j", (template, problem) => {
    expect(validateTemplate(template)).toContain(problem);
  });

  it("allows {{{ }}} in the text body, where nothing is escaped anyway", () => {
    expect(validateTemplate({ subject: "[CSIRT #{{reference}}]", textBody: "{{{summary}}}" })).toEqual([]);
  });

  it("escapes even a triple-brace value in an HTML body saved before validation refused it", () => {
    const hostile = { ...view, organisation: "<img src=x onerror=alert(1)>" };
    const rendered = renderTemplate(
      { subject: "[CSIRT #{{reference}}]", textBody: "x", htmlBody: "<p>{{{organisation}}}|{{& organisation}}</p>" },
      hostile,
    );
    expect(rendered.html).toBe(
      "<p>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;|&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p>",
    );
  });

  it("escapes HTML only in the HTML part and keeps headers to one line", () => {
    const hostile = { ...view, organisation: "<script>alert(1)</script>\r\nBcc: victim@example.org", reference: "7" };
    const rendered = renderTemplate(
      {
        subject: "[CSIRT #{{reference}}] {{organisation}}",
        textBody: "Org: {{organisation}}",
        htmlBody: "<p>{{organisation}}</p>",
      },
      hostile,
    );
    expect(rendered.subject).toBe("[CSIRT #7] <script>alert(1)</script> Bcc: victim@example.org");
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.text).toBe("Org: <script>alert(1)</script>\r\nBcc: victim@example.org");
    expect(rendered.html).toBe("<p>&lt;script&gt;alert(1)&lt;&#x2F;script&gt;\r\nBcc: victim@example.org</p>");
  });

  it("headerSafe strips control characters and bounds the length", () => {
    expect(headerSafe("a\u0000b\tc\r\nd")).toBe("a b c d");
    expect(headerSafe("x".repeat(500))).toHaveLength(250);
  });
});

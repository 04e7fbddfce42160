import { buildIodefDocument } from "./build-iodef-document";
import { buildXarfReport } from "./build-xarf-report";
import type { TReportInput } from "./report-input";

export interface TReportFormats {
  xarf: boolean;
  iodef: boolean;
}

/** The machine-readable reports an organisation asked for, as mail attachments. */
export function buildReportAttachments(
  input: TReportInput,
  formats: TReportFormats,
): Array<{ filename: string; content: Buffer; contentType: string }> {
  const attachments: Array<{ filename: string; content: Buffer; contentType: string }> = [];
  const xarf = formats.xarf ? buildXarfReport(input) : null;
  if (xarf)
    attachments.push({
      filename: `csirt-${input.reference}-xarf.json`,
      content: Buffer.from(`${JSON.stringify(xarf, null, 2)}\n`),
      contentType: "application/json",
    });
  if (formats.iodef)
    attachments.push({
      filename: `csirt-${input.reference}-iodef.xml`,
      content: Buffer.from(buildIodefDocument(input)),
      contentType: "application/xml",
    });
  return attachments;
}

/** A stored file as a download: the bytes as stored, a safe name, never rendered inline. */
export function fileDownload({
  content,
  fileName,
  contentType,
}: {
  content: Uint8Array;
  fileName: string;
  contentType: string;
}): Response {
  const ascii = fileName.replace(/[^\w.-]+/g, "_");
  return new Response(Buffer.from(content), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

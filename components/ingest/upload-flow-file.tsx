"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";

type Phase = { kind: "idle" } | { kind: "uploading"; progress: number } | { kind: "done"; message: string } | { kind: "error"; message: string };

/** Streams the file as the request body (no multipart buffering), showing the upload's progress. */
export function UploadFlowFile() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const streamInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setPhase({ kind: "error", message: "Choose a flow file first." });
    const request = new XMLHttpRequest();
    request.open("POST", "/api/ingest/uploads");
    request.setRequestHeader("x-file-name", file.name);
    const stream = streamInput.current?.value.trim();
    if (stream) request.setRequestHeader("x-stream", stream);
    request.upload.onprogress = (progress) => setPhase({ kind: "uploading", progress: progress.lengthComputable ? progress.loaded / progress.total : 0 });
    request.onload = () => {
      const body = JSON.parse(request.responseText || "{}") as { message?: string; status?: string; duplicateOf?: string | null };
      if (request.status >= 400) return setPhase({ kind: "error", message: body.message ?? "The upload failed." });
      setPhase({
        kind: "done",
        message: body.status === "duplicate" ? `${file.name} was ingested before: nothing to do.` : `${file.name} uploaded; the worker is reading it now.`,
      });
      if (input.current) input.current.value = "";
      router.refresh();
    };
    request.onerror = () => setPhase({ kind: "error", message: "The upload was interrupted. Try again." });
    setPhase({ kind: "uploading", progress: 0 });
    request.send(file);
  }

  return (
    <form onSubmit={upload} className="space-y-3" aria-label="Upload a flow file">
      <div>
        <label htmlFor="flow-file" className="block text-sm font-medium">Flow file</label>
        <input id="flow-file" ref={input} type="file" name="file" className="mt-1 block text-sm" aria-describedby="flow-file-hint" />
        <p id="flow-file-hint" className="mt-1 text-xs text-slate-600">nfcapd files as the collector wrote them, nfdump CSV or text, Zeek conn.log, SiLK rwcut, Argus binetflow or flow lines; gzip is fine for text.</p>
      </div>
      <div>
        <label htmlFor="flow-stream" className="block text-sm font-medium">Stream <span className="font-normal text-slate-600">(optional)</span></label>
        <input
          id="flow-stream"
          ref={streamInput}
          name="stream"
          placeholder="default"
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
          className="mt-1 block w-full max-w-xs rounded border border-slate-300 px-2 py-1 text-sm"
          aria-describedby="flow-stream-hint"
        />
        <p id="flow-stream-hint" className="mt-1 text-xs text-slate-600">The collector this file comes from: detection continues from its previous file.</p>
      </div>
      <Button type="submit" disabled={phase.kind === "uploading"}>Upload and ingest</Button>
      {phase.kind === "uploading" ? <ProgressBar value={phase.progress} label="Upload" /> : null}
      {phase.kind === "done" ? <Alert tone="success">{phase.message}</Alert> : null}
      {phase.kind === "error" ? <Alert tone="error">{phase.message}</Alert> : null}
    </form>
  );
}

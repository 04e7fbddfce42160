"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { TIngestRunDescription } from "@/lib/ingest/describe-ingest-run";
import { describeRunOutcome } from "@/lib/ingest/describe-run-outcome";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; progress: number }
  | { kind: "following"; run: TIngestRunDescription }
  | { kind: "error"; message: string };

const POLL_MS = 1_000;

/** Streams the file as the request body (no multipart buffering), showing the upload's progress. */
export function UploadFlowFile() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const streamInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const followedId = phase.kind === "following" && !describeRunOutcome(phase.run).done ? phase.run.id : null;

  // The banner follows the run (waiting, reading, finished, failed) until it is done.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each poll's new phase schedules the next poll; without it the banner stops after one.
  useEffect(() => {
    if (!followedId) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/ingest/runs/${followedId}`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const run = (await response.json()) as TIngestRunDescription;
        setPhase({ kind: "following", run });
        if (describeRunOutcome(run).done) router.refresh();
      } catch {
        // A dropped poll is tried again on the next tick.
        if (!stopped) setPhase((current) => (current.kind === "following" ? { ...current } : current));
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [followedId, phase, router]);

  function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setPhase({ kind: "error", message: "Choose a flow file first." });
    const request = new XMLHttpRequest();
    request.open("POST", "/api/ingest/uploads");
    request.setRequestHeader("x-file-name", file.name);
    const stream = streamInput.current?.value.trim();
    if (stream) request.setRequestHeader("x-stream", stream);
    request.upload.onprogress = (progress) =>
      setPhase({ kind: "uploading", progress: progress.lengthComputable ? progress.loaded / progress.total : 0 });
    request.onload = () => {
      let body: Partial<TIngestRunDescription> & { message?: string } = {};
      try {
        body = JSON.parse(request.responseText || "{}") as typeof body;
      } catch {
        // Not JSON (a proxy's error page): the status code speaks.
      }
      if (request.status >= 400 || !body.id)
        return setPhase({ kind: "error", message: body.message ?? "The upload failed. Try again." });
      setPhase({ kind: "following", run: body as TIngestRunDescription });
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
        <label htmlFor="flow-file" className="block text-sm font-medium">
          Flow file
        </label>
        <input
          id="flow-file"
          ref={input}
          type="file"
          name="file"
          className="mt-1 block text-sm"
          aria-describedby="flow-file-hint"
        />
        <p id="flow-file-hint" className="mt-1 text-xs text-slate-600">
          nfcapd files as the collector wrote them, nfdump CSV or text, Zeek conn.log, SiLK rwcut, Argus binetflow or
          flow lines; gzip is fine for text.
        </p>
      </div>
      <div>
        <label htmlFor="flow-stream" className="block text-sm font-medium">
          Stream <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id="flow-stream"
          ref={streamInput}
          name="stream"
          placeholder="default"
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
          className="mt-1 block w-full max-w-xs rounded border border-slate-300 px-2 py-1 text-sm"
          aria-describedby="flow-stream-hint"
        />
        <p id="flow-stream-hint" className="mt-1 text-xs text-slate-600">
          The collector this file comes from: detection continues from its previous file.
        </p>
      </div>
      <Button type="submit" disabled={phase.kind === "uploading"}>
        Upload and ingest
      </Button>
      {phase.kind === "uploading" ? <ProgressBar value={phase.progress} label="Upload" /> : null}
      {phase.kind === "following" ? <RunBanner run={phase.run} /> : null}
      {phase.kind === "error" ? <Alert tone="error">{phase.message}</Alert> : null}
    </form>
  );
}

function RunBanner({ run }: { run: TIngestRunDescription }) {
  const outcome = describeRunOutcome(run);
  return (
    <div data-testid="upload-banner" data-tone={outcome.tone} className="space-y-2">
      <Alert tone={outcome.tone}>
        {outcome.message}
        {outcome.done && run.incidentsCreated + run.incidentsUpdated + run.incidentsReopened > 0 ? (
          <>
            {" "}
            <a href={`/incidents?run=${run.id}`} className="underline">
              See these incidents
            </a>
            .
          </>
        ) : null}
      </Alert>
      {!outcome.done && run.status === "running" ? (
        <ProgressBar value={run.progress} label={`Ingest of ${run.file}`} />
      ) : null}
    </div>
  );
}

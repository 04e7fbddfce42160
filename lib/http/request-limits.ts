/**
 * Bodies every request may send: Next.js's own default for server actions (1 MiB), enforced
 * before the body is read. Files go through the streaming upload routes, which have their own
 * per-caller limits and quotas (lib/ingest/upload-quota.ts).
 */
export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

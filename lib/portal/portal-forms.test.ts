import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { readReference, readResolveForm } from "./portal-forms";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

describe("portal forms", () => {
  it.each(["2147483648", "-1", "abc", ""])(
    "refuses the tampered reference %j with a message, not an error page",
    (reference) => {
      const error = refusal(() => readReference(form({ reference })));
      expect(isAppError(error, "INVALID_INPUT")).toBe(true);
    },
  );

  it("refuses an allow-list expiry the database could not store", () => {
    const fields = { reference: "7", rootCause: "authorised-activity", note: "Our scanner." };
    expect(readResolveForm(form({ ...fields, allowListUntil: "2027-03-01" })).allowListUntil?.toISOString()).toBe(
      "2027-03-01T23:59:59.000Z",
    );
    const error = refusal(() => readResolveForm(form({ ...fields, allowListUntil: "0000-01-01" })));
    expect(isAppError(error, "INVALID_INPUT")).toBe(true);
    expect((error as Error).message).toMatch(/between 1970 and 2999/);
  });
});

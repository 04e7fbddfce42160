import { describe, expect, it } from "vitest";
import { assertNoNulBytes } from "./form-values";

describe("assertNoNulBytes", () => {
  it("refuses a form value PostgreSQL could not store, naming the field", () => {
    const form = new FormData();
    form.set("text", "fine");
    expect(() => assertNoNulBytes(form)).not.toThrow();
    form.set("note", "bad\u0000value");
    expect(() => assertNoNulBytes(form)).toThrow('The field "note" contains a NUL character.');
  });
});

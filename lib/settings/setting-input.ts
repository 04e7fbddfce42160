/**
 * Reading a setting from what a person typed: numbers as whole numbers, lists (ports) as
 * comma-separated whole numbers; then the setting's own zod schema. Messages fit for a form.
 */
import type { z } from "zod";
import { SETTINGS, type SettingKey } from "./definitions";

export type SettingInputResult = { ok: true; value: unknown } | { ok: false; error: string };

export function isListSetting(key: SettingKey): boolean {
  return Array.isArray(SETTINGS[key].default);
}

/** How a stored value is shown in the form and in the change history. */
export function formatSettingValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  if (value === null || value === undefined) return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const WHOLE_NUMBER = /^[+-]?\d+$/;

export function parseSettingInput(key: SettingKey, text: string): SettingInputResult {
  const trimmed = text.trim();
  let candidate: unknown;
  if ("textList" in SETTINGS[key]) {
    // A list of names (webhook hosts): lower case, no repeats; empty means none.
    candidate = [
      ...new Set(
        trimmed
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((item) => item.toLowerCase()),
      ),
    ].sort();
  } else if (isListSetting(key)) {
    const items = trimmed.split(/[\s,;]+/).filter(Boolean);
    if (items.length === 0) return { ok: false, error: "Give at least one value, separated by commas." };
    const bad = items.find((item) => !WHOLE_NUMBER.test(item));
    if (bad !== undefined)
      return { ok: false, error: `"${bad}" is not a whole number; separate values with commas, e.g. 22, 2222.` };
    // Order and repeats carry no meaning in a set of ports.
    candidate = [...new Set(items.map(Number))].sort((a, b) => a - b);
  } else if (typeof SETTINGS[key].default === "string") {
    if (trimmed === "") return { ok: false, error: "Give a value." };
    candidate = trimmed;
  } else {
    if (trimmed === "") return { ok: false, error: "Give a value." };
    if (!WHOLE_NUMBER.test(trimmed)) return { ok: false, error: `"${trimmed}" is not a whole number.` };
    candidate = Number(trimmed);
  }
  return validateSetting(key, candidate);
}

/** The setting's schema applied to a value, with a readable message instead of zod's. */
export function validateSetting(key: SettingKey, value: unknown): SettingInputResult {
  const schema = SETTINGS[key].schema as z.ZodType;
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: describeIssue(parsed.error.issues[0], value) };
}

function describeIssue(issue: z.core.$ZodIssue | undefined, value: unknown): string {
  if (!issue) return "That value is not allowed.";
  const item = issue.path.length > 0 && Array.isArray(value) ? `${String(value[issue.path[0] as number])}: ` : "";
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array")
        return `Give at least ${String(issue.minimum)} value${Number(issue.minimum) === 1 ? "" : "s"}.`;
      return `${item}must be at least ${String(issue.minimum)}.`;
    case "too_big":
      if (issue.origin === "array") return `Give at most ${String(issue.maximum)} values.`;
      return `${item}must be at most ${String(issue.maximum)}.`;
    case "invalid_type":
      return `${item}must be ${issue.expected === "int" ? "a whole number" : `a ${issue.expected}`}.`;
    default:
      return `${item}${issue.message}`;
  }
}

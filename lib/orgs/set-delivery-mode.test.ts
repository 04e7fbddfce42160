import { describe, expect, it } from "vitest";
import { ZDeliveryModeInputSchema } from "./set-delivery-mode";

const errors = (input: Record<string, string>) => {
  const parsed = ZDeliveryModeInputSchema.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("delivery mode input", () => {
  it("turns the form into the stored columns, ignoring fields the mode does not use", () => {
    expect(ZDeliveryModeInputSchema.parse({ deliveryMode: "DAILY", digestAt: "08:00", digestEveryHours: "x" })).toEqual(
      {
        deliveryMode: "DAILY",
        digestAtMinute: 480,
        digestEveryHours: null,
      },
    );
    expect(ZDeliveryModeInputSchema.parse({ deliveryMode: "EVERY_N_HOURS", digestEveryHours: "6" })).toEqual({
      deliveryMode: "EVERY_N_HOURS",
      digestAtMinute: null,
      digestEveryHours: 6,
    });
    expect(ZDeliveryModeInputSchema.parse({ deliveryMode: "IMMEDIATE", digestAt: "nonsense" })).toEqual({
      deliveryMode: "IMMEDIATE",
      digestAtMinute: null,
      digestEveryHours: null,
    });
  });

  it("refuses bad input with a clear reason on the field", () => {
    expect(errors({ deliveryMode: "DAILY", digestAt: "8am" })).toEqual([
      ["digestAt", "Give a time of day as HH:MM on the 24-hour clock, e.g. 08:00."],
    ]);
    expect(errors({ deliveryMode: "DAILY" })).toEqual([
      ["digestAt", "Give a time of day as HH:MM on the 24-hour clock, e.g. 08:00."],
    ]);
    for (const hours of ["0", "25", "2.5", "-1", ""])
      expect(errors({ deliveryMode: "EVERY_N_HOURS", digestEveryHours: hours })).toEqual([
        ["digestEveryHours", "Give a whole number of hours from 1 to 24."],
      ]);
    expect(errors({ deliveryMode: "WEEKLY" })).toEqual([["deliveryMode", "Choose how notices are delivered."]]);
  });
});

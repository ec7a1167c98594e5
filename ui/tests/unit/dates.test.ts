import { describe, expect, it } from "vitest";
import { daysIn, isoDate, isoDateTime, parseIsoDate } from "../../src/lib/dates";

describe("one date format: YYYY-MM-DD", () => {
  it("reads ISO dates, and writes out short months and days", () => {
    expect(parseIsoDate("2027-03-31")).toEqual({ value: "2027-03-31" });
    expect(parseIsoDate(" 2027-3-5 ")).toEqual({ value: "2027-03-05" });
    expect(parseIsoDate("2027/03/31")).toEqual({ value: "2027-03-31" });
    expect(parseIsoDate("")).toEqual({ value: "" });
  });
  it("refuses other orders rather than guessing, and says why", () => {
    expect(parseIsoDate("03/31/2027").error).toMatch(/year first: YYYY-MM-DD/);
    expect(parseIsoDate("31.03.2027").error).toMatch(/year first/);
    expect(parseIsoDate("next Tuesday").error).toMatch(/as YYYY-MM-DD \(for example 2027-03-31\)/);
  });
  it("names the day or month that does not exist", () => {
    expect(parseIsoDate("2027-02-29").error).toBe("February 2027 has 28 days, so there is no day 29.");
    expect(parseIsoDate("2028-02-29")).toEqual({ value: "2028-02-29" });
    expect(parseIsoDate("2027-13-01").error).toBe("There is no month 13: months go from 01 to 12.");
    expect(parseIsoDate("2027-04-00").error).toMatch(/no day 0/);
    expect(daysIn(2027, 4)).toBe(30);
  });
  it("writes dates and times the same way", () => {
    expect(isoDate(new Date(2027, 2, 5))).toBe("2027-03-05");
    expect(isoDateTime(new Date(2026, 11, 2, 15, 4))).toBe("2026-12-02 15:04");
  });
});

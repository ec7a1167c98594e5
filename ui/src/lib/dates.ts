// One date format everywhere: YYYY-MM-DD, the map's own (docs/spec). What the user types is
// read as year, month, day — never as the browser's locale would order it — and said back
// as YYYY-MM-DD; a date that is not one says what is wrong with it.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Days in `month` (1–12) of `year`. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A typed date read as YYYY-MM-DD: `value` is the ISO date ("" for an empty field), or
 * `error` says what is wrong in words. Year, month and day may be separated by "-", "/" or
 * "." and the month and day written with one digit ("2027-3-5" is 2027-03-05); any other
 * order (31/03/2027, 03/31/2027) is refused rather than guessed.
 */
export function parseIsoDate(text: string): { value: string; error?: undefined } | { value?: undefined; error: string } {
  const t = text.trim();
  if (t === "") return { value: "" };
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (!m) {
    if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(t)) return { error: `Write the year first: YYYY-MM-DD (for example 2027-03-31).` };
    return { error: `Write the date as YYYY-MM-DD (for example 2027-03-31).` };
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return { error: `There is no month ${month}: months go from 01 to 12.` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { error: `${MONTHS[month - 1]} ${year} has ${days} days, so there is no day ${day}.` };
  return { value: `${m[1]}-${pad(month)}-${pad(day)}` };
}

/** A date as the app writes it: the ISO date as it is, "" for none. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A moment as the app writes it, in local time: "2026-12-02 15:40". */
export function isoDateTime(d: Date): string {
  return `${isoDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}


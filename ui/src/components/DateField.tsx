// A date typed and shown as YYYY-MM-DD, whatever the browser's locale (an
// `<input type="date">` would show 03/31/2027 in one and 31.03.2027 in another). A text
// field with the ISO pattern: what is wrong with a date is said under it (and blocks the
// form it is in); a calendar button opens the browser's date picker where it has one, and
// the date picked comes back as YYYY-MM-DD. Values in and out are ISO strings ("" for none).
import { useId, useLayoutEffect, useRef, useState } from "react";
import { parseIsoDate } from "../lib/dates";

interface Props {
  /** The field's text: an ISO date, "" for none, or what the user is typing. */
  value: string;
  /** Every change of the text (read it with `parseIsoDate` before sending it). */
  onChange: (text: string) => void;
  required?: boolean;
  disabled?: boolean;
  /** Its label, when the field is not inside a `<label>`. */
  ariaLabel?: string;
}

const canPick = typeof HTMLInputElement !== "undefined" && "showPicker" in HTMLInputElement.prototype;

export function DateField({ value, onChange, required, disabled, ariaLabel }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const messageId = useId();
  // The problem is said once the user has left the field (or the text is as long as a date).
  const [touched, setTouched] = useState(false);
  const parsed = parseIsoDate(value);
  const error = parsed.error ?? (required && parsed.value === "" ? "A date is needed (YYYY-MM-DD)." : undefined);
  const shown = error && (touched || value.trim().length >= 10) ? error : undefined;
  // The form it is in will not submit an invalid date.
  useLayoutEffect(() => {
    input.current?.setCustomValidity(error ?? "");
  }, [error]);
  return (
    <span className="date-field">
      <span className="date-row">
        <input
          ref={input}
          className="date-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => {
            setTouched(true);
            // "2027-3-5" is written out as 2027-03-05.
            if (parsed.value && parsed.value !== value) onChange(parsed.value);
          }}
          placeholder="YYYY-MM-DD"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={10}
          size={11}
          required={required}
          disabled={disabled}
          aria-label={ariaLabel}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? messageId : undefined}
        />
        {canPick && !disabled && (
          <>
            <button
              type="button"
              className="date-pick"
              aria-label="Open a calendar"
              title="Pick the day on a calendar"
              onClick={() => {
                try {
                  picker.current?.showPicker();
                } catch {
                  input.current?.focus();
                }
              }}
            >
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
                <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.4" />
              </svg>
            </button>
            {/* The browser's own picker, never seen: its value is ISO whatever it shows. */}
            <input
              ref={picker}
              type="date"
              className="date-picker-input"
              tabIndex={-1}
              aria-hidden="true"
              aria-label="Calendar"
              value={parsed.value ?? ""}
              onChange={(e) => {
                if (e.target.value) onChange(e.target.value);
                setTouched(true);
              }}
            />
          </>
        )}
      </span>
      {shown && (
        <span id={messageId} className="date-error" role="alert">
          {shown}
        </span>
      )}
    </span>
  );
}

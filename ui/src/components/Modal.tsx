// A modal dialog that behaves as one: labelled by its heading, Escape and the backdrop
// close it, Tab stays inside it, the page's keys do not reach past it, and focus goes back
// where it was when it closes. Used by the Help dialogs and the Reset sample question;
// looks like the other dialogs (.modal).
import { useEffect, useRef, type ReactNode } from "react";

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

export function Modal({
  labelledBy,
  describedBy,
  className,
  role = "dialog",
  onClose,
  children,
}: {
  /** The id of the dialog's heading. */
  labelledBy: string;
  describedBy?: string;
  className?: string;
  /** "alertdialog" for a question that needs an answer. */
  role?: "dialog" | "alertdialog";
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = ref.current;
    // The element marked data-autofocus, else the first control, else the dialog itself.
    const first = box?.querySelector<HTMLElement>("[data-autofocus]") ?? box?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box)?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        ref={ref}
        className={`modal ${className ?? ""}`}
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // The page's keys do not act behind the dialog (Delete would delete the selected
          // card, Escape would also clear the selection).
          e.stopPropagation();
          if (e.key === "Escape") {
            onClose();
            return;
          }
          if (e.key !== "Tab" || !ref.current) return;
          const all = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
          if (all.length === 0) {
            e.preventDefault();
            return;
          }
          const [head, tail] = [all[0], all[all.length - 1]];
          const at = document.activeElement;
          if (e.shiftKey && (at === head || at === ref.current)) {
            e.preventDefault();
            tail.focus();
          } else if (!e.shiftKey && at === tail) {
            e.preventDefault();
            head.focus();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

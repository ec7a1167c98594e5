// One hook per concern, each fetching once per analysed revision. The backend builds one
// revision per change (throughline-app-core); every reply to a change and every
// `doc-changed` event names it, and a panel asks again only when the revision (or what the
// panel asks for) is not the one it already shows.
import { useEffect, useRef, useState } from "react";

/**
 * The data `load` returns for `revision` and `key` (what the panel asks for, e.g. the
 * view request as JSON). Fetches when either changes, never twice for the same pair; keeps
 * showing the last data until the new arrives, except across files (`scope`), so another
 * organisation's map never shows under this one's title. `null` with no document.
 */
export function useRevisionData<T>(
  revision: number | null,
  scope: string | null,
  key: string,
  load: () => Promise<T>,
  onError?: (e: unknown) => void,
): T | null {
  const [state, setState] = useState<{ scope: string | null; data: T } | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const errorRef = useRef(onError);
  errorRef.current = onError;
  useEffect(() => {
    if (revision === null) {
      setState(null);
      return;
    }
    let live = true;
    loadRef
      .current()
      .then((data) => live && setState({ scope, data }))
      .catch((e) => live && errorRef.current?.(e));
    return () => {
      live = false;
    };
  }, [revision, scope, key]);
  if (revision === null || !state || state.scope !== scope) return null;
  return state.data;
}

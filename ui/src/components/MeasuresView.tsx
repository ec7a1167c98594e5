// The Measures view: the measures designer (one function's measures in words, with the
// findings' flags and their one-click fixes), and behind a toggle every trade-off as an
// editable matrix with the measure library.
import { useCallback, useState } from "react";
import type { Change, Edit } from "../bindings";
import { errorText } from "../ipc";
import { MeasuresDesigner } from "./MeasuresDesigner";
import { TradeOffMatrix } from "./TradeOffMatrix";
import "./measures.css";

interface Props {
  revision: number;
  readOnly: boolean;
  onEdit: (edit: Edit) => Promise<Change | null>;
}

export function MeasuresView({ revision, readOnly, onEdit }: Props) {
  const [matrix, setMatrix] = useState(false);
  // The function chosen (`null` until one is: the core shows the focus function).
  const [fn, setFn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((e: unknown) => setError(errorText(e)), []);
  return (
    <div className="measures" role="region" aria-label="Measures and trade-offs">
      <div className="measures-toggle" role="group" aria-label="Show">
        <button type="button" aria-pressed={!matrix} onClick={() => setMatrix(false)}>
          Measures by function
        </button>
        <button type="button" aria-pressed={matrix} onClick={() => setMatrix(true)}>
          All trade-offs (matrix)
        </button>
      </div>
      {error && (
        <p className="measures-error" role="alert">
          {error}
        </p>
      )}
      {matrix ? (
        <TradeOffMatrix revision={revision} readOnly={readOnly} fn={fn} onEdit={onEdit} onError={onError} />
      ) : (
        <MeasuresDesigner
          revision={revision}
          readOnly={readOnly}
          fn={fn}
          onFunction={(id) => {
            setError(null);
            setFn(id);
          }}
          onEdit={onEdit}
          onError={onError}
        />
      )}
    </div>
  );
}

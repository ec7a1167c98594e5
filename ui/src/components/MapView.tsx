// The alignment map: React Flow drawing the Rust-computed view (positions included).
// Units collapse and expand; goals can be dragged onto goals to link them.
import {
  Background,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  useReactFlow,
  type Edge,
  type Node,
  type NodeProps,
  type NodeMouseHandler,
  type OnNodeDrag,
} from "@xyflow/react";
import { memo, useEffect, useMemo, useRef } from "react";
import type { ViewModel, ViewNode } from "../bindings";
import { api } from "../ipc";
import { FIT_MARGIN, READABLE_ZOOM } from "../lib/view";

export type CardData = ViewNode & {
  selected: boolean;
  highlighted: boolean;
  dimmed: boolean;
  onToggle: (id: string) => void;
};

type CardNode = Node<CardData, "card">;

const SEVERITY_TEXT: Record<string, string> = { error: "Error", warning: "Warning", info: "Info" };

function Badge({ data }: { data: CardData }) {
  const sev = data.severity ?? (data.collapsed ? data.inner_severity : null);
  if (!sev) return null;
  const inside = !data.severity && data.collapsed;
  const label = inside
    ? `${SEVERITY_TEXT[sev]} inside`
    : `${data.findings} finding${data.findings === 1 ? "" : "s"}, worst: ${SEVERITY_TEXT[sev]}`;
  return (
    <span className={`badge sev-${sev}`} title={label} aria-label={label}>
      {inside ? "•" : data.findings}
    </span>
  );
}

const Card = memo(function Card({ data }: NodeProps<CardNode>) {
  const classes = [
    "card",
    `card-${data.kind}`,
    data.strategy ? "card-strategy" : "",
    data.unit_kind ? `unit-${data.unit_kind}` : "",
    data.selected ? "is-selected" : "",
    data.highlighted ? "is-highlighted" : "",
    data.dimmed ? "is-dimmed" : "",
    data.imposed_by ? "is-imposed" : "",
    data.kind === "goal" && !data.aligned ? "is-orphan" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const kindLabel =
    data.kind === "goal" ? (data.strategy ? "Strategy" : "Goal") : data.kind === "unit" ? "" : data.kind === "value" ? "Value" : "";
  return (
    <div
      className={classes}
      style={{ width: data.width, height: data.height }}
      aria-label={`${kindLabel || data.kind} ${data.label}`}
      data-id={data.id}
    >
      <Handle type="target" position={Position.Top} className="handle" isConnectable={false} />
      <div className="card-top">
        {kindLabel && <span className="card-kind">{kindLabel}</span>}
        <span className="card-label" title={data.label}>
          {data.label}
        </span>
        <Badge data={data} />
      </div>
      <div className="card-detail" title={data.detail}>
        {data.kind === "goal" && data.owner ? `${data.owner} · ` : ""}
        {data.detail}
      </div>
      {data.kind === "goal" && (
        <div className="card-flags">
          {data.imposed_by && <span className="flag flag-imposed">Imposed by {data.imposed_by}</span>}
          {data.status && data.status !== "agreed" && (
            <span className={`flag flag-${data.status}`}>{data.status}</span>
          )}
          {!data.aligned && !data.strategy && <span className="flag flag-orphan">no line to strategy</span>}
        </div>
      )}
      {data.kind === "unit" && data.expandable && (
        <button
          className="toggle nodrag"
          onClick={(e) => {
            e.stopPropagation();
            data.onToggle(data.id);
          }}
          aria-expanded={!data.collapsed}
          aria-label={`${data.collapsed ? "Expand" : "Collapse"} ${data.label}`}
        >
          {data.collapsed ? `+ ${data.hidden}` : "−"}
        </button>
      )}
      <Handle type="source" position={Position.Bottom} className="handle" isConnectable={false} />
    </div>
  );
});

const nodeTypes = { card: Card };

export interface MapViewProps {
  view: ViewModel;
  theme: "light" | "dark";
  selected: string | null;
  highlighted: Set<string>;
  focusId: string | null;
  focusSeq: number;
  onSelect: (id: string | null) => void;
  onToggle: (id: string) => void;
  onLink: (goal: string, supports: string) => void;
  zoomCommand: { kind: "in" | "out" | "fit"; seq: number } | null;
}

export function MapView(props: MapViewProps) {
  const { view, selected, highlighted, onSelect, onToggle, onLink } = props;
  const flow = useReactFlow<CardNode, Edge>();
  const firstFit = useRef(true);

  const nodes: CardNode[] = useMemo(
    () =>
      view.nodes.map((n) => ({
        id: n.id,
        type: "card",
        position: { x: n.x, y: n.y },
        width: n.width,
        height: n.height,
        draggable: n.kind === "goal",
        selectable: true,
        data: {
          ...n,
          selected: n.id === selected,
          highlighted: highlighted.has(n.id),
          dimmed: highlighted.size > 0 && !highlighted.has(n.id) && n.id !== selected,
          onToggle,
        },
      })),
    [view, selected, highlighted, onToggle],
  );

  const edges: Edge[] = useMemo(
    () =>
      view.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: e.kind === "structure" ? "smoothstep" : "default",
        // Supports links stay faint until they touch what is selected or highlighted.
        className: `edge-${e.kind}${
          e.kind !== "structure" &&
          (e.source === selected || e.target === selected || highlighted.has(e.source) || highlighted.has(e.target))
            ? " is-active"
            : ""
        }`,
        animated: false,
        selectable: false,
        focusable: false,
        markerEnd: e.kind === "structure" ? undefined : { type: "arrowclosed" as const, width: 16, height: 16 },
      })),
    [view, selected, highlighted],
  );

  // First view: the whole map if it is readable, else the top of it (strategy, functions)
  // at a readable zoom.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!firstFit.current || view.nodes.length === 0 || !box.current) return;
    firstFit.current = false;
    requestAnimationFrame(() => void api.markTiming("map-interactive"));
    const { clientWidth: w, clientHeight: h } = box.current;
    const fit = Math.min(w / (view.width + FIT_MARGIN), h / (view.height + FIT_MARGIN));
    if (fit >= READABLE_ZOOM) {
      requestAnimationFrame(() => flow.fitView({ padding: 0.06, duration: 0 }));
    } else {
      const zoom = Math.max(READABLE_ZOOM, Math.min(1, w / (view.width + FIT_MARGIN)));
      flow.setViewport({ x: w / 2 - (view.width / 2) * zoom, y: 24, zoom }, { duration: 0 });
    }
  }, [view, flow]);

  useEffect(() => {
    if (!props.focusId) return;
    const n = view.nodes.find((x) => x.id === props.focusId);
    if (n) {
      flow.setCenter(n.x + n.width / 2, n.y + n.height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    }
    // focusSeq re-centres even when the same id is focused twice.
  }, [props.focusId, props.focusSeq, view, flow]);

  useEffect(() => {
    const z = props.zoomCommand;
    if (!z) return;
    if (z.kind === "in") flow.zoomIn({ duration: 150 });
    else if (z.kind === "out") flow.zoomOut({ duration: 150 });
    else flow.fitView({ padding: 0.08, duration: 250 });
  }, [props.zoomCommand, flow]);

  const onNodeClick: NodeMouseHandler<CardNode> = (_, node) => onSelect(node.id);

  const onNodeDragStop: OnNodeDrag<CardNode> = (_, node) => {
    const target = flow
      .getIntersectingNodes(node)
      .find((n) => n.id !== node.id && n.data.kind === "goal");
    if (target) onLink(node.id, target.id);
    else flow.setNodes((ns) => ns); // the next view puts it back
  };

  return (
    <div className="map" aria-label="Alignment map" role="region" ref={box}>
      <ReactFlow<CardNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={() => onSelect(null)}
        onNodeDragStop={onNodeDragStop}
        nodesConnectable={false}
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
        colorMode={props.theme}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} />
      </ReactFlow>
    </div>
  );
}

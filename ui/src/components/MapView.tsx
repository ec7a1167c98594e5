// The alignment map: React Flow drawing the Rust-computed view (positions included).
// Units collapse and expand; goals can be dragged onto goals to link them. Semantic zoom:
// zoomed out, card text grows (up to twice) so titles stay readable and cards show little
// more than their titles; zoomed in, they show everything. `supports` links are routed
// around the cards (lib/route.ts); second parents show when one of their cards is hovered
// or selected. The keyboard (lib/mapKeys.ts): the map is one Tab stop (one card tabbable),
// arrows go to the nearest card that way, Home / End to the first and last, Enter or Space
// inspect the card as a click does, + / − open and close a unit; the focused card is panned
// into view, its ring drawn the same size on screen at any zoom.
import {
  Background,
  BaseEdge,
  ControlButton,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  useReactFlow,
  useStore,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
  type NodeMouseHandler,
  type OnNodeDrag,
} from "@xyflow/react";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import type { ChangeMark, ViewModel, ViewNode } from "../bindings";
import { api } from "../ipc";
import { ExportImage } from "./ExportImage";
import { ROUTE_BUDGET_MS, ROUTE_MAX_CARDS, linkShown, pathOf, route, stackBottoms, stem, type Point } from "../lib/route";
import { FIT_MARGIN, firstViewZoom, groupView, readableZoom, textScale } from "../lib/view";
import { CARD_MARKS, MARKS } from "../lib/marks";
import { ARROWS, cardName, edgeCard, nextCard, panToShow, startCard, tabStop, type Viewport } from "../lib/mapKeys";

export type CardData = ViewNode & {
  selected: boolean;
  highlighted: boolean;
  dimmed: boolean;
  /** While a comparison with now is open: what it did to this card. */
  mark: ChangeMark | null;
  onToggle: (id: string) => void;
};

type CardNode = Node<CardData, "card">;

/** With more cards than this on the map, they are drawn as plain boxes in their fill
 * colours while it pans or zooms (no text, borders, shadows, links or dotted ground), and
 * whole again when it stops: WebKit without a GPU took about 110 ms a frame to pan 562
 * whole cards, 16 ms to pan them plain (tests/e2e/pan-fps.bench.mjs, BENCHMARKS.md). */
const PLAIN_WHILE_MOVING = 300;

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

/** A unit's "Function · 8 people": far out, the kind gives way to the count (the card's
 * border tells the kind). */
function UnitDetail({ detail }: { detail: string }) {
  const at = detail.indexOf(" · ");
  if (at < 0) return <>{detail}</>;
  return (
    <>
      <span className="detail-kind">{detail.slice(0, at + 3)}</span>
      {detail.slice(at + 3)}
    </>
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
    data.mark ? `has-mark mark-${data.mark}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const kindLabel =
    data.kind === "goal" ? (data.strategy ? "Strategy" : "Goal") : data.kind === "unit" ? "" : data.kind === "value" ? "Value" : "";
  return (
    <div
      className={classes}
      style={{ width: data.width, height: data.height }}
      data-id={data.id}
    >
      <Handle type="target" position={Position.Top} className="handle" isConnectable={false} />
      <div className="card-top">
        {data.mark && (
          <span className="change-mark" title={`${MARKS[data.mark].word} (before / after)`}>
            {MARKS[data.mark].sign}
          </span>
        )}
        {kindLabel && <span className="card-kind">{kindLabel}</span>}
        <span className="card-label" title={data.label}>
          {data.label}
        </span>
        <Badge data={data} />
      </div>
      <div className="card-foot">
        <div className="card-detail" title={data.detail}>
          {data.kind === "goal" && data.owner ? `${data.owner} · ` : ""}
          {data.kind === "unit" ? <UnitDetail detail={data.detail} /> : data.detail}
        </div>
        {data.kind === "unit" && data.expandable && (
          <button
            className="toggle nodrag"
            // The map is one Tab stop: + and − on the focused card do what this button does.
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              data.onToggle(data.id);
            }}
            aria-expanded={!data.collapsed}
            // The name holds what the button shows ("+ 8"), as WCAG 2.5.3 asks.
            aria-label={data.collapsed ? `Expand ${data.label}: + ${data.hidden} more` : `Collapse ${data.label}`}
          >
            {data.collapsed ? `+ ${data.hidden}` : "−"}
          </button>
        )}
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
      <Handle type="source" position={Position.Bottom} className="handle" isConnectable={false} />
    </div>
  );
});

const nodeTypes = { card: Card };

/** The cards' tab order: one card is the map's Tab stop, the others are reached by arrows. */
const UNTABBABLE = { tabIndex: -1, "aria-roledescription": "card" };
const TABBABLE = { tabIndex: 0, "aria-roledescription": "card" };

/** How long the map takes to pan to a card focused from the keyboard. */
const PAN_MS = 200;

/** What a screen reader says a card's keys do (React Flow's words are about moving nodes). */
const KEYS_HELP = "Arrow keys move to the nearest card that way; Home and End to the first and last. Enter or Space opens the card in the inspector; + and − open and close a unit. Escape clears the selection.";
const CARD_KEYS = { "node.a11yDescription.default": KEYS_HELP, "node.a11yDescription.keyboardDisabled": KEYS_HELP };

type RoutedEdge = Edge<{ points: Point[] }, "routed">;

/** A link along its precomputed route (the map's cards do not move). */
const Routed = memo(function Routed({ data, markerEnd, style }: EdgeProps<RoutedEdge>) {
  return <BaseEdge path={pathOf(data?.points ?? [])} markerEnd={markerEnd} style={style} />;
});

const edgeTypes = { routed: Routed };

/** What the map's colours and lines mean (styles.css `.card…`, `.react-flow__edge…`). */
function Legend({ shown, total, marks }: { shown: number; total: number; marks: boolean }) {
  return (
    <div className="legend" role="note" aria-label="Legend">
      {shown < total && (
        <span className="budget-note muted">
          Showing {shown} of {total} items — expand units or search to see more.
        </span>
      )}
      <span className="legend-item"><i className="key key-strategy" />Strategy goal</span>
      <span className="legend-item"><i className="key key-value" />Value</span>
      <span className="legend-item"><i className="key key-unit" />Unit</span>
      <span className="legend-item"><i className="key key-goal" />Goal in line</span>
      <span className="legend-item"><i className="key key-imposed" />Imposed from outside the line</span>
      <span className="legend-item"><i className="key key-orphan" />No line to strategy</span>
      <span className="legend-item"><i className="line line-supports" />Supports</span>
      <span className="legend-item"><i className="line line-secondary" />Also supports (on hover)</span>
      <span className="legend-item">
        <i className="dot sev-error" /> error <i className="dot sev-warning" /> warning <i className="dot sev-info" /> info
      </span>
      {marks && (
        <span className="legend-item legend-marks">
          Before / after:
          {CARD_MARKS.map((m) => (
            <span key={m} className={`legend-mark mark-${m}`}>
              <i className="change-mark">{MARKS[m].sign}</i> {MARKS[m].word}
            </span>
          ))}
          <span className="muted">(removed: listed beside the map)</span>
        </span>
      )}
    </div>
  );
}

export interface MapViewProps {
  view: ViewModel;
  theme: "light" | "dark";
  selected: string | null;
  highlighted: Set<string>;
  focusId: string | null;
  focusSeq: number;
  /** Cards to bring into view with the focused one (a pattern's subjects, presenting). */
  focusGroup?: string[];
  onSelect: (id: string | null) => void;
  onToggle: (id: string) => void;
  onLink: (goal: string, supports: string) => void;
  zoomCommand: { kind: "in" | "out" | "fit"; seq: number } | null;
  /** While a comparison with now is open, its marks by card id (lib/marks.ts). */
  marks?: ReadonlyMap<string, ChangeMark> | null;
  /** Presenting: larger text on the cards, and a first view zoomed in further. */
  presentation: boolean;
}

export function MapView(props: MapViewProps) {
  const { view, selected, highlighted, onSelect, onToggle, onLink } = props;
  const flow = useReactFlow<CardNode, Edge>();
  const firstFit = useRef(true);
  const fittedLos = useRef<string | null>(null);
  /** The last focus request centred (each is centred once, when its card is shown). */
  const focused = useRef(-1);
  /** Where and when it was centred: the view asked for with it may come a moment later and
   * place the card elsewhere (another level opened); then it is centred again. */
  const centred = useRef<{ at: string; time: number } | null>(null);

  // Others fade only while something highlighted is on the map (a faded map with nothing
  // standing out says nothing).
  const fade = useMemo(() => highlighted.size > 0 && view.nodes.some((n) => highlighted.has(n.id)), [view, highlighted]);
  // The keyboard's card: the one focused last, or the selected one when the selection
  // changes; the map's one Tab stop is it when on screen (lib/mapKeys.ts tabStop).
  const [current, setCurrent] = useState<string | null>(null);
  const [selectedSeen, setSelectedSeen] = useState(selected);
  if (selected !== selectedSeen) {
    setSelectedSeen(selected);
    if (selected) setCurrent(selected);
  }
  const start = useMemo(() => startCard(view.nodes), [view]);
  const tabbable = useStore((s) =>
    tabStop(view.nodes, [current, selected, start], { x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height }),
  );

  const cards: CardNode[] = useMemo(
    () =>
      view.nodes.map((n) => ({
        id: n.id,
        type: "card",
        ariaLabel: cardName(n, props.marks?.get(n.id)),
        domAttributes: UNTABBABLE,
        position: { x: n.x, y: n.y },
        width: n.width,
        height: n.height,
        draggable: n.kind === "goal",
        selectable: true,
        data: {
          ...n,
          selected: n.id === selected,
          highlighted: highlighted.has(n.id),
          dimmed: fade && !highlighted.has(n.id) && n.id !== selected,
          mark: props.marks?.get(n.id) ?? null,
          onToggle,
        },
      })),
    [view, selected, highlighted, fade, onToggle, props.marks],
  );
  // The Tab stop moves as the map pans: only its card's object changes, so React Flow
  // redraws that card alone (it keeps every card whose object is the same).
  const nodes = useMemo(
    () => cards.map((c) => (c.id === tabbable ? { ...c, domAttributes: TABBABLE } : c)),
    [cards, tabbable],
  );

  // Routes of the `supports` links, once per view (the cards do not move).
  const routes = useMemo(() => {
    const out = new Map<string, Point[]>();
    const byId = new Map(view.nodes.map((n) => [n.id, n]));
    // Structure links start under their unit's stack of goals.
    const bottoms = stackBottoms(view.nodes);
    for (const e of view.edges) {
      if (e.kind !== "structure") continue;
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      if (s && t) out.set(e.id, stem(s, bottoms.get(s.id) ?? s.y + s.height, t));
    }
    if (view.nodes.length > ROUTE_MAX_CARDS) return out;
    const started = performance.now();
    for (const e of view.edges) {
      if (e.kind === "structure") continue;
      // A time budget: the links not routed by then are drawn as plain smooth steps.
      if (performance.now() - started > ROUTE_BUDGET_MS) break;
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      if (s && t) out.set(e.id, route(s, t, view.nodes));
    }
    return out;
  }, [view]);
  const [hovered, setHovered] = useState<string | null>(null);

  const edges: Edge[] = useMemo(
    () =>
      view.edges
        .filter((e) => linkShown(e, hovered, selected))
        .map((e) => {
          const points = routes.get(e.id);
          const active =
            e.kind !== "structure" &&
            (e.source === selected ||
              e.target === selected ||
              e.source === hovered ||
              e.target === hovered ||
              highlighted.has(e.source) ||
              highlighted.has(e.target));
          return {
            id: e.id,
            source: e.source,
            target: e.target,
            type: points ? "routed" : "smoothstep",
            data: points ? { points } : undefined,
            // Supports links stay faint until they touch what is selected or highlighted.
            className: `edge-${e.kind}${active ? " is-active" : ""}`,
            animated: false,
            selectable: false,
            focusable: false,
            markerEnd: e.kind === "structure" ? undefined : { type: "arrowclosed" as const, width: 16, height: 16 },
          };
        }),
    [view, selected, highlighted, hovered, routes],
  );

  // A picture's name: the organisation's, or whose line of sight it is.
  const pictureTitle = useMemo(() => {
    const los = view.line_of_sight ? view.nodes.find((n) => n.id === view.line_of_sight)?.label : null;
    if (los) return `${los} – line of sight`;
    return view.nodes.find((n) => n.unit_kind === "organisation")?.label ?? "Throughline";
  }, [view]);

  // Semantic zoom: the text scale for the zoom, as a CSS variable on the map.
  const zoomNow = useStore((s) => s.transform[2]);
  const k = textScale(zoomNow, props.presentation);
  const [overview, setOverview] = useState(false);

  // First view: the whole map if it is readable, else the top of it (strategy, functions)
  // at a readable zoom (for presenting, a larger one).
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A line of sight (another person's, or back to everyone) is fitted afresh too.
    const los = view.line_of_sight ?? null;
    if (los !== fittedLos.current) firstFit.current = true;
    if (!firstFit.current || view.nodes.length === 0 || !box.current) return;
    firstFit.current = false;
    fittedLos.current = los;
    // The fit wins over a focus asked for before this view (it is done with).
    focused.current = props.focusSeq;
    centred.current = null;
    requestAnimationFrame(() => void api.markTiming("map-interactive"));
    // The flow's own box (the legend sits under it).
    const pane = box.current.querySelector<HTMLElement>(".react-flow") ?? box.current;
    const { clientWidth: w, clientHeight: h } = pane;
    const fit = Math.min(w / (view.width + FIT_MARGIN), h / (view.height + FIT_MARGIN));
    // Readable first, whole second: a map that fits only below the zoom the first view is
    // sized for shows its top at that zoom (or as wide as fits, but never below readable).
    const aim = firstViewZoom(props.presentation);
    if (fit >= aim) {
      requestAnimationFrame(() => flow.fitView({ padding: 0.06, duration: 0, maxZoom: 1.6 }));
    } else {
      const zoom = Math.max(readableZoom(props.presentation), Math.min(aim, w / (view.width + FIT_MARGIN)));
      flow.setViewport({ x: w / 2 - (view.width / 2) * zoom, y: 24, zoom }, { duration: 0 });
    }
  }, [view, flow, props.presentation, props.focusSeq]);

  useEffect(() => {
    if (!props.focusId) return;
    const n = view.nodes.find((x) => x.id === props.focusId);
    if (!n) return;
    const at = `${n.x},${n.y}`;
    const moved = centred.current !== null && centred.current.at !== at && performance.now() - centred.current.time < 3000;
    if (focused.current === props.focusSeq && !moved) return;
    {
      focused.current = props.focusSeq;
      centred.current = { at, time: performance.now() };
      const pane = box.current?.querySelector<HTMLElement>(".react-flow");
      // The focused card first, then the others in the order given.
      const byId = new Map(view.nodes.map((x) => [x.id, x]));
      const group = [n, ...(props.focusGroup ?? []).filter((id) => id !== n.id).flatMap((id) => byId.get(id) ?? [])];
      // A group: all of it in sight if it fits at a readable zoom, else its middle.
      const fit = pane && group.length > 1 ? groupView(group, pane.clientWidth, pane.clientHeight, readableZoom(props.presentation), 1.2) : null;
      if (fit) flow.setCenter(fit.x, fit.y, { zoom: fit.zoom, duration: 300 });
      else flow.setCenter(n.x + n.width / 2, n.y + n.height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    }
    // focusSeq re-centres even when the same id is focused twice.
  }, [props.focusId, props.focusSeq, props.focusGroup, props.presentation, view, flow]);

  useEffect(() => {
    const z = props.zoomCommand;
    if (!z) return;
    if (z.kind === "in") flow.zoomIn({ duration: 150 });
    else if (z.kind === "out") flow.zoomOut({ duration: 150 });
    else flow.fitView({ padding: 0.08, duration: 250 });
  }, [props.zoomCommand, flow]);

  const onNodeClick: NodeMouseHandler<CardNode> = (_, node) => onSelect(node.id);

  const panning = useRef<{ x: number; y: number; zoom: number; until: number } | null>(null);
  const focusing = useRef(0);
  /** Focus a card: the map pans (as little as it can) to show it whole, then the card takes
   * focus once it is drawn (off screen, it is not). */
  const focusCard = useCallback(
    (id: string) => {
      setCurrent(id);
      const b = view.nodes.find((n) => n.id === id);
      const pane = box.current?.querySelector<HTMLElement>(".react-flow");
      if (!b || !pane) return;
      // While the last pan still moves, from where it goes (keys pressed quickly would
      // otherwise start from a half-way zoom).
      const now = performance.now();
      const { x, y, zoom } = panning.current && panning.current.until > now ? panning.current : flow.getViewport();
      const v: Viewport = { x, y, zoom, width: pane.clientWidth, height: pane.clientHeight };
      const to = panToShow(b, v);
      if (to) {
        panning.current = { x: to.x, y: to.y, zoom, until: now + PAN_MS };
        void flow.setViewport({ x: to.x, y: to.y, zoom }, { duration: PAN_MS });
      }
      // The card takes focus once drawn, and again while the map moves if it lost it to the
      // page: the map draws only the cards on screen, in their order, and moving a card in the
      // page (another one shown before it) takes its focus away. A later key's card, or focus
      // moved anywhere else, ends it.
      const seq = ++focusing.current;
      const until = now + (to ? PAN_MS : 0) + 1500;
      let held = 0;
      const attempt = () => {
        if (seq !== focusing.current) return;
        const el = box.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        const active = document.activeElement;
        if (el && active !== el) {
          if (held > 0 && active && active !== document.body) return;
          el.focus({ preventScroll: true });
        }
        if (el && document.activeElement === el) held++;
        if (performance.now() < until && held < 30) requestAnimationFrame(attempt);
      };
      attempt();
    },
    [view, flow],
  );

  // Keys on a focused card (bubbling from React Flow's own handler, which selects in its
  // store on Enter and moves only nodes it has selected, which this map never has).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const card = e.target instanceof HTMLElement && e.target.classList.contains("react-flow__node") ? e.target : null;
    const id = card?.dataset.id;
    if (!id || e.altKey || e.ctrlKey || e.metaKey) return;
    const dir = ARROWS[e.key];
    let to: string | null;
    if (dir) to = nextCard(view.nodes, id, dir);
    else if (e.key === "Home" || e.key === "End") to = edgeCard(view.nodes, e.key === "Home" ? "first" : "last");
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect(id);
      return;
    } else if (e.key === "+" || e.key === "=" || e.key === "-" || e.key === "−") {
      const n = view.nodes.find((x) => x.id === id);
      const open = e.key === "+" || e.key === "=";
      if (n?.kind === "unit" && n.expandable && n.collapsed === open) {
        e.preventDefault();
        onToggle(id);
      }
      return;
    } else return;
    // An arrow never scrolls anything, even at the map's edge.
    e.preventDefault();
    if (to) focusCard(to);
  };

  const onNodeDragStop: OnNodeDrag<CardNode> = (_, node) => {
    const target = flow
      .getIntersectingNodes(node)
      .find((n) => n.id !== node.id && n.data.kind === "goal");
    if (target) onLink(node.id, target.id);
    else flow.setNodes((ns) => ns); // the next view puts it back
  };

  return (
    <div
      className="map"
      aria-label="Alignment map"
      role="region"
      ref={box}
      data-far={k > 1.15 ? "true" : "false"}
      data-farther={k > 1.6 ? "true" : "false"}
      style={{ "--k": k, "--z": zoomNow } as CSSProperties}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target instanceof HTMLElement && e.target.classList.contains("react-flow__node") && e.target.dataset.id) setCurrent(e.target.dataset.id);
      }}
    >
      <ReactFlow<CardNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onNodeMouseEnter={(_, n) => setHovered(n.id)}
        onNodeMouseLeave={() => setHovered(null)}
        onPaneClick={() => onSelect(null)}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={() => {
          if (nodes.length > PLAIN_WHILE_MOVING) box.current?.classList.add("is-moving");
        }}
        onMoveEnd={() => box.current?.classList.remove("is-moving")}
        nodesConnectable={false}
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={CARD_KEYS}
        colorMode={props.theme}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false}>
          {/* The overview is opened on demand: shown all the time, it would cover cards. */}
          <ControlButton
            onClick={() => setOverview((o) => !o)}
            aria-pressed={overview}
            aria-label={overview ? "Hide the overview" : "Show the overview"}
            title={overview ? "Hide the overview" : "Show the overview"}
          >
            ▦
          </ControlButton>
          <ExportImage target={() => box.current} title={pictureTitle} />
        </Controls>
        {overview && <MiniMap pannable zoomable nodeStrokeWidth={3} />}
      </ReactFlow>
      <Legend shown={view.nodes.length} total={view.total_nodes} marks={!!props.marks && props.marks.size > 0} />
    </div>
  );
}

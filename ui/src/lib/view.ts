// The map's first view: how much of the organisation to open, and at what zoom.
import type { ViewRequest } from "../bindings";

/** A card title's size in map units at text scale 1 (`.card` in styles.css). */
export const CARD_TITLE_PX = 15;
/** How much the map enlarges card text when zoomed out: the cards (layout.rs) are tall
 * enough for two-line titles at twice their size. */
export const MAX_TEXT_SCALE = 2;
/** Room the first view leaves around the map, in map units. */
export const FIT_MARGIN = 80;

/** The smallest size of a card title on screen, in CSS pixels: read across a room when
 * presenting. */
export function titleOnScreen(presentation: boolean): number {
  return presentation ? 21 : 15;
}

/** The smallest zoom at which cards are read, not just seen: their titles are
 * `titleOnScreen` at the largest text scale. */
export function readableZoom(presentation: boolean): number {
  return titleOnScreen(presentation) / (CARD_TITLE_PX * MAX_TEXT_SCALE);
}

/** The zoom the first view is sized for (how wide a map it asks for): well above the
 * readable zoom, so titles have room for their words. */
export function firstViewZoom(presentation: boolean): number {
  return presentation ? 0.95 : 0.75;
}

/**
 * How much card text is enlarged at `zoom` (semantic zoom: far out, cards show their titles
 * large and little else): titles stay at least `titleOnScreen`, up to `MAX_TEXT_SCALE`;
 * in steps of 1/20 (rounded up), so zooming re-lays text out rarely.
 */
export function textScale(zoom: number, presentation: boolean): number {
  const k = titleOnScreen(presentation) / (CARD_TITLE_PX * zoom);
  return Math.min(MAX_TEXT_SCALE, Math.max(1, Math.ceil(k * 20 - 1e-9) / 20));
}

/**
 * The request for a workspace's first view (and for "Show everyone"): as many levels of
 * the organisation as fit the map's width at the first view's zoom. The backend closes whole
 * levels (every function alike) until the map is that narrow, keeping at least the
 * functions; the user opens more from there.
 */
export function firstViewRequest(mapWidth: number, presentation = false): ViewRequest {
  return { max_width: Math.max(0, mapWidth / firstViewZoom(presentation) - FIT_MARGIN) };
}

/**
 * The map's width on screen: the map element's if it is shown, else the window's less the
 * side panels (`.body` in styles.css: minmax(280px, 21%) and minmax(260px, 20%)), or the
 * whole window's when presenting hides them. `presenting`, when given, is the mode about to
 * be shown (the page may still be laid out for the other one).
 */
export function mapWidthOnScreen(presenting?: boolean): number {
  const root = document.documentElement.dataset;
  const panelsHidden = (p: boolean) => p && root.panels !== "shown";
  const hiddenNow = panelsHidden(root.presentation === "on");
  const wanted = presenting === undefined ? hiddenNow : panelsHidden(presenting);
  const shown = document.querySelector<HTMLElement>(".map")?.clientWidth;
  if (shown && wanted === hiddenNow) return shown;
  const w = window.innerWidth;
  if (wanted) return w;
  return w - Math.max(280, 0.21 * w) - Math.max(260, 0.2 * w);
}

/**
 * Where to look to see a group of cards (a pattern's subjects, presenting): the centre of
 * their bounding box and the zoom that fits it in a `w` × `h` pane with `margin` around it,
 * never above `maxZoom`. Never below `minZoom` (readable) either: when they do not all fit
 * at it, the first card and as many of the others (in order) as fit with it are centred at
 * `minZoom`, as much around them shown as can be read.
 */
export function groupView(
  cards: { x: number; y: number; width: number; height: number }[],
  w: number,
  h: number,
  minZoom: number,
  maxZoom: number,
  margin = FIT_MARGIN,
): { x: number; y: number; zoom: number } | null {
  if (cards.length === 0) return null;
  type Box = { left: number; top: number; right: number; bottom: number };
  const fitOf = (b: Box) => Math.min(w / (b.right - b.left + 2 * margin), h / (b.bottom - b.top + 2 * margin));
  const [first, ...rest] = cards;
  let box: Box = { left: first.x, top: first.y, right: first.x + first.width, bottom: first.y + first.height };
  let skipped = false;
  for (const c of rest) {
    const grown = {
      left: Math.min(box.left, c.x),
      top: Math.min(box.top, c.y),
      right: Math.max(box.right, c.x + c.width),
      bottom: Math.max(box.bottom, c.y + c.height),
    };
    if (fitOf(grown) >= minZoom) box = grown;
    else skipped = true;
  }
  // Some left out: as wide a readable view around the others as there is.
  const zoom = skipped ? minZoom : Math.max(minZoom, Math.min(maxZoom, fitOf(box)));
  return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2, zoom };
}

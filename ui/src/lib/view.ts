// The map's first view: how much of the organisation to open, and at what zoom.
import type { ViewRequest } from "../bindings";

/** The smallest zoom at which cards are read, not just seen. */
export const READABLE_ZOOM = 0.5;
/** Room the first view leaves around the map, in map units. */
export const FIT_MARGIN = 80;

/**
 * The request for a workspace's first view (and for "Show everyone"): as many levels of
 * the organisation as fit the map's width at a readable zoom. The backend closes whole
 * levels (every function alike) until the map is that narrow, keeping at least the
 * functions; the user opens more from there.
 */
export function firstViewRequest(mapWidth: number): ViewRequest {
  return { max_width: Math.max(0, mapWidth / READABLE_ZOOM - FIT_MARGIN) };
}

/**
 * The map's width on screen: the map element's if it is shown, else the window's less the
 * side panels (`.body` in styles.css: minmax(280px, 21%) and minmax(260px, 20%)).
 */
export function mapWidthOnScreen(): number {
  const shown = document.querySelector<HTMLElement>(".map")?.clientWidth;
  if (shown) return shown;
  const w = window.innerWidth;
  return w - Math.max(280, 0.21 * w) - Math.max(260, 0.2 * w);
}

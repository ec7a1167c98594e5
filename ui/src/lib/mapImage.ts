// The map as a picture for slides (issue #13 item 6): what an element shows, as an SVG
// (its HTML inside a foreignObject, each element's computed style written on it, so the
// picture needs none of the page's style sheets) and as a PNG (that SVG drawn on a canvas,
// twice the pixels for a projector). No dependency: the page's own DOM and canvas.

/** Properties that never change how a still picture looks; that the element's attributes
 * already hold (`d` of an SVG path); custom properties (computed values have them resolved);
 * and the logical ones, which repeat the physical ones. */
const SKIP =
  /^(--|transition|animation|cursor|pointer-events|user-select|-webkit-user-select|will-change|touch-action|caret-color|d$|view-transition|interactivity|perspective-origin|-webkit-locale|block-size|inline-size|(min|max)-(block|inline)-size|(border|margin|padding|inset|scroll-margin|scroll-padding)-(block|inline)|overflow-(block|inline))/;

/** A computed value with references to the page (`url("http://…/mock.html#marker")`) made
 * local to the picture (`url(#marker)`), where the marker or pattern is copied too. */
export function localUrls(value: string): string {
  return value.includes("url(") ? value.replace(/url\((["']?)[^)"'#]*#([^)"']+)\1\)/g, "url(#$2)") : value;
}

/**
 * The declarations to write on a copied element: each property whose computed value
 * differs from what the picture would give it anyway. A value equal both to the element's
 * default (its tag's, with no author styles) and to its parent's needs nothing: inherited or
 * not, the copy gets it. `parent` is null for the picture's root.
 */
export function styleText(
  own: ReadonlyMap<string, string>,
  parent: ReadonlyMap<string, string> | null,
  defaults: ReadonlyMap<string, string>,
): string {
  const out: string[] = [];
  // A title cut after two lines (-webkit-line-clamp) keeps its ellipsis: Chromium reports
  // the box as `display: flow-root`, which clamps without one.
  const clamp = own.get("-webkit-line-clamp");
  for (const [name, value] of own) {
    if (SKIP.test(name)) continue;
    if (name === "display" && clamp && clamp !== "none") {
      out.push("display:-webkit-box");
      continue;
    }
    if (value === defaults.get(name) && (parent === null || value === parent.get(name))) continue;
    out.push(`${name}:${localUrls(value)}`);
  }
  return out.join(";");
}

/** An element's tag's style with no author styles: elements made in a shadow root whose
 * host resets everything (the page's style sheets do not reach inside it). */
class Defaults {
  private host = document.createElement("div");
  private root: ShadowRoot;
  private svg: SVGSVGElement;
  private cache = new Map<string, Map<string, string>>();
  constructor() {
    this.host.setAttribute("style", "all: initial; position: fixed; left: -100000px; top: 0");
    document.body.appendChild(this.host);
    this.root = this.host.attachShadow({ mode: "open" });
    this.svg = document.createElementNS(SVG_NS, "svg");
    this.root.appendChild(this.svg);
  }
  of(el: Element): Map<string, string> {
    const key = `${el.namespaceURI}|${el.localName}`;
    let got = this.cache.get(key);
    if (!got) {
      const probe = document.createElementNS(el.namespaceURI, el.localName);
      (el.namespaceURI === SVG_NS && el.localName !== "svg" ? this.svg : this.root).appendChild(probe);
      got = entries(getComputedStyle(probe));
      probe.remove();
      this.cache.set(key, got);
    }
    return got;
  }
  dispose() {
    this.host.remove();
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

function entries(cs: CSSStyleDeclaration): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < cs.length; i++) {
    const name = cs[i];
    out.set(name, cs.getPropertyValue(name));
  }
  return out;
}

/** Attributes a picture does not need (its styles are written out; no script reads it). */
const DROP_ATTR = /^(class|style|tabindex|role|title|draggable|contenteditable|aria-.*|data-.*|on.*)$/;

function copy(node: Node, parent: Map<string, string> | null, defaults: Defaults, exclude: string): Node | null {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent ?? "");
  if (!(node instanceof Element) || node.matches(exclude)) return null;
  const cs = getComputedStyle(node);
  if (cs.display === "none") return null;
  const own = entries(cs);
  const out = node.cloneNode(false) as Element;
  for (const a of [...out.attributes]) if (DROP_ATTR.test(a.name)) out.removeAttribute(a.name);
  const style = styleText(own, parent, defaults.of(node));
  if (style) out.setAttribute("style", style);
  for (const child of node.childNodes) {
    const c = copy(child, own, defaults, exclude);
    if (c) out.appendChild(c);
  }
  return out;
}

export interface Picture {
  /** A standalone SVG document. */
  svg: string;
  width: number;
  height: number;
}

/**
 * What `el` shows as an SVG: its size on screen, its HTML in a foreignObject with every
 * element's computed style written on it; elements matching `exclude` (the map's controls)
 * are left out.
 */
export function pictureOf(el: HTMLElement, exclude = ".never-matches"): Picture {
  const box = el.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const defaults = new Defaults();
  let root: Node | null;
  try {
    root = copy(el, null, defaults, exclude);
  } finally {
    defaults.dispose();
  }
  if (!(root instanceof Element)) throw new Error("There is nothing to draw.");
  root.setAttribute("style", `${root.getAttribute("style") ?? ""};margin:0;width:${width}px;height:${height}px`);
  const html = new XMLSerializer().serializeToString(root);
  const svg =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">${html}</foreignObject></svg>`;
  return { svg, width, height };
}

/** A data URL of an SVG document. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The picture as a PNG data URL, `scale` pixels per CSS pixel (2: sharp on a projector). */
export async function pngOf(p: Picture, scale = 2): Promise<string> {
  const img = new Image();
  img.src = svgDataUrl(p.svg);
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(p.width * scale);
  canvas.height = Math.round(p.height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This window cannot draw pictures.");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, p.width, p.height);
  // A window that counts a drawn foreignObject as foreign content refuses here (SecurityError).
  return canvas.toDataURL("image/png");
}

/** "Northwind Software – map – 2026-12-07.png": no characters a file system refuses. */
export function pictureFileName(title: string, date: string, ext: "png" | "svg"): string {
  const clean = [...title].map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? " " : c)).join("").replace(/\s+/g, " ").trim() || "Throughline";
  return `${clean} – map – ${date}.${ext}`;
}

/** Hands `href` (a data URL) to the browser as a download named `fileName`. */
export function download(fileName: string, href: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

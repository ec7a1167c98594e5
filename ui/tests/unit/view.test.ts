import { afterEach, describe, expect, it } from "vitest";
import { FIT_MARGIN, firstViewRequest, firstViewZoom, mapWidthOnScreen, readableZoom, textScale } from "../../src/lib/view";

describe("the first view", () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it("asks for a map no wider than fits the screen at a readable zoom", () => {
    expect(firstViewRequest(800)).toEqual({ max_width: 800 / firstViewZoom(false) - FIT_MARGIN });
    expect(firstViewRequest(800, true)).toEqual({ max_width: 800 / firstViewZoom(true) - FIT_MARGIN });
    expect(firstViewRequest(0)).toEqual({ max_width: 0 });
  });

  it("enlarges card text when zoomed out so titles stay readable, up to twice", () => {
    expect(textScale(1.5, false)).toBe(1);
    expect(textScale(0.75, false) * 15 * 0.75).toBeGreaterThanOrEqual(15);
    expect(textScale(readableZoom(true), true) * 15 * readableZoom(true)).toBeGreaterThanOrEqual(21);
    expect(textScale(0.1, false)).toBe(2);
    expect(firstViewZoom(true)).toBeGreaterThan(readableZoom(true));
  });

  it("measures the map when it is shown", () => {
    const map = document.createElement("div");
    map.className = "map";
    Object.defineProperty(map, "clientWidth", { value: 777 });
    document.body.append(map);
    expect(mapWidthOnScreen()).toBe(777);
  });

  it("before the map is shown, takes the window less the side panels", () => {
    window.innerWidth = 1440;
    expect(mapWidthOnScreen()).toBeCloseTo(1440 - 0.21 * 1440 - 0.2 * 1440);
    window.innerWidth = 1000;
    expect(mapWidthOnScreen()).toBe(1000 - 280 - 260);
  });
});

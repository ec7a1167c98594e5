// Panning benchmark in the real app (issue #13 item 9: panning 1,000 visible cards at 50
// frames a second or more). A benchmark, not a test: it prints its figures and asserts
// nothing. Opens the workspace given on the command line, expands units until the map holds
// at least 1,000 cards, fits them in the window, then drags the map around for about six
// seconds (a mouse move dispatched every animation frame, as the browser delivers a hand's
// moves) while the page times every frame. Run by scripts/bench-pan.sh (which makes a 10,000-person workspace and
// runs this under Xvfb).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session, startDriver, waitFor, repo } from "./driver.mjs";

const [file, appArg] = process.argv.slice(2);
if (!file) throw new Error("usage: node tests/e2e/pan-fps.bench.mjs ORG.throughline [APP]");
const app = appArg ?? join(repo, "target/release/throughline-app");
const dataDir = mkdtempSync(join(tmpdir(), "throughline-bench-"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stop = await startDriver(dataDir);
const s = await Session.start(app, [file]);
const cardCount = () => s.js("return document.querySelectorAll('.react-flow__node').length");
try {
  await waitFor("the map", async () => (await cardCount()) > 0, 120000);
  // React Flow draws only the cards on screen: fit the whole map after each round.
  const fit = async () => {
    await s.js("document.querySelector('.react-flow__controls-fitview')?.click()");
    await sleep(1500);
  };
  for (let round = 0; round < 40 && (await cardCount()) < 1000; round++) {
    const left = await s.js(
      `const b = [...document.querySelectorAll('button[aria-label^="Expand "]')];
       b.slice(0, 12).forEach((x) => x.click());
       return b.length;`,
    );
    if (!left) break;
    await sleep(1500);
    await fit();
  }
  await fit();
  const cards = await cardCount();
  // PAN_CSS: a style sheet added before panning, to see what the frames' time is spent on.
  if (process.env.PAN_CSS) {
    await s.js("const st = document.createElement('style'); st.textContent = arguments[0]; document.head.append(st);", process.env.PAN_CSS);
    await sleep(500);
  }
  // Pan as a hand does, in the page: mouse down on the map, then a move every frame for
  // five seconds (d3-zoom, under React Flow, pans on these), then up; each frame's time
  // is kept.
  const result = await s.jsAsync(
    `const done = arguments[arguments.length - 1];
     const pane = document.querySelector('.react-flow__pane');
     const r = pane.getBoundingClientRect();
     let x = r.left + r.width / 2, y = r.top + r.height / 2;
     const ev = (type, target) => target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: 1, view: window }));
     ev('mousedown', pane);
     const times = [], handler = [];
     const start = performance.now();
     let last = start, i = 0;
     const tick = (now) => {
       times.push(now - last); last = now; i++;
       if (now - start > 5000) {
         ev('mouseup', window);
         const sorted = [...times].sort((a, b) => a - b);
         const h = [...handler].sort((a, b) => a - b);
         done([times.length, now - start, sorted[Math.floor(sorted.length * 0.5)], sorted[Math.floor(sorted.length * 0.95)], sorted[sorted.length - 1], h[Math.floor(h.length * 0.5)]]);
         return;
       }
       x += (i % 60 < 30 ? 12 : -12); y += (i % 120 < 60 ? 5 : -5);
       const t0 = performance.now();
       ev('mousemove', window);
       handler.push(performance.now() - t0);
       requestAnimationFrame(tick);
     };
     requestAnimationFrame(tick);`,
  );
  const [frames, ms, median, p95, worst, script] = result;
  console.log(`cards drawn when panning starts: ${cards}`);
  console.log(
    `panning: ${frames} frames in ${(ms / 1000).toFixed(2)} s = ${((frames * 1000) / ms).toFixed(1)} frames a second; frame time median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, worst ${worst.toFixed(1)} ms; the page's own work per move (median) ${script.toFixed(1)} ms`,
  );
  const moved = await s.js("return document.querySelector('.react-flow__viewport').style.transform");
  console.log(`viewport after panning: ${moved}`);
} finally {
  await s.end().catch(() => {});
  stop();
  rmSync(dataDir, { recursive: true, force: true });
}

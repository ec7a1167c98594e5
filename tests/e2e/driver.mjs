// The real app driven through tauri-driver + WebKitWebDriver (W3C WebDriver): what the
// end-to-end tests and the in-app benchmarks share. `startDriver` spawns tauri-driver on a
// free port with the app's data in `dataDir`; `Session.start(args)` launches the app.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const repo = new URL("../../", import.meta.url).pathname;
export const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
let port;

export async function wd(method, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

export async function waitFor(what, fn, timeout = 20000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

/** Spawn tauri-driver (the app's data in `dataDir`); returns a function that stops it. */
export async function startDriver(dataDir) {
  port = 4444 + Math.floor(Math.random() * 1000);
  // Its own WebKitWebDriver port too, so that two runs on one machine do not meet.
  const native = 6000 + Math.floor(Math.random() * 1000);
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(native)], {
    env: { ...process.env, THROUGHLINE_DATA_DIR: dataDir, WEBKIT_DISABLE_DMABUF_RENDERER: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor("tauri-driver", async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
  return () => driver.kill();
}

export class Session {
  /** Launch `app` (a path) with `args`; an instance of the class it is called on. */
  static async start(app, args) {
    const value = await wd("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application: app, args } } },
    });
    const s = new this();
    s.id = value.sessionId;
    return s;
  }
  js(script, ...args) {
    return wd("POST", `/session/${this.id}/execute/sync`, { script, args });
  }
  jsAsync(script, ...args) {
    return wd("POST", `/session/${this.id}/execute/async`, { script, args });
  }
  async find(xpath) {
    const v = await wd("POST", `/session/${this.id}/element`, { using: "xpath", value: xpath });
    return v[ELEMENT];
  }
  async click(xpath) {
    const el = await waitFor(xpath, () => this.find(xpath));
    await wd("POST", `/session/${this.id}/element/${el}/click`, {});
  }
  async type(xpath, text) {
    const el = await waitFor(xpath, () => this.find(xpath));
    await wd("POST", `/session/${this.id}/element/${el}/value`, { text });
  }
  text(css) {
    return this.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
  }
  /** Drag one element onto another with a real pointer sequence (W3C actions). */
  async drag(fromCss, toCss) {
    const el = async (css) => {
      const v = await waitFor(css, () => wd("POST", `/session/${this.id}/element`, { using: "css selector", value: css }));
      return { [ELEMENT]: v[ELEMENT] };
    };
    const from = await el(fromCss);
    const to = await el(toCss);
    await this.actions([
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", origin: from, x: 0, y: 0, duration: 0 },
          { type: "pointerDown", button: 0 },
          { type: "pause", duration: 100 },
          { type: "pointerMove", origin: from, x: 0, y: 12, duration: 100 },
          { type: "pointerMove", origin: to, x: 0, y: 0, duration: 400 },
          { type: "pause", duration: 100 },
          { type: "pointerUp", button: 0 },
        ],
      },
    ]);
  }
  async actions(actions) {
    await wd("POST", `/session/${this.id}/actions`, { actions });
    await wd("DELETE", `/session/${this.id}/actions`);
  }
  async screenshot(path) {
    const png = await wd("GET", `/session/${this.id}/screenshot`);
    const { writeFileSync, mkdirSync } = await import("node:fs");
    mkdirSync(join(repo, "target/e2e"), { recursive: true });
    writeFileSync(join(repo, "target/e2e", path), Buffer.from(png, "base64"));
  }
  end() {
    return wd("DELETE", `/session/${this.id}`);
  }
}

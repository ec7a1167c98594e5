import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// `vite build` makes the app (index.html) for Tauri. `vite build --mode mock` makes a
// separate build whose entry installs mocked IPC (for Playwright in a plain browser).
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  clearScreen: false,
  base: "./",
  // Unit tests also read the Rust beside the UI (tests/unit/shortcuts.test.ts compares the
  // menus' shortcuts with MenuAction's); the app's dev server serves only ui/.
  server: { port: 5173, strictPort: true, ...(mode === "test" ? { fs: { allow: [".."] } } : {}) },
  build: {
    outDir: mode === "mock" ? "dist-mock" : "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    rollupOptions: {
      input: mode === "mock" ? "mock.html" : "index.html",
    },
  },
  test: {
    environment: "jsdom",
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
  },
}));

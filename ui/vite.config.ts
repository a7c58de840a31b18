import { defineConfig } from "vitest/config";

export default defineConfig({
  clearScreen: false,
  // The message catalog is shared with the Rust side, at the repository's root (../locales).
  server: { fs: { allow: [".."] } },
  build: {
    outDir: "dist",
    target: "safari15",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    globals: true,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "happy-dom",
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    restoreMocks: true,
    testTimeout: 10000,
    // `npm test` measures what the tests run of src/ and fails under 90 % of the lines (the
    // Python side's rule, for the panel and the cards).
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary"],
      reportsDirectory: "coverage",
      thresholds: { lines: 90 },
    },
  },
});

import { defineConfig } from "vite";

const LICENSES =
  "Bundles Lit (BSD-3-Clause, Google LLC) and Material Design Icons paths from @mdi/js " +
  "(Apache-2.0, Pictogrammers).";

// Two self-contained ES modules, named without a hash: the panel (panel_custom) and the
// dashboard cards (frontend.add_extra_js_url). One entry per build (`--mode panel` or
// `--mode cards`), because a single-chunk build takes one entry; they share sources, not chunks.
// Deterministic: no timestamps, no hashes, no source maps, one chunk each.
const ENTRIES: Record<string, { entry: string; file: string; banner: string }> = {
  panel: {
    entry: "src/app/pandora-panel.ts",
    file: "pandora-panel.js",
    banner: `/*! Pandora panel for Home Assistant. ${LICENSES} */`,
  },
  cards: {
    entry: "src/cards/pandora-cards.ts",
    file: "pandora-cards.js",
    banner: `/*! Pandora cards for Home Assistant. ${LICENSES} */`,
  },
};

export default defineConfig(({ mode }) => {
  const bundle = ENTRIES[mode];
  if (!bundle) throw new Error(`Build with --mode panel or --mode cards (got "${mode}").`);
  return {
    publicDir: false,
    logLevel: "warn",
    build: {
      lib: {
        entry: bundle.entry,
        formats: ["es"],
        fileName: () => bundle.file,
      },
      outDir: "../custom_components/pandora/frontend",
      // The folder is shared with the integration: overwrite the bundle, delete nothing else.
      emptyOutDir: false,
      target: "es2022",
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        output: {
          codeSplitting: false,
          // Vite keeps whitespace in ES library builds; these bundles are loaded as is: minify all.
          minify: true,
          comments: { annotation: false, jsdoc: false, legal: false },
          postBanner: bundle.banner,
        },
      },
    },
  };
});

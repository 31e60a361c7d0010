// Builds src/editor.js into ../static/js/editor.js: one minified file, no source map, no dates or
// absolute paths in it, so a rebuild from package-lock.json gives the same bytes (CI checks that).
import { build } from "esbuild";

await build({
  entryPoints: ["src/editor.js"],
  outfile: "../static/js/editor.js",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  charset: "utf8",
  logLevel: "warning",
  banner: { js: "/* The Ledger newsroom editor: Tiptap + ProseMirror (MIT). Built from frontend/ by `npm run build`; do not edit. */" },
});

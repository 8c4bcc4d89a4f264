import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  resolve: {
    // Automerge's full entry point (imported by @automerge/automerge-codemirror and the repo's full
    // entry) instantiates its wasm through ESM-integrated wasm imports, which need plugins. The slim
    // entry leaves loading to us: src/memo/client.ts initialises it from the `?url` wasm asset.
    alias: [{ find: /^@automerge\/automerge$/, replacement: '@automerge/automerge/slim' }],
  },
  // Preact's automatic JSX runtime (Vite 8 transforms TS/JSX with Oxc; no framework plugin needed).
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
  },
  server: {
    // `npm run dev` against a server started by hand, e.g. KIZUNA_HTTP_PORT=18080.
    proxy: {
      '/api': process.env.KIZUNA_DEV_BACKEND ?? 'http://127.0.0.1:18080',
      '/ws': { target: process.env.KIZUNA_DEV_BACKEND ?? 'http://127.0.0.1:18080', ws: true },
    },
  },
});

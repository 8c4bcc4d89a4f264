import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
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

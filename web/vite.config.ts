import { defineConfig } from 'vite';

/**
 * The web app: built into web/dist, which the server serves at `/`. Everything is bundled (the machines are offline):
 * no CDN, no external fonts. JSX is compiled by Vite's own transformer (automatic runtime).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

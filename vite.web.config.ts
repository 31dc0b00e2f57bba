import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The web UI, served by the core (`npm run serve`) and used by the end-to-end tests.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: '/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:5170' } },
});

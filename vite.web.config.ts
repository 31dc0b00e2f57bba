import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const CORE = 'http://127.0.0.1:5170';

// The web UI, served by the core (`npm run serve`) and used by the end-to-end tests.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: '/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // `vite --config vite.web.config.ts` (UI development): the core answers only its own Host and takes
  // changes only from its own Origin, so the proxy presents this dev server's pages as the core's.
  server: {
    proxy: {
      '/api': {
        target: CORE,
        changeOrigin: true,
        ws: true,
        configure: (proxy) => {
          const asCore = (proxyReq: { setHeader(k: string, v: string): void }, req: { headers: Record<string, string | string[] | undefined> }) => {
            if (req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader('Origin', CORE);
          };
          proxy.on('proxyReq', asCore);
          proxy.on('proxyReqWs', asCore);
        },
      },
    },
  },
});

import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// npm run build / npm start. The window loads the UI from the core's HTTP server, so the renderer
// is built once (out/web, by vite.web.config.ts) and served by the core in Electron and headless alike.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/app/main.ts'),
          'core-process': resolve(import.meta.dirname, 'src-main/app/core-process.ts'),
          // The label render worker is its own file: the pool starts it with new Worker(...).
          'render-worker': resolve(import.meta.dirname, 'src-main/labels/worker/render-worker.ts'),
          // So is the order intake thread (src-main/core/modules/orders/intake).
          'intake-worker': resolve(import.meta.dirname, 'src-main/core/modules/orders/intake/intake-worker.ts'),
          // And the CSV reader of imports (src-main/core/modules/imports/csv-worker.ts).
          'csv-worker': resolve(import.meta.dirname, 'src-main/core/modules/imports/csv-worker.ts'),
          'statement-worker': resolve(import.meta.dirname, 'src-main/core/modules/payouts/statement-worker.ts'),
          'reevaluate-worker': resolve(import.meta.dirname, 'src-main/core/modules/rules/reevaluate-worker.ts'),
          // The channels' write-back sender (src-main/core/modules/channels/sender-thread.ts).
          'sender-worker': resolve(import.meta.dirname, 'src-main/core/modules/channels/sender-worker.ts'),
        },
        external: ['better-sqlite3', 'node-hid', 'serialport', 'electron'],
        // Shared chunks sit beside the entries, so new URL('./render-worker.js', import.meta.url)
        // finds the worker from whichever file the label pool ends up in.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS.
    build: { outDir: 'out/preload', rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [react()],
    build: { outDir: 'out/web', rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') } },
  },
});

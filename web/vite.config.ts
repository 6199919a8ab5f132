// The hub's browser app. Built into web/dist, which the gateway serves at / (same origin as
// /graphql). `npm start` and the browser tests build it when it is missing or older than its sources.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // GOV.UK Frontend keeps an old IE hack (min-width: 0\0) that lightningcss refuses; esbuild passes it.
    cssMinify: 'esbuild',
    // GraphiQL is large and only the explorer needs it: it is a lazy chunk, not the first load.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-compiler-runtime (a GraphiQL dependency) marks itself "use no memo"; harmless when bundled.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import'] } } },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' } },
});

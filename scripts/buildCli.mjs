// Bundles the CLI (src/cli/main.ts and whatever it imports) into dist-cli/ once, so that
// `npm run cli` starts plain JavaScript instead of compiling TypeScript on every call.
// Packages stay external: they load from node_modules, where tfjs's wasm backend finds its
// .wasm files. Dynamic imports stay separate chunks, so tfjs loads only for commands that train.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli() {
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      // The GBDT histogram helper runs in its own node:worker_threads thread: an entry of its own.
      ssr: true,
      outDir: `${root}dist-cli`,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: {
        input: {
          main: `${root}src/cli/main.ts`,
          histogramThread: `${root}src/cli/histogramThread.ts`,
        },
        // The helper beside the chunks: nodeHistogramThreads finds histogramThread.js next to itself.
        output: {
          entryFileNames: (chunk) => (chunk.name === 'main' ? 'main.js' : 'assets/[name].js'),
        },
      },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();

/**
 * tfjs as this code base uses it: tfjs-core (tensors, ops, optimisers) with its gradients, chained
 * ops (tensor.add(...)) and the cpu and webgl backends registered on import, as the umbrella
 * package's index does. The umbrella `@tensorflow/tfjs` also bundles tfjs-layers,
 * -converter and -data, which nothing here uses, so the worker would ship them for nothing. wasm
 * registers in `backend.ts` (it needs its binaries' paths) and webgpu only where a browser has it.
 * Import tfjs from here, never from the umbrella package. Plain Node needs
 * scripts/tfjsCoreResolve.mjs loaded first for the two paths into tfjs-core's dist below
 * (docs/design.md); Vite, Vitest and the CLI launcher take care of that.
 */
// tfjs-core's entry first: in Node it is a CommonJS build while the paths into dist below are
// ES modules, a second copy; whichever loads first makes the shared engine and its Tensor class,
// and only the entry's copy has its ops wired to Tensor methods (clone, add, ...).
import '@tensorflow/tfjs-core';
// Paths into dist, as the umbrella package imports them: tfjs-core's index leaves them out so
// that inference-only bundles can drop them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';

export * from '@tensorflow/tfjs-core';

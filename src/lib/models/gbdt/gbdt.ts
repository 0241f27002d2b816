/**
 * Gradient-boosted trees over typed arrays: the folder's public entry points.
 * fitGbdt trains; loadGbdt restores a model from GbdtModel.serialize().
 */
export { fitGbdt } from './fitGbdt.ts';
export { GbdtModel, loadGbdt, type GbdtState } from './gbdtModel.ts';
export { GBDT_DEFAULTS, type GbdtParams } from './params.ts';

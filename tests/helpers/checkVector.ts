/**
 * docs/design.md's 20-row check vector and the values the design publishes for it (6 decimals):
 * log loss 0.486851, Brier 0.157645, ROC AUC 0.854167, accuracy 0.75, NE 0.723392, calibration
 * ratio 1.12125, average precision 0.755952, ECE 0.1635. Kept once; every test that needs it imports it.
 */
export const CHECK_Y: readonly number[] = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1,
];
export const CHECK_P: readonly number[] = [
  0.02, 0.05, 0.1, 0.15, 0.2, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.85,
  0.9, 0.95,
];

import { settingLabel } from '../catalog/settings.ts';
import type { SweepValue } from './sweep.ts';

/** A knob offered by the sweep control: any config field can be swept, these are the usual ones. */
export interface SweepKnob {
  path: string;
  /** The settings catalog's label of the path. */
  label: string;
  /** Suggested values, in the order swept. */
  values: SweepValue[];
  /** Log x for rates and counts spanning decades; categorical for choices. */
  scale: 'log' | 'linear' | 'categorical';
  /** Only for these model families; all when absent. */
  families?: readonly string[];
}

const KNOBS: readonly Omit<SweepKnob, 'label'>[] = [
  {
    path: 'imbalance.negativeRate',
    values: [1, 0.3, 0.1, 0.03],
    scale: 'log',
  },
  {
    path: 'features.default.hashBuckets',
    values: [64, 256, 1024, 4096],
    scale: 'log',
  },
  {
    path: 'features.default.topK',
    values: [5, 20, 100, 500],
    scale: 'log',
  },
  {
    path: 'data.source.synthetic.rows',
    values: [2000, 5000, 20000],
    scale: 'log',
  },
  {
    path: 'model.trees',
    values: [10, 30, 100, 300],
    scale: 'log',
    families: ['gbdt'],
  },
  {
    path: 'model.maxDepth',
    values: [2, 4, 6, 8],
    scale: 'linear',
    families: ['gbdt'],
  },
  {
    path: 'model.learningRate',
    values: [0.01, 0.03, 0.1, 0.3],
    scale: 'log',
  },
  { path: 'model.epochs', values: [1, 3, 10, 30], scale: 'log' },
  {
    path: 'model.embeddingDim',
    values: [2, 4, 8, 16],
    scale: 'log',
    families: ['embedding-mlp'],
  },
  {
    path: 'model.hidden',
    values: [[16], [64], [64, 64]],
    scale: 'categorical',
    families: ['mlp', 'embedding-mlp'],
  },
  {
    path: 'model.family',
    values: ['logistic', 'gbdt', 'mlp'],
    scale: 'categorical',
  },
];

/** The synthetic generator's knobs live on the Frame step, outside the settings catalog. */
const SYNTHETIC_LABELS: Record<string, string> = {
  'data.source.synthetic.rows': 'Rows (synthetic)',
};

function labelOf(path: string): string {
  return SYNTHETIC_LABELS[path] ?? settingLabel(path);
}

export const SWEEP_KNOBS: readonly SweepKnob[] = KNOBS.map((k) => ({
  ...k,
  label: labelOf(k.path),
}));

/** The knob for a path, or a categorical one labelled from the catalog (or by the path). */
export function knobFor(path: string): SweepKnob {
  return (
    SWEEP_KNOBS.find((k) => k.path === path) ?? {
      path,
      label: labelOf(path),
      values: [],
      scale: 'categorical',
    }
  );
}

/** A knob value as the user reads and types it: 0.1, gbdt, 64x64. */
export function formatSweepValue(value: SweepValue): string {
  return Array.isArray(value) ? value.join('x') : String(value);
}

/** Parses the comma-separated values a user typed for a knob; throws naming the bad entry. */
export function parseSweepValues(text: string, knob: SweepKnob): SweepValue[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      if (knob.path === 'model.hidden') {
        const widths = part.split('x').map(Number);
        if (widths.some((w) => !Number.isInteger(w) || w < 1)) {
          throw new Error(`"${part}" is not layer widths like 64x64`);
        }
        return widths;
      }
      if (part === 'true' || part === 'false') return part === 'true';
      const number = Number(part);
      return Number.isFinite(number) ? number : part;
    });
}

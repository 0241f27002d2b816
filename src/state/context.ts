import { getContext, setContext } from 'svelte';
import type { ConfigState } from './ConfigState.svelte.ts';
import type { DatasetState } from './DatasetState.svelte.ts';
import type { LessonState } from './LessonState.svelte.ts';
import type { PredictionsState } from './PredictionsState.svelte.ts';
import type { RunsState } from './RunsState.svelte.ts';
import type { SweepState } from './SweepState.svelte.ts';

export interface AppState {
  config: ConfigState;
  dataset: DatasetState;
  predictions: PredictionsState;
  runs: RunsState;
  sweeps: SweepState;
  lessons: LessonState;
}

const KEY = Symbol('app-state');

export function provideAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function useAppState(): AppState {
  return getContext<AppState>(KEY);
}

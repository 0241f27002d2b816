import downsampling from './builtin/downsampling.json';
import hashing from './builtin/hashing.json';
import highCardinality from './builtin/highCardinality.json';
import missingLeakage from './builtin/missingLeakage.json';
import modelSize from './builtin/modelSize.json';
import priorShift from './builtin/priorShift.json';
import { parseLesson, type Lesson } from './lesson.ts';

/**
 * The lessons that ship with the app, in teaching order. They are bundled with the page (so they
 * work offline) and validated like a teacher's own file, so a broken one fails its unit test.
 */
export const BUILTIN_LESSONS: readonly Lesson[] = [
  downsampling,
  modelSize,
  priorShift,
  hashing,
  highCardinality,
  missingLeakage,
].map((file) => parseLesson(file));

/** The built-in lesson with this id, or undefined. */
export function builtinLesson(id: string): Lesson | undefined {
  return BUILTIN_LESSONS.find((lesson) => lesson.id === id);
}

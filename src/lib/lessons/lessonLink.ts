import type { Lesson } from './lesson.ts';

/**
 * Lesson links: `#lesson=ID` opens a built-in lesson at its first step, `#lesson=ID&step=N` at
 * step N (counted from 1, as a teacher says it). Anything read back is untrusted: an unknown id or
 * step gives a message, never a throw.
 */

export type LessonLinkResult =
  | { kind: 'none' }
  | { kind: 'lesson'; lesson: Lesson; stepIndex: number }
  | { kind: 'problem'; message: string };

const LINK = /^lesson=([^&]*)(?:&step=([^&]*))?$/;

/** Reads a URL hash (with or without `#`) against the lessons on offer. */
export function readLessonLink(hash: string, lessons: readonly Lesson[]): LessonLinkResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('lesson=')) return { kind: 'none' };
  const match = LINK.exec(text);
  const id = match ? safeDecode(match[1] ?? '') : null;
  const lesson = id === null ? undefined : lessons.find((l) => l.id === id);
  if (!match || !lesson) {
    const shown = id === null ? 'this link' : `"${id.slice(0, 40)}"`;
    return {
      kind: 'problem',
      message: `There is no lesson ${shown}. Choose one of: ${lessons.map((l) => l.title).join('; ')}.`,
    };
  }
  if (match[2] === undefined) return { kind: 'lesson', lesson, stepIndex: 0 };
  const step = Number(match[2]);
  if (!Number.isInteger(step) || step < 1 || step > lesson.steps.length) {
    return {
      kind: 'problem',
      message: `"${lesson.title}" has steps 1 to ${lesson.steps.length}; step ${match[2].slice(0, 10)} does not exist.`,
    };
  }
  return { kind: 'lesson', lesson, stepIndex: step - 1 };
}

/** The hash that opens `lesson` at `stepIndex` (0-based). */
export function lessonLink(lesson: Lesson, stepIndex: number): string {
  const id = encodeURIComponent(lesson.id);
  return stepIndex === 0 ? `#lesson=${id}` : `#lesson=${id}&step=${stepIndex + 1}`;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

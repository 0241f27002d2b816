import { flushSync, mount, unmount, type Component } from 'svelte';

const mounted: Record<string, unknown>[] = [];

/** Unmounts what {@link mountChart} mounted and empties the body (after each test: setup.ts). */
export function unmountCharts(): void {
  for (const component of mounted.splice(0)) void unmount(component);
  document.body.innerHTML = '';
}

/** Mounts a component into a fresh element of the document and flushes its first render. */
export function mountChart<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push(mount(component, { target, props }));
  flushSync();
  return target;
}

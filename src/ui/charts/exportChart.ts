/**
 * Export of a rendered chart as a standalone SVG file or a PNG image. The charts style their SVG
 * through scoped CSS and theme custom properties, which a file opened on its own does not have:
 * the computed values are copied onto each element, so the file looks like the screen.
 */

import { layoutLegend } from './legendLayout.ts';
import { estimateTextWidth } from './textWidth.ts';

/** The presentation properties the charts set through CSS. */
const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Height in pixels of the exported title line, and the space under the heading. */
const TITLE_HEIGHT = 22;
const HEADING_GAP = 6;

/**
 * Serialises `svg` as a standalone SVG document: computed styles inlined on every element, its
 * pixel size as width, height and viewBox, and a background rectangle in the theme's --surface
 * colour (transparent when the property is unset) so dark and light themes both stay legible.
 * When the chart sits in a figure, its caption's title and legend (HTML on screen) are drawn
 * above it, so the file says what it shows.
 */
export function svgToString(svg: SVGSVGElement): string {
  return standalone(svg).text;
}

/** The standalone document of svgToString and its size in CSS pixels, heading included. */
function standalone(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);

  const chart = sizeOf(svg);
  const caption = svg.closest('figure')?.querySelector('figcaption');
  const heading = caption
    ? prependHeading(clone, caption, chart.width, svg)
    : { width: 0, height: 0 };
  // A title longer than a narrow chart widens the file rather than being cut off.
  const width = Math.max(chart.width, heading.width);
  const height = chart.height + heading.height;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Focus and selection affordances have no meaning in a file.
  clone.removeAttribute('tabindex');
  for (const el of clone.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');

  const background = getComputedStyle(svg).getPropertyValue('--surface').trim();
  if (background !== '') {
    const rect = svg.ownerDocument.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    clone.insertBefore(rect, clone.firstChild);
  }
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

/**
 * Renders `svg` to a PNG at `scale` device pixels per CSS pixel (default 2, sharp on a projector
 * or a slide), by drawing its serialised form into a canvas.
 */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = standalone(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas, so no PNG can be made');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The canvas produced no PNG'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Moves the chart down and draws the caption's title and its legend entries (the spans with a
 * swatch) above it; returns the title's width and the height added, in pixels.
 */
function prependHeading(
  clone: SVGSVGElement,
  caption: HTMLElement,
  width: number,
  source: SVGSVGElement,
): { width: number; height: number } {
  const doc = source.ownerDocument;
  const make = (name: string, attributes: Record<string, string | number>) => {
    const el = doc.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
    return el;
  };
  const title = [...caption.childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent ?? '')
    .join(' ')
    .trim();
  // Bold text runs about 10% wider than the estimate's regular weight.
  const titleWidth = 8 + 1.1 * estimateTextWidth(title, 14);
  const entries = [...caption.querySelectorAll<HTMLElement>('.aside')].flatMap((aside) => {
    const swatch = aside.querySelector('i');
    if (!swatch) return [];
    const color = getComputedStyle(swatch).backgroundColor || swatch.style.background;
    return [{ label: aside.textContent?.trim() ?? '', color }];
  });
  const legend = layoutLegend(
    entries.map((e) => e.label),
    Math.max(width, titleWidth) - 8,
  );
  const text = getComputedStyle(source).getPropertyValue('--text').trim() || '#000';

  const chart = make('g', {
    transform: `translate(0,${TITLE_HEIGHT + legend.height + HEADING_GAP})`,
  });
  chart.append(...clone.childNodes);
  const heading = make('g', { class: 'export-heading', fill: text });
  const titleText = make('text', { x: 4, y: 16, 'font-size': 14, 'font-weight': 600 });
  titleText.textContent = title;
  heading.append(titleText);
  entries.forEach((entry, i) => {
    const at = legend.positions[i]!;
    const item = make('g', { transform: `translate(${4 + at.x},${TITLE_HEIGHT + at.y + 10})` });
    item.append(make('rect', { y: -5, width: 14, height: 10, rx: 2, fill: entry.color }));
    const label = make('text', { x: 22, dy: '0.32em', 'font-size': 12 });
    label.textContent = legend.texts[i]!;
    item.append(label);
    heading.append(item);
  });
  clone.append(heading, chart);
  return { width: titleWidth, height: TITLE_HEIGHT + legend.height + HEADING_GAP };
}

/**
 * Copies the computed presentation properties of each source element onto its clone, skipping
 * values the clone would inherit anyway (the parent's computed value) to keep the file small.
 */
function inlineStyles(source: Element, target: Element, parent?: CSSStyleDeclaration): void {
  const computed = getComputedStyle(source);
  const style = (target as SVGElement).style;
  for (const property of INLINED_PROPERTIES) {
    const value = computed.getPropertyValue(property);
    if (value === '' || isDefault(property, value, parent)) continue;
    style.setProperty(property, value);
  }
  // The clone has the same tree shape as the source, so children pair up by position.
  for (let i = 0; i < source.children.length; i++) {
    const child = source.children[i]!;
    if (child.localName !== 'title') inlineStyles(child, target.children[i]!, computed);
  }
}

/** Opacity and display are not inherited; every other inlined property is. */
function isDefault(property: string, value: string, parent?: CSSStyleDeclaration): boolean {
  if (property === 'opacity') return value === '1';
  if (property === 'display') return value !== 'none';
  return parent !== undefined && parent.getPropertyValue(property) === value;
}

/** The SVG's size in CSS pixels: its width and height attributes, else its laid-out box. */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || box.width;
  const height = Number(svg.getAttribute('height')) || box.height;
  return { width, height };
}

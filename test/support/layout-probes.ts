import type { Page } from 'playwright-core';

/**
 * Small scripts measured in the page. They are plain JavaScript strings evaluated through the
 * DevTools protocol (the page's Content-Security-Policy stays on; no DOM types in this project).
 */

export interface PageOverflow {
  scrollWidth: number;
  innerWidth: number;
  /** The element reaching furthest right outside any scrolling container, described. */
  widest: string;
}

/** A short, readable name for an element: tag#id.classes “text…”. */
const DESCRIBE = `
  const describe = (el) => {
    if (!el) return '(none)';
    const id = el.id ? '#' + el.id : '';
    const classes = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
    const box = el.getBoundingClientRect();
    return el.tagName.toLowerCase() + id + classes + ' (' + Math.round(box.width) + ' px wide, right edge '
      + Math.round(box.right) + ') “' + text + '”';
  };`;

const OVERFLOW = `(() => {
  ${DESCRIBE}
  const root = document.documentElement;
  const width = window.innerWidth;
  if (root.scrollWidth <= width) return null;
  // A box inside a container that scrolls or clips on its own, and fits, does not widen the page.
  // Only the containers on its containing-block chain clip it: an absolutely positioned box
  // escapes every scroller below its nearest positioned ancestor, a fixed one escapes them all.
  const contained = (el) => {
    let position = getComputedStyle(el).position;
    for (let a = el.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
      if (position === 'fixed') return false;
      const style = getComputedStyle(a);
      if (position === 'absolute' && style.position === 'static') continue;
      if (style.overflowX !== 'visible') return a.getBoundingClientRect().right <= width + 0.5;
      position = style.position;
    }
    return false;
  };
  let widest = null;
  let right = width + 0.5;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    // Strictly greater: of equal boxes the outermost (first in document order) is named.
    if (box.right > right && !contained(el)) { widest = el; right = box.right; }
  }
  return { scrollWidth: root.scrollWidth, innerWidth: width, widest: describe(widest) };
})()`;

/** Null when the page is no wider than the window; otherwise what overflows. */
export async function pageOverflow(page: Page): Promise<PageOverflow | null> {
  return page.evaluate<PageOverflow | null>(OVERFLOW);
}

export interface NavRows {
  rows: number;
  navHeight: number;
  /** The tallest item's (a link, or the sign-out button). */
  itemHeight: number;
}

const NAV_ROWS = `(() => {
  const nav = document.querySelector('header nav');
  const items = [...nav.querySelectorAll('li')]
    .map((li) => li.getBoundingClientRect())
    .filter((box) => box.height > 0)
    .sort((a, b) => a.top + a.bottom - b.top - b.bottom);
  // Items of one row share (about) a vertical centre, whatever their own heights.
  let rows = 0;
  let rowCentre = -Infinity;
  for (const box of items) {
    const centre = (box.top + box.bottom) / 2;
    if (centre > rowCentre + box.height / 2) { rows += 1; rowCentre = centre; }
  }
  return {
    rows,
    navHeight: Math.round(nav.getBoundingClientRect().height),
    itemHeight: Math.round(Math.max(...items.map((box) => box.height))),
  };
})()`;

/** How many rows the header's navigation takes, its height and its tallest item's. */
export async function headerNavRows(page: Page): Promise<NavRows> {
  return page.evaluate<NavRows>(NAV_ROWS);
}

const LABEL_OVERLAPS = `(() => {
  ${DESCRIBE}
  const apart = (a, b) => a.right <= b.left + 1 || a.left >= b.right - 1
    || a.bottom <= b.top + 1 || a.top >= b.bottom - 1;
  const overlaps = [];
  const inputs = document.querySelectorAll('input[type="checkbox"], input[type="radio"]');
  for (const input of inputs) {
    const label = input.closest('label') || (input.id && document.querySelector('label[for="' + input.id + '"]'));
    if (!label) continue;
    // The label's text, line by line (Ranges over its text nodes), without the box itself.
    const lines = [];
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      lines.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    const box = input.getBoundingClientRect();
    const overBox = lines.some((line) => !apart(line, box));
    const overText = lines.some((a, i) => lines.slice(i + 1).some((b) => !apart(a, b)));
    if (overBox || overText) overlaps.push(describe(label) + (overBox ? ' over its box' : ' over itself'));
  }
  return [...new Set(overlaps)];
})()`;

/** The labels whose text runs over their own checkbox or radio button, or over itself. */
export async function labelsOverlappingTheirBox(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(LABEL_OVERLAPS);
}

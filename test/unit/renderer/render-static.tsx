import { createInstance, type i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { DeskApi } from '../../../src/contract';
import { i18nOptions, type Language } from '../../../src/i18n/languages';
import { resources } from '../../../renderer/i18n/i18n';
import { DeskServicesProvider, type DeskServices } from '../../../renderer/shared/desk-services';

/** A desk whose every command records its call and answers with `answers[method]` (or undefined). */
export function fakeDesk(answers: Partial<Record<keyof DeskApi, (params: unknown) => unknown>> = {}) {
  const calls: Array<{ method: string; params: unknown }> = [];
  const desk = new Proxy(
    {},
    {
      get: (_target, method: string) => async (params: unknown) => {
        calls.push({ method, params });
        return answers[method as keyof DeskApi]?.(params);
      },
    },
  ) as DeskServices['desk'];
  return { desk, calls };
}

export function testI18n(lng: Language = 'zh-CN'): I18n {
  const i18n = createInstance();
  void i18n.init(i18nOptions(resources, lng));
  return i18n;
}

/** Server-renders `node` as the desk would show it (no DOM here: markup only, no events). */
export function renderStatic(node: ReactNode, { lng = 'zh-CN', desk = fakeDesk().desk }: { lng?: Language; desk?: DeskServices['desk'] } = {}): string {
  const services: DeskServices = {
    desk,
    media: { stats: async () => null } as unknown as DeskServices['media'],
    sounds: { ringtone: { play: () => undefined, stop: () => undefined }, busyChime: { play: () => true }, setRingerSink: async () => undefined } as unknown as DeskServices['sounds'],
    audio: {} as DeskServices['audio'],
  };
  return renderToStaticMarkup(
    <I18nextProvider i18n={testI18n(lng)}>
      <DeskServicesProvider services={services}>{node}</DeskServicesProvider>
    </I18nextProvider>,
  );
}

const VOID_TAGS = new Set(['input', 'br', 'hr', 'img', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr']);

/** The whole element (tag, content, closing tag) that starts at `start` in server-rendered markup. */
function elementAt(html: string, start: number): string {
  const tag = /^<([a-zA-Z0-9]+)/.exec(html.slice(start))?.[1] ?? '';
  const openEnd = html.indexOf('>', start) + 1;
  if (VOID_TAGS.has(tag.toLowerCase()) || html[openEnd - 2] === '/') return html.slice(start, openEnd);
  const pattern = new RegExp(`<(/?)${tag}(?=[\\s>])`, 'g');
  pattern.lastIndex = openEnd;
  let depth = 1;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return html.slice(start, html.indexOf('>', match.index) + 1);
  }
  return html.slice(start);
}

/** The markup of each element carrying `data-testid="<testId>"`, in document order. */
export function partsByTestId(html: string, testId: string): string[] {
  const marker = `data-testid="${testId}"`;
  const parts: string[] = [];
  for (let index = html.indexOf(marker); index !== -1; index = html.indexOf(marker, index + marker.length)) parts.push(elementAt(html, html.lastIndexOf('<', index)));
  return parts;
}

/** The text of an HTML fragment, tags dropped (entities as React writes them). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

import { createInstance, type i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AcceptedHandoverList, PendingHandoverList } from '../../../board/features/promises/HandoverLists';
import { PromiseAgentTable } from '../../../board/features/promises/PromiseAgentTable';
import { promisesByAgent } from '../../../board/features/promises/promise-view';
import en from '../../../board/i18n/locales/en.json';
import zhCN from '../../../board/i18n/locales/zh-CN.json';
import { aHandover, aPromise, accepted, agent, CHINA, T } from './promise-fixtures';

const LEAD = 15 * 60_000;
const MIN = 60_000;
let zh: I18n;
let english: I18n;

async function started(lng: 'zh-CN' | 'en'): Promise<I18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({ lng, resources: { [lng]: { translation: lng === 'en' ? en : zhCN } }, interpolation: { escapeValue: false } });
  return instance;
}

beforeAll(async () => {
  zh = await started('zh-CN');
  english = await started('en');
});

function html(node: ReactNode, i18n: I18n = zh): string {
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

/** The rows of the table of the given test id, as the text of each cell. */
function rowsOf(markup: string, testId: string): string[][] {
  const doc = markup.split(`data-testid="${testId}"`).slice(1);
  return doc.map((row) => [...(row.split('</tr>')[0] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => (cell[1] ?? '').replace(/<[^>]+>/g, '')));
}

const overdue = aPromise(1, { owner: agent('1002'), dueAt: T - 10 * MIN, remoteNumber: '139****0001', customerContact: '13900000001', pendingHandoverId: '0192f000-0000-7000-a000-000000000009', callbacks: [{ callId: '0192f000-0000-7000-9000-000000000001', at: T - 5 * MIN }] });
const soon = aPromise(2, { owner: agent('1002'), dueAt: T + 10 * MIN, remoteNumber: '139****0002', customerContact: '13900000002' });
const later = aPromise(3, { owner: agent('1001'), dueAt: T + 90 * MIN, remoteNumber: '139****0003' });

function table(now: number, expanded: string[], i18n: I18n = zh): string {
  return html(
    <PromiseAgentTable groups={promisesByAgent([overdue, soon, later], LEAD, now)} expanded={new Set(expanded)} onToggle={() => undefined} now={now} utcOffsetMinutes={CHINA} dispositionLabel={(code) => (code === 'complaint' ? '投诉' : code)} />,
    i18n,
  );
}

describe('the promises view', () => {
  it('one row per agent: name and 工号, open, overdue (in words), the oldest overdue reply time in the center zone', () => {
    const rows = rowsOf(table(T, []), 'promise-agent-row');
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ['坐席1002（1002）', '2', '已逾期 1', '09:50'],
      ['坐席1001（1001）', '1', '0', '—'],
    ]);
    // Collapsed: no promise is listed.
    expect(table(T, [])).not.toContain('data-testid="promise-row"');
  });

  it("an expanded agent's promises: reply time, customer, masked number, disposition, summary, callbacks, 交接中; overdue labelled 已逾期", () => {
    const markup = table(T, ['1002']);
    const rows = rowsOf(markup, 'promise-row');
    expect(rows).toEqual([
      ['09:50已逾期', '王女士', '139****0001', '投诉', '宽带断线，答应两小时内回电', '1', '交接中'],
      ['10:10即将到期', '王女士', '139****0002', '投诉', '宽带断线，答应两小时内回电', '0', ''],
    ]);
    expect(markup).toMatch(/data-urgency="overdue"[^>]*>.*?data-testid="promise-overdue">已逾期</);
    // Only the masked number reaches the page: the contact the agent wrote down is not shown.
    expect(markup).not.toContain('13900000001');
    expect(markup).not.toContain('13900000002');
    // The other agent is not expanded.
    expect(markup).not.toContain('139****0003');
  });

  it('says overdue in words exactly from the reply time, re-evaluated with the clock', () => {
    const before = table(soon.dueAt - 1, ['1002']);
    const at = table(soon.dueAt, ['1002']);
    const overdueLabels = (markup: string) => markup.split('data-testid="promise-overdue"').length - 1;
    expect(overdueLabels(before)).toBe(1);
    expect(overdueLabels(at)).toBe(2);
  });

  it('speaks English too', () => {
    const markup = table(T, ['1002'], english);
    expect(markup).toContain('data-testid="promise-overdue">Overdue<');
    expect(markup).toContain('Being handed over');
  });
});

describe('the handover lists', () => {
  it('a pending handover: from, to (the next shift or a named colleague), handed at, note, items with masked numbers, how long it waited', () => {
    const toNext = aHandover(1, { handedAt: T - 90 * MIN, receivedAt: T - 90 * MIN });
    const toNamed = aHandover(2, { to: { kind: 'agent', agent: agent('1003') }, handedAt: T - MIN, receivedAt: T - MIN });
    const markup = html(<PendingHandoverList handovers={[toNext, toNamed]} now={T} utcOffsetMinutes={CHINA} />);
    expect(markup).toContain('坐席1001（1001） → 下一班');
    expect(markup).toContain('坐席1001（1001） → 坐席1003（1003）');
    expect(markup).toContain('交班时间 08:30');
    expect(markup).toContain('已等待 1 小时 30 分钟');
    expect(markup).toContain('已等待 1 分钟');
    expect(markup).toContain('夜班请跟进');
    expect(markup).toContain('承诺');
    expect(markup).toContain('王女士：宽带断线');
    expect(markup).toContain('data-testid="handover-item-number">138****5678<');
    expect(markup).toContain('约定 11:00');
  });

  it('an accepted handover says who accepted it and when', () => {
    const taken = accepted(aHandover(1), agent('1002'), T - 5 * MIN);
    const markup = html(<AcceptedHandoverList handovers={[taken]} now={T} utcOffsetMinutes={CHINA} />);
    expect(markup).toContain('坐席1002（1002） 于 09:55 接收');
  });
});

import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { DeskError, RemoteError, RpcClosedError } from '../../../src/rpc';
import {
  defaultHandoverForm,
  handOverAndLogOut,
  handoverCandidates,
  handoverFormSchema,
  logOutWithoutHandover,
  needsHandover,
  NEXT_SHIFT,
  toHandOver,
  type HandoverFormValues,
} from '../../../renderer/features/handover/handover-form';
import { HandoverDialog } from '../../../renderer/features/handover/HandoverDialog';
import { acceptHandover, IncomingHandovers } from '../../../renderer/features/handover/IncomingHandovers';
import { snapshotAt } from './desk-snapshot-fixture';
import { COLLEAGUE, handover, ME, MINUTE, NOW, promise, ticket, uuid } from './promise-fixtures';
import { fakeDesk, partsByTestId, renderStatic, textOf } from './render-static';

function deskSnapshot(overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  return snapshotAt(NOW, { agent: ME, state: 'ready', policy: defaultPolicy, colleagues: [COLLEAGUE, { agentId: '1003', name: '' }], ...overrides });
}

const open = deskSnapshot({
  promises: [
    promise(1, { dueAt: NOW + 60 * MINUTE }),
    promise(2, { dueAt: NOW - 5 * MINUTE }),
    promise(3, { status: 'kept', kept: { at: NOW - MINUTE, note: 'ok' } }),
    promise(4, { handingOver: { handoverId: uuid(70), to: 'nextShift' } }),
  ],
  tickets: [ticket(1), ticket(2, { status: 'closed' }), ticket(3, { status: 'pending' }), ticket(4, { status: 'answered' })],
  handovers: {
    incoming: [],
    outgoing: [handover(9, { from: ME, status: 'pending', items: [{ kind: 'ticket', id: uuid(2004), note: '', title: '疑难单 4', dueAt: null, remoteNumber: '', open: true }] })],
  },
});

describe('what the handover carries', () => {
  it('lists open promises (soonest first) and tickets not closed, less what is already being handed over', () => {
    expect(handoverCandidates(open).map((item) => `${item.kind}:${item.id}`)).toEqual([`promise:${uuid(2)}`, `promise:${uuid(1)}`, `ticket:${uuid(2001)}`, `ticket:${uuid(2003)}`]);
    expect(handoverCandidates(open)[0]).toMatchObject({ title: '客户2 · 宽带断线 2', dueAt: NOW - 5 * MINUTE, remoteNumber: '13812345678' });
  });

  it('asks for a handover at logout only when something is open', () => {
    expect(needsHandover(open)).toBe(true);
    expect(needsHandover(deskSnapshot())).toBe(false);
    expect(needsHandover(deskSnapshot({ promises: [promise(3, { status: 'kept', kept: { at: NOW, note: 'ok' } })], tickets: [ticket(2, { status: 'closed' })] }))).toBe(false);
    expect(needsHandover(deskSnapshot({ tickets: [ticket(1)] }))).toBe(true);
  });

  it('starts with every item checked, no notes, to the next shift', () => {
    const values = defaultHandoverForm(handoverCandidates(open));
    expect(values.items.every((item) => item.include && item.note === '')).toBe(true);
    expect(values.items).toHaveLength(4);
    expect(values.recipient).toBe(NEXT_SHIFT);
  });
});

describe('the handover form', () => {
  const schema = handoverFormSchema([COLLEAGUE.agentId]);
  const validate = (values: HandoverFormValues) => zodResolver(schema)(values, undefined, { fields: {}, shouldUseNativeValidation: false });
  const base = defaultHandoverForm(handoverCandidates(open));

  it('needs at least one item and a known recipient', async () => {
    expect((await validate(base)).errors).toEqual({});
    expect((await validate({ ...base, recipient: COLLEAGUE.agentId })).errors).toEqual({});
    const none = await validate({ ...base, items: base.items.map((item) => ({ ...item, include: false })) });
    expect(JSON.stringify(none.errors)).toContain('noItems');
    expect((await validate({ ...base, recipient: '9999' })).errors.recipient?.message).toBe('recipientRequired');
    expect((await validate({ ...base, recipient: '' })).errors.recipient?.message).toBe('recipientRequired');
  });

  it('sends the chosen items with their notes, the recipient and the overall note', () => {
    const values: HandoverFormValues = {
      items: base.items.map((item, index) => ({ ...item, include: index !== 1, note: index === 0 ? '  客户下午在家 ' : '' })),
      recipient: COLLEAGUE.agentId,
      note: ' 报修单都已派工 ',
    };
    expect(toHandOver(values)).toEqual({
      to: { kind: 'agent', agentId: COLLEAGUE.agentId },
      note: '报修单都已派工',
      items: [
        { kind: 'promise', id: uuid(2), note: '客户下午在家' },
        { kind: 'ticket', id: uuid(2001), note: '' },
        { kind: 'ticket', id: uuid(2003), note: '' },
      ],
    });
    expect(toHandOver({ ...values, recipient: NEXT_SHIFT }).to).toEqual({ kind: 'nextShift' });
  });

  it('交接并退出: hands over first, then logs out', async () => {
    const { desk, calls } = fakeDesk({ handOver: () => ({ handoverId: uuid(80) }) });
    const command = toHandOver(base);
    expect(await handOverAndLogOut(desk, command)).toEqual({ ok: true });
    expect(calls).toEqual([
      { method: 'handOver', params: command },
      { method: 'logout', params: null },
    ]);
  });

  it('stays logged in, saying why, when the handover is refused', async () => {
    const { desk, calls } = fakeDesk({
      handOver: () => {
        throw new RemoteError('DeskError', 'no', 'item-in-handover');
      },
    });
    expect(await handOverAndLogOut(desk, toHandOver(base))).toEqual({ ok: false, step: 'handOver', code: 'item-in-handover', params: {} });
    expect(calls.map((call) => call.method)).toEqual(['handOver']);

    const unreachable = fakeDesk({
      handOver: () => {
        throw new RpcClosedError();
      },
    });
    expect(await handOverAndLogOut(unreachable.desk, toHandOver(base))).toMatchObject({ ok: false, code: 'desk-unreachable' });
    expect(unreachable.calls.map((call) => call.method)).toEqual(['handOver']);
  });

  it('不交接，直接退出: logs out without a handover', async () => {
    const { desk, calls } = fakeDesk();
    expect(await logOutWithoutHandover(desk)).toEqual({ ok: true });
    expect(calls).toEqual([{ method: 'logout', params: null }]);
  });
});

describe('HandoverDialog', () => {
  const render = (lng: 'zh-CN' | 'en' = 'zh-CN') => renderStatic(<HandoverDialog snapshot={open} now={NOW} desk={fakeDesk().desk} onCancel={() => undefined} />, { lng });

  it('is a modal dialog listing every item, checked, each with its own note', () => {
    const html = render();
    expect(html).toMatch(/role="dialog" aria-modal="true"/);
    const items = partsByTestId(html, 'handover-dialog-item');
    expect(items.map((item) => /data-item-id="([^"]+)"/.exec(item)?.[1])).toEqual([uuid(2), uuid(1), uuid(2001), uuid(2003)]);
    for (const item of items) {
      expect(partsByTestId(item, 'handover-item-include')[0]).toMatch(/type="checkbox"[^>]*checked=""/);
      expect(partsByTestId(item, 'handover-item-note')).toHaveLength(1);
    }
    expect(textOf(items[0] ?? '')).toContain('09:55 到期');
    expect(textOf(items[0] ?? '')).toContain('138 1234 5678');
  });

  it('offers the next shift and each named colleague as the recipient, and the three ways out', () => {
    const html = render();
    const [recipient] = partsByTestId(html, 'handover-recipient');
    expect(recipient).toMatch(/<option value="nextShift" selected="">下一班<\/option>/);
    expect(recipient).toContain('<option value="1002">李强（1002）</option>');
    expect(recipient).toContain('<option value="1003">1003（1003）</option>');
    expect(textOf(partsByTestId(html, 'handover-submit')[0] ?? '')).toBe('交接并退出');
    expect(textOf(partsByTestId(html, 'handover-skip')[0] ?? '')).toBe('不交接，直接退出');
    expect(textOf(partsByTestId(html, 'handover-cancel')[0] ?? '')).toBe('取消');
    expect(partsByTestId(html, 'handover-note')).toHaveLength(1);
    expect(textOf(partsByTestId(render('en'), 'handover-submit')[0] ?? '')).toBe('Hand over and log out');
  });
});

describe('IncomingHandovers', () => {
  it('shows nothing when no handover is waiting either way', () => {
    expect(renderStatic(<IncomingHandovers snapshot={deskSnapshot()} now={NOW} />)).toBe('');
  });

  it('lists each incoming handover: from whom, when, the note, its items open or finished, and 接收', () => {
    const html = renderStatic(<IncomingHandovers snapshot={deskSnapshot({ handovers: { incoming: [handover(1), handover(2, { to: ME })], outgoing: [] } })} now={NOW} />);
    const entries = partsByTestId(html, 'handover-incoming');
    expect(entries).toHaveLength(2);
    const first = entries[0] ?? '';
    expect(textOf(first)).toContain('李强 的交接');
    expect(textOf(first)).toContain('交给下一班');
    expect(textOf(entries[1] ?? '')).toContain('交给您');
    expect(textOf(partsByTestId(first, 'handover-when')[0] ?? '')).toBe('09:50');
    expect(textOf(partsByTestId(first, 'handover-note-text')[0] ?? '')).toBe('报修单都已派工');
    const items = partsByTestId(first, 'handover-item');
    expect(items.map((item) => /data-open="(true|false)"/.exec(item)?.[1])).toEqual(['true', 'false']);
    expect(textOf(items[0] ?? '')).toContain('王先生 · 宽带断线');
    expect(textOf(items[0] ?? '')).toContain('10:30 到期');
    expect(textOf(items[0] ?? '')).toContain('139 0000 1111');
    expect(textOf(items[0] ?? '')).toContain('客户下午在家');
    expect(textOf(partsByTestId(items[0] ?? '', 'handover-item-state')[0] ?? '')).toBe('未完成');
    expect(textOf(partsByTestId(items[1] ?? '', 'handover-item-state')[0] ?? '')).toBe('已完成');
    expect(textOf(partsByTestId(first, 'handover-accept')[0] ?? '')).toBe('接收');
  });

  it('lists the agent’s own handovers awaiting a receiver, 待同步 while not on the server', () => {
    const html = renderStatic(
      <IncomingHandovers
        snapshot={deskSnapshot({ handovers: { incoming: [], outgoing: [handover(5, { from: ME, to: COLLEAGUE, status: 'pending' }), handover(6, { from: ME, status: 'sent' }), handover(7, { from: ME, status: 'accepted' })] } })}
        now={NOW}
      />,
    );
    expect(html).not.toContain('data-testid="handovers-incoming"');
    const rows = partsByTestId(html, 'handover-outgoing');
    expect(rows.map((row) => /data-status="([a-z]+)"/.exec(row)?.[1])).toEqual(['pending', 'sent']);
    expect(textOf(rows[0] ?? '')).toContain('交给 李强');
    expect(textOf(partsByTestId(rows[0] ?? '', 'handover-outgoing-pending')[0] ?? '')).toBe('待同步');
    expect(rows[1]).not.toContain('handover-outgoing-pending');
    expect(textOf(partsByTestId(html, 'handovers-outgoing')[0] ?? '')).toContain('已交接，待接收');
  });

  it('接收 asks main for the handover, and says who was first when someone else was', async () => {
    const { desk, calls } = fakeDesk();
    expect(await acceptHandover(desk, uuid(3001))).toBeNull();
    expect(calls).toEqual([{ method: 'acceptHandover', params: { handoverId: uuid(3001) } }]);

    const taken = fakeDesk({
      acceptHandover: () => {
        throw new DeskError('handover-accepted', 'taken', { by: '王芳' });
      },
    });
    expect(await acceptHandover(taken.desk, uuid(3001))).toEqual({ code: 'handover-accepted', params: { by: '王芳' } });
  });
});

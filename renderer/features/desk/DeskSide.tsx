import { memo } from 'react';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { useAfterFirstPaint } from '../../shared/use-after-first-paint';
import { AttendanceToday } from '../attendance/AttendanceToday';
import { IncomingHandovers } from '../handover/IncomingHandovers';
import { HistoryPanel } from '../history/HistoryPanel';
import { PromisesPanel } from '../promises/PromisesPanel';
import { TicketsPanel } from '../tickets/TicketsPanel';
import { TodayPanel } from '../today/TodayPanel';

export interface DeskSideProps {
  snapshot: DeskSnapshot;
  /** Main's clock, to the second: the side column shows times and counts, not countdowns. */
  now: number;
  canCallBack: boolean;
  onWrapUp(callId: string): void;
  onCallBack(number: string): void;
}

/**
 * The side column: handovers, promises, today, tickets, attendance, history. Memoised and fed a
 * deferred snapshot by DeskScreen, so a ring prompt (or any call change) is painted first and the
 * column follows in the idle time after, instead of the whole desk rendering before the prompt shows.
 */
export const DeskSide = memo(function DeskSide({ snapshot, now, canCallBack, onWrapUp, onCallBack }: DeskSideProps) {
  // At login the desk's first frame (the state, the registration, the main column) is not held
  // up by the panels: they fill in right after it.
  if (!useAfterFirstPaint()) return <aside className="desk__side" aria-busy="true" />;
  return (
    <aside className="desk__side">
      <IncomingHandovers snapshot={snapshot} now={now} />
      <PromisesPanel snapshot={snapshot} now={now} />
      <TodayPanel snapshot={snapshot} />
      <TicketsPanel snapshot={snapshot} now={now} />
      <AttendanceToday day={snapshot.attendanceToday} now={now} utcOffsetMinutes={snapshot.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes} />
      <HistoryPanel snapshot={snapshot} now={now} onWrapUp={onWrapUp} canCallBack={canCallBack} onCallBack={onCallBack} />
    </aside>
  );
});

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Policy, SeatPresence } from '../../../src/contract';
import { SeatRow } from './SeatRow';

const COLUMNS = ['agentId', 'name', 'state', 'timeInState', 'call', 'counts', 'aht', 'busyUsed', 'loginAt', 'link'] as const;

/** Every seat shown, as a virtualised list: only the rows in view are in the page, so 2,000 seats scroll smoothly. */
export function SeatTable({
  seats,
  policy,
  now,
  rowHeight,
  onSelect,
}: {
  seats: readonly SeatPresence[];
  policy: Policy;
  now: number;
  rowHeight: number;
  /** A row was chosen (its actions open); null: rows do nothing (a wall display). */
  onSelect: ((agentId: string) => void) | null;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: seats.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8, getItemKey: (index) => seats[index]?.agentId ?? index });
  return (
    <div role="table" className="seat-table" aria-rowcount={seats.length}>
      <div role="row" className="seat seat-head">
        {COLUMNS.map((column) => (
          <span role="columnheader" key={column}>
            {t(`column.${column}`)}
          </span>
        ))}
      </div>
      <div ref={scroller} className="seat-scroller" data-testid="seat-scroller">
        {seats.length === 0 && <p className="muted empty">{t('board.empty')}</p>}
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((item) => {
            const seat = seats[item.index];
            if (!seat) return null;
            return (
              <div key={item.key} className="seat-slot" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                <SeatRow seat={seat} policy={policy} now={now} onSelect={onSelect} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Calls per hour of the day (各时段进线数量): offered, answered and missed side by side, as bars (uPlot). */
export function HourlyChart({ offered, answered, missed }: { offered: readonly number[]; answered: readonly number[]; missed: readonly number[] }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const bars = (offset: number) => uPlot.paths.bars?.({ size: [0.25, 40], align: 0, gap: 0, disp: { x0: { unit: 2, values: () => HOURS.map((hour) => hour + offset) } } });
    const series = (label: string, color: string, offset: number): uPlot.Series => ({ label, stroke: color, fill: color, width: 0, paths: bars(offset) });
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 260,
        scales: { x: { time: false, range: [-0.5, 24] } },
        axes: [{ values: (_plot, ticks) => ticks.map((tick) => `${tick}`) }, { label: t('reports.calls') }],
        series: [{ label: t('reports.hour') }, series(t('reports.offered'), '#1f5fbf', -0.25), series(t('reports.answered'), '#1f8a4c', 0), series(t('reports.missed'), '#b3261e', 0.25)],
      },
      [HOURS, [...offered], [...answered], [...missed]],
      element,
    );
    return () => plot.destroy();
  }, [offered, answered, missed, t]);
  return <div ref={container} className="hourly-chart" data-testid="hourly-chart" data-offered={offered.join(',')} data-answered={answered.join(',')} data-missed={missed.join(',')} />;
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Calls per hour of the day (各时段进线数量): offered, answered and missed as nested bars (uPlot). */
export function HourlyChart({ offered, answered, missed }: { offered: readonly number[]; answered: readonly number[]; missed: readonly number[] }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Nested bars, widest behind: offered, then answered and missed in front of it.
    const series = (label: string, color: string, width: number): uPlot.Series => ({
      label,
      stroke: color,
      fill: color,
      width: 0,
      points: { show: false },
      paths: uPlot.paths.bars?.({ size: [width, 48], align: 0 }),
    });
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 260,
        scales: { x: { time: false, range: [-0.5, 24] } },
        axes: [{ values: (_plot, ticks) => ticks.map((tick) => `${tick}`) }, { label: t('reports.calls') }],
        series: [{ label: t('reports.hour') }, series(t('reports.offered'), '#9db7e0', 0.8), series(t('reports.answered'), '#1f8a4c', 0.5), series(t('reports.missed'), '#b3261e', 0.25)],
      },
      [HOURS, [...offered], [...answered], [...missed]],
      element,
    );
    return () => plot.destroy();
  }, [offered, answered, missed, t]);
  return <div ref={container} className="hourly-chart" data-testid="hourly-chart" data-offered={offered.join(',')} data-answered={answered.join(',')} data-missed={missed.join(',')} />;
}

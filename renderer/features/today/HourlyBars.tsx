import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** The agent's calls per hour today (各时段进线数量), answered in front of offered: a small uPlot bar chart. */
export function HourlyBars({ offered, answered }: { offered: readonly number[]; answered: readonly number[] }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const bars = (label: string, color: string, width: number): uPlot.Series => ({ label, stroke: color, fill: color, width: 0, points: { show: false }, paths: uPlot.paths.bars?.({ size: [width, 16], align: 0 }) });
    const plot = new uPlot(
      {
        width: Math.max(220, element.clientWidth),
        height: 110,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, 24] } },
        axes: [{ values: (_plot, ticks) => ticks.map((tick) => `${tick}`), size: 24 }, { size: 28 }],
        series: [{ label: t('today.hour') }, bars(t('today.offered'), '#9db7e0', 0.8), bars(t('today.answered'), '#1f8a4c', 0.45)],
      },
      [HOURS, [...offered], [...answered]],
      element,
    );
    return () => plot.destroy();
  }, [offered, answered, t]);
  return <div ref={container} className="today__chart" data-testid="today-chart" data-offered={offered.join(',')} data-answered={answered.join(',')} aria-label={t('today.perHour')} role="img" />;
}

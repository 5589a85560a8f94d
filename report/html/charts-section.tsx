/** Chapter 2: risk overview charts. */
import { renderChartSvg } from '../charts';
import type { ChartData, ReportModel } from '../types';
import { Chapter } from './components';

/** Chart drawing size in CSS pixels; the SVG scales to its column in print (two per row, the wide one alone). */
const HALF = { width: 340, height: 200 };
const WIDE = { width: 690, height: 220 };

function Chart({ chart }: { chart: ChartData }) {
  return (
    <figure className={chart.horizontal ? 'chart wide' : 'chart'} id={`chart-${chart.id}`}>
      <h3>{chart.title}</h3>
      {chart.unavailable ? (
        <div className="notice">Not available: {chart.unavailable}</div>
      ) : (
        // ECharts output from our own category names and numbers only (see report/charts.ts).
        <div dangerouslySetInnerHTML={{ __html: renderChartSvg(chart, chart.horizontal ? WIDE : HALF) }} />
      )}
      <figcaption>{chart.caption}</figcaption>
    </figure>
  );
}

export function ChartsSection({ model, number }: { model: ReportModel; number: string }) {
  return (
    <Chapter id="overview" number={number} title="Risk overview">
      <div className="charts">
        {model.charts.map((c) => (
          <Chart chart={c} key={c.id} />
        ))}
      </div>
    </Chapter>
  );
}

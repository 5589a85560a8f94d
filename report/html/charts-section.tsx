/** Chapter 2: risk overview charts. */
import { renderChartSvg } from '../charts';
import type { ChartData, ReportModel } from '../types';
import { Chapter } from './components';

/** Chart drawing size in CSS pixels; the SVG scales to the column width in print. */
const SIZE = { width: 660, height: 250 };
const TALL = { width: 660, height: 300 };

function Chart({ chart }: { chart: ChartData }) {
  return (
    <figure className="chart" id={`chart-${chart.id}`}>
      <h3>{chart.title}</h3>
      {chart.unavailable ? (
        <div className="notice">Not available: {chart.unavailable}</div>
      ) : (
        // ECharts output from our own category names and numbers only (see report/charts.ts).
        <div dangerouslySetInnerHTML={{ __html: renderChartSvg(chart, chart.horizontal ? TALL : SIZE) }} />
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

/**
 * Charts as SVG strings, drawn by ECharts' server-side SVG renderer (the same library the app's UI
 * uses). Bars carry value labels and decal patterns, so the charts read in grayscale prints; no
 * animation, so the SVG is the final frame and identical for identical data. ECharts escapes the
 * text it writes into the SVG; the labels are our own category names anyway, never tenant data.
 */
import * as echarts from 'echarts';
import type { ChartData } from './types';

export const CHART_FONT = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif";

/** Dark and light fills: apart in luminance as well as hue; the decals tell series apart in grayscale. */
const PALETTE = ['#1f3a5f', '#9fb8d0', '#6b7f99', '#d9e2ec'];

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * ECharts names SVG ids and classes with process-wide counters (`zr12-p0`, `zr12-cls-37`), so the
 * same chart drawn twice differs. They are renumbered in order of appearance under the chart's
 * own id: the same data gives the same SVG, and ids stay unique within the report.
 */
function stableIds(svg: string, prefix: string): string {
  const seen = new Map<string, string>();
  const next = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (token: string, kind: string) => {
    let renamed = seen.get(token);
    if (!renamed) {
      const n = next.get(kind) ?? 0;
      next.set(kind, n + 1);
      renamed = `${prefix}-${kind}${n}`;
      seen.set(token, renamed);
    }
    return renamed;
  });
}

export function renderChartSvg(chart: ChartData, size: ChartSize): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    const horizontal = chart.horizontal === true;
    const categoryAxis = {
      type: 'category' as const,
      data: chart.categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { color: '#222', fontSize: horizontal ? 11 : 10, interval: 0 },
      axisLine: { lineStyle: { color: '#444' } },
      ...(horizontal ? { inverse: true } : {}),
    };
    // Vertical charts carry their unit in the title and caption: a rotated axis name only eats width.
    const valueAxis = {
      type: 'value' as const,
      ...(horizontal ? { name: chart.valueLabel, nameLocation: 'middle' as const, nameGap: 24 } : {}),
      nameTextStyle: { color: '#333', fontSize: 11 },
      minInterval: 1,
      axisLabel: { color: '#333', fontSize: 10 },
      splitLine: { lineStyle: { color: '#d0d0d0', type: 'dashed' as const } },
    };
    const totals = chart.categories.map((_, i) =>
      chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
    );
    const lastSeries = chart.series.length - 1;
    instance.setOption({
      animation: false,
      color: PALETTE,
      aria: { enabled: true, decal: { show: true } },
      textStyle: { fontFamily: CHART_FONT, color: '#222' },
      legend: { top: 0, left: 'center', itemWidth: 18, itemHeight: 12, textStyle: { fontSize: 11 } },
      grid: horizontal
        ? { left: 8, right: 40, top: 30, bottom: 30, containLabel: true }
        : { left: 8, right: 8, top: 34, bottom: 22, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: chart.series.map((s, index) => ({
        name: s.name,
        type: 'bar' as const,
        stack: 'total',
        barMaxWidth: 46,
        itemStyle: { borderColor: '#1a1a1a', borderWidth: 0.6 },
        data: s.values,
        // The stack total sits at the end of the last series' bar: one number per category.
        label:
          index === lastSeries
            ? {
                show: true,
                position: horizontal ? ('right' as const) : ('top' as const),
                color: '#111',
                fontSize: 10,
                formatter: (p: { dataIndex: number }) => {
                  const t = totals[p.dataIndex] ?? 0;
                  return t === 0 ? '' : String(t);
                },
              }
            : { show: false },
      })),
    });
    return stableIds(instance.renderToSVGString(), chart.id);
  } finally {
    instance.dispose();
  }
}

/**
 * Charts with ECharts (the library the report uses too). Only the pieces used are registered, the
 * canvas renderer draws, and tooltips render inside the canvas (`richText`): no HTML is built from
 * data, and no inline style elements are needed under the CSP. Every chart also carries its data
 * as a visually hidden table for screen readers.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Theme } from '../theme';

use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface ChartDatum {
  label: string;
  value: number;
  /** CSS variable name of the colour, e.g. `--sev-critical`. */
  color?: string;
}

export interface ChartProps {
  kind: 'bar' | 'hbar' | 'donut';
  title: string;
  data: readonly ChartDatum[];
  theme: Theme;
  height?: number;
  /** Called with the label of the clicked bar or slice. */
  onSelect?: (label: string) => void;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

export function Chart({ kind, title, data, theme, height = 220, onSelect }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const instance = init(target, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string') select.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(target);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const text = cssVar('--text', theme === 'dark' ? '#e6e6e6' : '#1d2330');
    const muted = cssVar('--muted', '#6b7280');
    const grid = cssVar('--border', '#d0d5dd');
    const colors = data.map((d, i) =>
      cssVar(d.color ?? PALETTE[i % PALETTE.length] ?? '--chart-1', '#4f7cff'),
    );
    const common = {
      animation: false,
      aria: {
        enabled: true,
        label: { description: `${title}: ${data.map((d) => `${d.label} ${d.value}`).join(', ')}` },
      },
      tooltip: { trigger: 'item' as const, renderMode: 'richText' as const },
      textStyle: { color: text, fontFamily: 'system-ui, sans-serif' },
    };
    if (kind === 'donut') {
      instance.setOption(
        {
          ...common,
          legend: { bottom: 0, textStyle: { color: text }, type: 'scroll' },
          series: [
            {
              type: 'pie',
              radius: ['45%', '70%'],
              center: ['50%', '42%'],
              label: { show: false },
              data: data.map((d, i) => ({ name: d.label, value: d.value, itemStyle: { color: colors[i] } })),
            },
          ],
        },
        true,
      );
      return;
    }
    const horizontal = kind === 'hbar';
    const categories = data.map((d) => d.label);
    const categoryAxis = {
      type: 'category' as const,
      data: categories,
      axisLabel: {
        color: muted,
        interval: 0,
        ...(horizontal ? {} : { rotate: categories.length > 5 ? 30 : 0 }),
      },
      axisLine: { lineStyle: { color: grid } },
      ...(horizontal ? { inverse: true } : {}),
    };
    const valueAxis = {
      type: 'value' as const,
      // Horizontal bars carry their value as a label; the axis would only crowd the chart.
      axisLabel: { color: muted, show: !horizontal },
      splitLine: { lineStyle: { color: grid } },
      minInterval: 1,
    };
    instance.setOption(
      {
        ...common,
        grid: {
          left: horizontal ? 8 : 36,
          right: horizontal ? 40 : 16,
          top: 12,
          bottom: 8,
          containLabel: true,
        },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? categoryAxis : valueAxis,
        series: [
          {
            type: 'bar',
            barMaxWidth: 36,
            label: { show: horizontal, position: 'right' as const, color: muted },
            data: data.map((d, i) => ({ name: d.label, value: d.value, itemStyle: { color: colors[i] } })),
          },
        ],
      },
      true,
    );
  }, [kind, title, data, theme]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={element} className="chart-canvas" style={{ height }} role="img" aria-label={title} />
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{d.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

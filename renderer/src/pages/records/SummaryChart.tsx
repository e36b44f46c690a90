// A5: evaluated, passed and certificates per occupation and level (ECharts, canvas, only the parts used).
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface SummaryChartProps {
  labels: string[];
  series: { name: string; values: number[] }[];
}

export function SummaryChart({ labels, series }: SummaryChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: series.map((s) => s.name), top: 0, left: 'center' },
      grid: { left: 48, right: 16, top: 48, bottom: 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, width: 140, overflow: 'break', lineHeight: 14 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values, label: { show: true, position: 'top' } })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [labels, series]);
  return <div ref={ref} style={{ width: '100%', height: 300 }} data-testid="summary-chart" />;
}

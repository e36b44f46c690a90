// The score distribution as a bar chart (ECharts, canvas renderer, only the parts used).
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export function Histogram({ bins, labels }: { bins: { from: number; to: number; theory: number; skill: number }[]; labels: { theory: string; skill: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [labels.theory, labels.skill] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: bins.map((b) => (b.to === 100 ? `${b.from}–100` : `${b.from}–${b.to - 0.1}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: labels.theory, type: 'bar', data: bins.map((b) => b.theory) },
        { name: labels.skill, type: 'bar', data: bins.map((b) => b.skill), markLine: undefined },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [bins, labels]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} data-testid="histogram" />;
}

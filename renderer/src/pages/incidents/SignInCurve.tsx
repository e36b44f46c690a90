// The sign-in curve of one session: how many had signed in by each minute, the start and the E4
// cut-off marked, the expected number as a line (ECharts, canvas, only the parts used; this module
// is loaded with the dashboard only).
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export type Curve = OutputOf<'incidents.signInCurves'>['sessions'][number];

const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(Math.round(m) % 60).padStart(2, '0')}`;

export default function SignInCurve({ curve, labels }: { curve: Curve; labels: { signed: string; start: string; cutoff: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const pts = curve.points.map((p) => [p.minute, p.signedIn] as [number, number]);
    const last = pts.at(-1);
    // the line runs on to now (or the end): nobody more has signed in since the last point
    const until = Math.min(curve.nowMinute, curve.endMinute);
    if (last && until > last[0]) pts.push([until, last[1]]);
    const from = Math.min(curve.startMinute - 60, pts[0]?.[0] ?? Infinity);
    const to = Math.max(curve.cutoffMinute + 15, Math.min(curve.endMinute, Math.max(until, curve.cutoffMinute + 15)));
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => String(v), axisPointer: { label: { formatter: (p: { value: number }) => hhmm(p.value) } } },
      grid: { left: 44, right: 24, top: 28, bottom: 32 },
      xAxis: { type: 'value', min: from, max: to, minInterval: 15, axisLabel: { formatter: (v: number) => hhmm(v) } },
      yAxis: { type: 'value', min: 0, max: Math.max(curve.expected, last?.[1] ?? 0), minInterval: 1 },
      series: [
        {
          name: labels.signed,
          type: 'line',
          step: 'end',
          symbol: 'circle',
          symbolSize: 5,
          areaStyle: { opacity: 0.15 },
          data: [[from, 0], ...pts],
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}', position: 'insideEndTop' },
            data: [
              { name: `${labels.start} ${curve.startsLocal}`, xAxis: curve.startMinute, lineStyle: { color: '#1677ff' } },
              { name: `${labels.cutoff} ${curve.cutoffLocal}`, xAxis: curve.cutoffMinute, lineStyle: { color: '#fa8c16', type: 'dashed' } },
              { name: String(curve.expected), yAxis: curve.expected, lineStyle: { color: '#8c8c8c', type: 'dotted' } },
            ],
          },
        },
      ],
    });
    // follows its box, not the window: the card settles its width after the first paint (scrollbars, the menu)
    const watch = new ResizeObserver(() => chart.resize());
    watch.observe(ref.current);
    return () => {
      watch.disconnect();
      chart.dispose();
    };
  }, [curve, labels]);
  return <div ref={ref} style={{ width: '100%', height: 280 }} data-testid="signin-curve" role="img" aria-label={`${labels.signed} ${curve.points.at(-1)?.signedIn ?? 0}/${curve.expected}`} />;
}

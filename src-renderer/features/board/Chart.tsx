import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// A tiny React wrapper around ECharts (only the charts and parts the command centre uses, drawn as
// SVG so text is laid out by the browser with the app's own fonts, Chinese included).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The app's font stack (styles.css), so chart labels in Chinese use the CJK font the core serves. */
const FONT = "system-ui, 'Segoe UI', 'Noto Sans SC', 'Microsoft YaHei', 'Packline Sans SC', sans-serif";

export type ChartOption = echarts.EChartsCoreOption;

export function Chart({ option, height = 240, testId }: { option: ChartOption; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(el.current!, null, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
    };
  }, []);
  useEffect(() => {
    // Live updates replace the data without an animation, so a wall refreshing every parcel stays calm.
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option }, true);
  }, [option]);
  return <div ref={el} className="chart" style={{ height }} data-testid={testId} />;
}

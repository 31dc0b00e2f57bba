// The daily brief's small chart: ECharts renders a bar chart to SVG on the server (no DOM, no
// browser; it lays out Chinese text), and resvg turns the SVG into the PNG WeCom's image message
// and email take. The shop's own CJK font is handed to resvg, so the Chinese labels render.
import { FONT_FILE } from '../../../labels/font';
import { resourcePath } from '../../../labels/resources';

/** A 480x240 PNG (base64) of bars, one per day. */
export async function barChartPng(title: string, days: { label: string; value: number }[]): Promise<string> {
  const echarts = await import('echarts');
  const { Resvg } = await import('@resvg/resvg-js');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 480, height: 240 });
  try {
    chart.setOption({
      animation: false, backgroundColor: '#ffffff',
      title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: 'Noto Sans SC' } },
      textStyle: { fontFamily: 'Noto Sans SC' },
      grid: { left: 40, right: 16, top: 56, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: days.map((d) => d.value), itemStyle: { color: '#2f6fde' }, label: { show: true, position: 'top' } }],
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, { font: { fontFiles: [resourcePath(FONT_FILE)], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } }).render().asPng();
    return Buffer.from(png).toString('base64');
  } finally {
    chart.dispose();
  }
}

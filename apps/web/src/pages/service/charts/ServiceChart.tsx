import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build, as grading's Chart.tsx: Vite's CommonJS interop hands lib/ over as an object.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ServiceChartOption } from './chart-options';

// The pieces the service charts draw: bars and lines with a target markLine, and pies.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export function ServiceChart({
  option,
  height = 280,
  testId,
}: {
  option: ServiceChartOption;
  height?: number;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />
    </div>
  );
}

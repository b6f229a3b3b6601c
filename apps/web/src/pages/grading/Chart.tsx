import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: Vite's CommonJS interop hands the lib/ build's default export over as an object.
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only the pieces the grading charts draw: the full echarts bundle is about three times larger.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export function Chart({
  option,
  height = 260,
  onClick,
  testId,
}: {
  option: ChartOption;
  height?: number;
  /** The clicked item's category name (bars) or data name (pie slices). */
  onClick?: (name: string, dataIndex: number) => void;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={
          onClick
            ? { click: (p: { name: string; dataIndex: number }) => onClick(p.name, p.dataIndex) }
            : undefined
        }
      />
    </div>
  );
}

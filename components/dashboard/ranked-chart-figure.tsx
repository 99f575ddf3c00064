"use client";

import type { ReactNode } from "react";
import { ChartFigure } from "./chart-figure";
import { HorizontalBarChart, type BarDatum } from "./horizontal-bar-chart";
import { SrDataTable } from "./sr-data-table";

type Props = Readonly<{
  title: string;
  testId: string;
  emptyText: string;
  caption: string;
  data: readonly BarDatum[];
  color: string;
  /** The table's first column header, e.g. "Country". */
  itemLabel: string;
  valueLabel: string;
  onSelect?: (datum: BarDatum) => void;
  /** Controls beside the title (e.g. the top users' ranking toggle). */
  actions?: ReactNode;
}>;

/** A ranked list (top users, countries, policies) as a captioned bar chart, with its numbers in a table for screen readers. */
export function RankedChartFigure({ title, testId, emptyText, caption, data, color, itemLabel, valueLabel, onSelect, actions }: Props) {
  return (
    <ChartFigure title={title} testId={testId} isEmpty={data.length === 0} emptyText={emptyText} caption={caption} actions={actions}>
      <HorizontalBarChart data={data} color={color} valueLabel={valueLabel} onSelect={onSelect} />
      <SrDataTable caption={title} columns={[itemLabel, valueLabel]} rows={data.map((d) => [d.label, d.value] as const)} />
    </ChartFigure>
  );
}

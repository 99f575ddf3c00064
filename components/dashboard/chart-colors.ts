/** One colour per product (readable on light and dark backgrounds); unknown products cycle through the rest. */
const PRODUCT_COLORS: Record<string, string> = { jira: "#2f6fed", confluence: "#14b8a6", bitbucket: "#8b5cf6", admin: "#f59e0b" };
const EXTRA = ["#ec4899", "#64748b", "#84cc16", "#0ea5e9"];

export const productColor = (product: string, index: number): string => PRODUCT_COLORS[product] ?? EXTRA[index % EXTRA.length] ?? "#64748b";

export const PRODUCT_LABELS: Record<string, string> = { jira: "Jira", confluence: "Confluence", bitbucket: "Bitbucket", admin: "Admin" };
export const productLabel = (product: string): string => PRODUCT_LABELS[product] ?? product;

export const BAR_COLOR = "#2f6fed";
export const FAILED_COLOR = "#dc2626";
export const GRID_COLOR = "#94a3b833";
export const AXIS_COLOR = "#64748b";

/**
 * Recharts' tooltip is a white box that inherits the page's text colour (light text on white in the dark theme) and
 * colours each item like its series: both come from the theme's variables instead (app/globals.css).
 */
export const TOOLTIP_STYLES = {
  contentStyle: { fontSize: 12, borderRadius: 6, backgroundColor: "var(--chart-tooltip-bg)", borderColor: "var(--chart-tooltip-border)", color: "var(--chart-tooltip-text)" },
  labelStyle: { color: "var(--chart-tooltip-text)" },
  itemStyle: { color: "var(--chart-tooltip-text)" },
} as const;

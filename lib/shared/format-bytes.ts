const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** Bytes in human units, 1024-based with one decimal past KB (e.g. 1.5 MB); whole bytes below 1 KB. */
export const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
};

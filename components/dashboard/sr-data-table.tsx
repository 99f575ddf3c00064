import { formatCount } from "../ui/format";

/** The chart's numbers as a table for screen readers (the SVG itself is not a good way to read them). */
export function SrDataTable({ caption, columns, rows }: Readonly<{ caption: string; columns: readonly [string, string]; rows: readonly (readonly [string, number])[] }>) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{columns[0]}</th>
          <th scope="col">{columns[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value], i) => (
          <tr key={`${label}-${i}`}>
            <th scope="row">{label}</th>
            <td>{formatCount(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

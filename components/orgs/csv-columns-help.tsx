import { ORGANISATIONS_CSV_COLUMNS } from "@/lib/orgs/parse-organisations-csv";

export function CsvColumnsHelp() {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-sky-700">Columns of the CSV file</summary>
      {/* Long examples scroll inside their own box on a phone. */}
      <div
        className="relative mt-2 overflow-x-auto"
        tabIndex={0}
        role="region"
        aria-label="CSV columns (scrolls sideways)"
      >
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Columns of the organisations CSV</caption>
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Column
              </th>
              <th scope="col" className="py-1 pr-3">
                Meaning
              </th>
              <th scope="col" className="py-1">
                Example
              </th>
            </tr>
          </thead>
          <tbody>
            {ORGANISATIONS_CSV_COLUMNS.map((column) => (
              <tr key={column.column} className="border-t border-slate-100 align-top">
                <th scope="row" className="py-1 pr-3 font-mono font-medium">
                  {column.column}
                  {column.required ? " (required)" : ""}
                </th>
                <td className="py-1 pr-3">{column.meaning}</td>
                <td className="py-1 font-mono">{column.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

// A refused file import: the message, and the first rows to fix, each said in words.
import { fieldMessage } from "../errors";
import { messages, t, type MessageKey } from "../i18n";

export type RowProblem = { field: string; message: string; type: string };

/** "Row 3, date: Not a date." in the UI's language; `columns` is the prefix of the column names' keys. */
export function describeRow(p: RowProblem, columns: "import.field" | "fimport.field"): string {
  const message = fieldMessage(p.type, p.message);
  const m = /^rows\[(\d+)\]\.(\w+)$/.exec(String(p.field));
  if (!m) return message;
  const key = `${columns}.${m[2]}`;
  return t("import.rowProblem", { row: Number(m[1]), column: key in messages("de") ? t(key as MessageKey) : m[2]!, message });
}

export function ImportErrors(props: { error?: string; problems: readonly RowProblem[]; columns: "import.field" | "fimport.field" }) {
  // One problem with the file as a whole (not a row) is the message itself, said once.
  const [first] = props.problems;
  const whole = props.problems.length === 1 && first && !String(first.field).startsWith("rows[");
  const rows = whole ? [] : props.problems;
  return (
    <div role="alert">
      {props.error ? (
        <div class="notice notice-error">
          <p>{whole ? describeRow(first, props.columns) : props.error}</p>
          {rows.length ? (
            <ul>
              {rows.slice(0, 20).map((p) => (
                <li key={p.field}>{describeRow(p, props.columns)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

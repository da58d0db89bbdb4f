// A refused file import: the message, and the first rows to fix, each said in words.
export type RowProblem = { field: string; message: string; type: string };

export function ImportErrors(props: { error?: string; problems: readonly RowProblem[]; describe: (p: RowProblem) => string }) {
  return (
    <div role="alert">
      {props.error ? (
        <div class="notice notice-error">
          <p>{props.error}</p>
          {props.problems.length ? (
            <ul>
              {props.problems.slice(0, 20).map((p) => (
                <li key={p.field}>{props.describe(p)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

// A labelled group of checkboxes, one per person (team members, a meeting's invitees).

/** A copy of `set` with `id` added or removed (`on` given) or flipped (`on` left out). */
export function toggled(set: ReadonlySet<string>, id: string, on: boolean = !set.has(id)): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

export function PeopleChecklist(props: {
  idPrefix: string;
  legend: string;
  people: readonly { id: string; name: string }[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="fieldset-inline">
        {props.people.map((p) => (
          <div class="check" key={p.id}>
            <input type="checkbox" id={`${props.idPrefix}-${p.id}`} checked={props.chosen.has(p.id)} onChange={() => props.onChange(toggled(props.chosen, p.id))} />
            <label for={`${props.idPrefix}-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

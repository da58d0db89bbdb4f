import type { ComponentChildren, JSX, Ref } from "preact";
import { t } from "../i18n";

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

function LabelText(props: { label: string; required?: boolean; optional?: boolean }) {
  return (
    <>
      {props.label}
      {props.optional ? <span class="field-optional"> ({t("form.optional")})</span> : null}
    </>
  );
}

function Hint(props: { id: string; hint?: ComponentChildren }) {
  return props.hint ? (
    <p class="field-hint" id={props.id}>
      {props.hint}
    </p>
  ) : null;
}

function FieldError(props: { id: string; error?: string }) {
  return props.error ? (
    <p class="field-error" id={props.id}>
      <span aria-hidden="true">⚠ </span>
      {props.error}
    </p>
  ) : null;
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "value" | "onInput" | "label"> & {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: ComponentChildren;
  optional?: boolean;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
};

export function TextField({ id, label, value, onValue, error, hint, optional, required, inputRef, class: cls, ...rest }: InputProps) {
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  return (
    <div class={`field${error ? " field-invalid" : ""}${cls ? ` ${cls}` : ""}`}>
      <label for={id}>
        <LabelText label={label} optional={optional} required={required} />
      </label>
      <Hint id={hintId} hint={hint} />
      <FieldError id={errId} error={error} />
      <input
        ref={inputRef}
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(hint ? hintId : false, error ? errId : false)}
        onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
        {...rest}
      />
    </div>
  );
}

type TextAreaProps = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onInput" | "label"> & {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: ComponentChildren;
  optional?: boolean;
};

export function TextArea({ id, label, value, onValue, error, hint, optional, ...rest }: TextAreaProps) {
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  return (
    <div class={`field${error ? " field-invalid" : ""}`}>
      <label for={id}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint id={hintId} hint={hint} />
      <FieldError id={errId} error={error} />
      <textarea
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(hint ? hintId : false, error ? errId : false)}
        onInput={(e) => onValue((e.currentTarget as HTMLTextAreaElement).value)}
        {...rest}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

type SelectProps = Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange" | "label"> & {
  id: string;
  label: string;
  value: string;
  options: Option[];
  onValue: (v: string) => void;
  error?: string;
  hint?: ComponentChildren;
  optional?: boolean;
  required?: boolean;
  inline?: boolean;
};

export function SelectField({ id, label, value, options, onValue, error, hint, optional, required, inline, class: cls, ...rest }: SelectProps) {
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  return (
    <div class={`field${inline ? " field-inline" : ""}${error ? " field-invalid" : ""}${cls ? ` ${cls}` : ""}`}>
      <label for={id}>
        <LabelText label={label} optional={optional} required={required} />
      </label>
      <Hint id={hintId} hint={hint} />
      <FieldError id={errId} error={error} />
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(hint ? hintId : false, error ? errId : false)}
        onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(props: { id: string; label: string; checked: boolean; onValue: (v: boolean) => void; hint?: ComponentChildren; error?: string }) {
  const hintId = `${props.id}-hint`;
  const errId = `${props.id}-error`;
  return (
    <div class={`check${props.error ? " field-invalid" : ""}`}>
      <input
        type="checkbox"
        id={props.id}
        name={props.id}
        checked={props.checked}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.hint ? hintId : false, props.error ? errId : false)}
        onChange={(e) => props.onValue((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={props.id}>{props.label}</label>
      <Hint id={hintId} hint={props.hint} />
      <FieldError id={errId} error={props.error} />
    </div>
  );
}

/** A form-level error, announced at once (role=alert); lists field errors as links to the fields. */
export function FormError(props: { id?: string; message?: string; fields?: Record<string, string>; idPrefix?: string; labels?: Record<string, string> }) {
  const entries = Object.entries(props.fields ?? {});
  const show = !!props.message || entries.length > 0;
  return (
    <div class="alert-slot" role="alert">
      {show ? (
        <div class="notice notice-error" id={props.id} tabIndex={props.id ? -1 : undefined}>
          <p>{props.message ?? t("form.errorSummary")}</p>
          {entries.length > 0 && props.labels ? (
            <ul>
              {entries.map(([f, msg]) => (
                <li key={f}>
                  <a
                    href={`#${props.idPrefix ?? ""}${f}`}
                    onClick={(e) => {
                      const el = document.getElementById(`${props.idPrefix ?? ""}${f}`);
                      if (el) {
                        e.preventDefault();
                        el.focus();
                      }
                    }}
                  >
                    {props.labels?.[f] ?? f}: {msg}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Polite confirmation message after a successful action. */
export function Success(props: { message?: string }) {
  return (
    <div class="live" role="status">
      {props.message ? <p class="notice notice-success">{props.message}</p> : null}
    </div>
  );
}

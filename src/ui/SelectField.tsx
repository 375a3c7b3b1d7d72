export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

interface Props<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly SelectOption<T>[];
  readonly onChange: (value: T) => void;
  readonly testId?: string;
  readonly isDisabled?: boolean;
  /** The accessible name when the visible label is shared by several selects (e.g. "Type of Importe"). */
  readonly accessibleName?: string;
}

/** A <select> inside its visible label; only values from `options` ever reach `onChange`. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  isDisabled,
  accessibleName,
}: Props<T>) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={value}
        data-testid={testId}
        disabled={isDisabled}
        aria-label={accessibleName}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen !== undefined) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

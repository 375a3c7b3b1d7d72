import { COLUMN_TYPES, type ColumnType } from '../../core/profile/infer-type.ts';
import { useTranslation } from '../language-context.tsx';
import { SelectField } from '../SelectField.tsx';
import { COLUMN_SORTS, type ColumnCriteria } from './column-view.ts';

interface Props {
  readonly criteria: ColumnCriteria;
  readonly onChange: (criteria: ColumnCriteria) => void;
}

function SearchField({ value, onChange }: { readonly value: string; readonly onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t('searchColumns')}</span>
      <input
        type="search"
        value={value}
        data-testid="column-search"
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

/** Search, type filter, "with alerts only" and sort order above the column cards; every control labelled. */
export function ColumnControls({ criteria, onChange }: Props) {
  const { t } = useTranslation();
  const typeOptions = [
    { value: 'all' as const, label: t('allTypes') },
    ...COLUMN_TYPES.map((type) => ({ value: type, label: t(`type_${type}`) })),
  ];
  return (
    <div className="controls" role="search" data-testid="column-controls">
      <SearchField value={criteria.search} onChange={(search) => onChange({ ...criteria, search })} />
      <SelectField<ColumnType | 'all'>
        label={t('filterType')}
        value={criteria.type}
        options={typeOptions}
        testId="column-type-filter"
        onChange={(type) => onChange({ ...criteria, type })}
      />
      <SelectField
        label={t('sortBy')}
        value={criteria.sort}
        options={COLUMN_SORTS.map((sort) => ({ value: sort, label: t(`sort_${sort}`) }))}
        testId="column-sort"
        onChange={(sort) => onChange({ ...criteria, sort })}
      />
      <label className="field field--check">
        <input
          type="checkbox"
          checked={criteria.hasAlertsOnly}
          data-testid="column-alerts-only"
          onChange={(event) => onChange({ ...criteria, hasAlertsOnly: event.target.checked })}
        />
        <span>{t('withAlertsOnly')}</span>
      </label>
    </div>
  );
}

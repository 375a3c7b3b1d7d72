import { useState } from 'react';
import type { ClusterOptions } from '../../core/cluster/cluster.ts';
import { useTranslation } from '../language-context.tsx';
import { toClusterOptions, toggled, type ClusterChoice, type EligibleColumns } from './cluster-choices.ts';

const K_CHOICES = ['auto', ...Array.from({ length: 9 }, (_, i) => String(i + 2))];

interface Props {
  readonly eligible: EligibleColumns;
  readonly initial: ClusterChoice;
  readonly isBusy: boolean;
  readonly onRecluster: (options: ClusterOptions) => void;
}

function ColumnChecks({
  legend,
  testId,
  names,
  chosen,
  onToggle,
}: {
  readonly legend: string;
  readonly testId: string;
  readonly names: readonly string[];
  readonly chosen: readonly string[];
  readonly onToggle: (name: string, on: boolean) => void;
}) {
  if (names.length === 0) return null;
  return (
    <fieldset className="column-checks" data-testid={testId}>
      <legend>{legend}</legend>
      {names.map((name) => (
        <label key={name}>
          <input type="checkbox" checked={chosen.includes(name)} onChange={(e) => onToggle(name, e.target.checked)} />{' '}
          {name}
        </label>
      ))}
    </fieldset>
  );
}

/** Missing-value policy, k and the submit button. */
function RunRow({
  choice,
  onChange,
  isDisabled,
}: {
  readonly choice: ClusterChoice;
  readonly onChange: (choice: ClusterChoice) => void;
  readonly isDisabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="cluster-options__row">
      <label>
        {t('clusterMissing')}{' '}
        <select
          value={choice.missing}
          data-testid="cluster-missing"
          onChange={(e) => onChange({ ...choice, missing: e.target.value === 'median' ? 'median' : 'drop' })}
        >
          <option value="drop">{t('missingDrop')}</option>
          <option value="median">{t('missingMedian')}</option>
        </select>
      </label>
      <label>
        {t('clusterK')}{' '}
        <select
          value={String(choice.k)}
          data-testid="recluster-k"
          onChange={(e) => onChange({ ...choice, k: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })}
        >
          {K_CHOICES.map((k) => (
            <option key={k} value={k}>
              {k === 'auto' ? t('kAuto') : k}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={isDisabled} data-testid="recluster-apply">
        {t('clusterAgain')}
      </button>
    </div>
  );
}

/** Features, one-hot categories, missing-value policy and k; submits a new clustering of the same table. */
export function ClusterOptionsForm({ eligible, initial, isBusy, onRecluster }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ClusterChoice>(initial);
  // A checkbox flips one name in a list, which stays in the columns' order.
  const toggle =
    (key: 'features' | 'oneHot', all: readonly string[]) =>
    (name: string, on: boolean): void => {
      const next = toggled(choice[key], name, on);
      setChoice({ ...choice, [key]: all.filter((n) => next.includes(n)) });
    };
  const hasFeature = choice.features.length + choice.oneHot.length > 0;
  return (
    <form
      className="cluster-options"
      aria-labelledby="cluster-options-heading"
      data-testid="cluster-options"
      onSubmit={(event) => {
        event.preventDefault();
        if (hasFeature) onRecluster(toClusterOptions(choice));
      }}
    >
      <h3 id="cluster-options-heading">{t('clusterOptions')}</h3>
      <ColumnChecks
        legend={t('clusterFeatures')}
        testId="cluster-features"
        names={eligible.numeric}
        chosen={choice.features}
        onToggle={toggle('features', eligible.numeric)}
      />
      <ColumnChecks
        legend={t('clusterOneHot')}
        testId="cluster-one-hot"
        names={eligible.categorical}
        chosen={choice.oneHot}
        onToggle={toggle('oneHot', eligible.categorical)}
      />
      <RunRow choice={choice} onChange={setChoice} isDisabled={isBusy || !hasFeature} />
      {!hasFeature && (
        <p className="hint" role="status">
          {t('chooseAFeature')}
        </p>
      )}
    </form>
  );
}

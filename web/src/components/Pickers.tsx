// Month and geography pickers. They show what the address says and change the address when used.
import { useId } from 'react';
import type { Geographies } from '../api/reference';
import type { Geography } from '../lib/filters';
import { formatMonth, monthRange } from '../lib/format';

export function MonthPicker({
  label = 'Month',
  first,
  latest,
  latestComplete,
  value,
  onChange,
  allowEmpty,
}: {
  label?: string;
  /** Null before any data is loaded (the API's months): then there is no month to choose. */
  first: string | null;
  latest: string | null;
  /** Months after it are offered but labelled incomplete: some datasets do not cover them yet. */
  latestComplete?: string | null;
  value: string | undefined;
  onChange: (month: string | undefined) => void;
  /** Label of an empty choice (e.g. "All months"). */
  allowEmpty?: string;
}) {
  const id = useId();
  const months = first && latest ? monthRange(first, latest).reverse() : [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        {allowEmpty && <option value="">{allowEmpty}</option>}
        {value && !months.includes(value) && <option value={value}>{value}</option>}
        {months.map((month) => (
          <option key={month} value={month}>
            {monthLabel(month, latestComplete)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** 'September 2018 (incomplete)' for a month after the latest complete one, else 'September 2018'. */
export function monthLabel(month: string, latestComplete: string | null | undefined): string {
  return latestComplete && month > latestComplete ? `${formatMonth(month)} (incomplete)` : formatMonth(month);
}

export function geographyValue(geography: Geography): string {
  return geography.type === 'county' || !geography.code ? 'county' : `${geography.type}:${geography.code}`;
}

export function parseGeographyValue(value: string): Geography {
  const [type, code] = value.split(':');
  if ((type === 'area' || type === 'district') && code) return { type, code };
  return { type: 'county' };
}

export function GeographyPicker({
  geographies,
  value,
  onChange,
}: {
  geographies: Geographies;
  value: Geography;
  onChange: (geography: Geography) => void;
}) {
  const id = useId();
  const current = geographyValue(value);
  const known =
    current === 'county' ||
    geographies.areas.some((a) => `area:${a.code}` === current) ||
    geographies.districts.some((d) => `district:${d.code}` === current);
  return (
    <div className="field">
      <label htmlFor={id}>Geography</label>
      <select id={id} value={current} onChange={(event) => onChange(parseGeographyValue(event.target.value))}>
        <option value="county">{geographies.county.name}</option>
        {!known && <option value={current}>{value.code}</option>}
        <optgroup label="Areas">
          {geographies.areas.map((area) => (
            <option key={area.code} value={`area:${area.code}`}>
              {area.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Districts">
          {geographies.districts.map((district) => (
            <option key={district.code} value={`district:${district.code}`}>
              {district.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

export function geographyName(geographies: Geographies | undefined, geography: Geography): string {
  if (geography.type === 'county' || !geography.code) return geographies?.county.name ?? 'Kent';
  const list = geography.type === 'area' ? geographies?.areas : geographies?.districts;
  return list?.find((g) => g.code === geography.code)?.name ?? geography.code;
}

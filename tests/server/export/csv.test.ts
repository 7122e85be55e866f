// The CSV writer: encoding marks, line ends, quoting and formula neutralising.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvField, neutraliseFormula, toCsv } from '../../../api/src/export/csv.js';
import { scorecardFileName, seriesFileName, caseloadsFileName, slug } from '../../../api/src/export/rows.js';

describe('CSV writer', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const text = toCsv(['a', 'b'], [[1, 'x'], [null, 'y']]);
    expect(text).toBe('\uFEFFa,b\r\n1,x\r\n,y\r\n');
  });

  it('writes numbers unrounded and as numbers, negative ones included', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}HYPERLINK("x")`)).toBe(`'${start}HYPERLINK("x")`);
    }
    expect(neutraliseFormula('Dover')).toBe('Dover');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-5')).toBe("'-5");
  });

  it('quotes commas, quotes and line breaks, and round-trips through a CSV parser', () => {
    const rows = [['Tonbridge, "Weald"', 'two\nlines', '@sum', 4.25]];
    const text = toCsv(['name', 'note', 'handle', 'value'], rows);
    const parsed = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([{ name: 'Tonbridge, "Weald"', note: 'two\nlines', handle: "'@sum", value: '4.25' }]);
  });
});

describe('file names', () => {
  const thanet = { type: 'district' as const, code: 'THA', name: 'Thanet' };
  const kent = { type: 'county' as const, code: 'KENT', name: 'Kent' };
  it('say what the file holds', () => {
    expect(scorecardFileName('2016-02', thanet, false, 'xlsx')).toBe('ehps-scorecard-2016-02-thanet.xlsx');
    expect(scorecardFileName('2016-02', kent, false, 'csv')).toBe('ehps-scorecard-2016-02-kent.csv');
    expect(seriesFileName('neet_16_18_pct', '2015-04', '2016-03', kent, 'district', false))
      .toBe('ehps-series-neet_16_18_pct-2015-04-to-2016-03-kent-by-district.csv');
    expect(caseloadsFileName('2015-06', false)).toBe('ehps-caseloads-2015-06.csv');
  });
  it('add -published in publication mode', () => {
    expect(scorecardFileName('2016-02', thanet, true, 'xlsx')).toBe('ehps-scorecard-2016-02-thanet-published.xlsx');
    expect(caseloadsFileName('2015-06', true)).toBe('ehps-caseloads-2015-06-published.csv');
  });
  it('turn any geography name into a safe file name part', () => {
    expect(slug('Tonbridge & Malling')).toBe('tonbridge-malling');
    expect(slug('../etc')).toBe('etc');
  });
});

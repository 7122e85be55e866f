// The rules of a dataset, as one model: what datasets.ts declares (each column's type, emptiness, values,
// range, reference; the row rules across columns), spelled out as a list of rules in the order they are
// judged, each with the words a broken one is reported with. Two compilers read this model: the streaming
// check (stream-check.ts, bytes beside COPY) and the set-based SQL check (sql.ts); each has an exhaustive
// switch over the rule kinds, so a new kind cannot be left out of either.
import type { Column, Dataset, RowRule } from './datasets.js';
import { referenceData, type Reference } from './reference-data.js';

/** A rule on one field; those of a column are judged in order, and only on a field that is not empty. */
export type ColumnRule =
  /** The field must not be empty (a column not declared optional). */
  | { kind: 'filled'; column: Column }
  /** The text is well formed for the column's type. */
  | { kind: 'type'; column: Column }
  | { kind: 'one_of'; column: Column; values: readonly string[] }
  | { kind: 'range'; column: Column; min?: number; max?: number }
  | { kind: 'reference'; column: Column; reference: Reference };

export type Rule = ColumnRule | RowRule;
export type RuleKind = Rule['kind'];

/** Fails to compile when a switch over rule kinds leaves one out. */
export function unknownRule(rule: never): never {
  throw new Error(`unknown rule kind ${JSON.stringify(rule)}`);
}

/** A column's rules, in the order they are judged (the first broken one is the one reported). */
export function columnRules(column: Column): ColumnRule[] {
  const rules: ColumnRule[] = [];
  if (!column.optional) rules.push({ kind: 'filled', column });
  rules.push({ kind: 'type', column });
  if (column.values) rules.push({ kind: 'one_of', column, values: column.values });
  if (column.min !== undefined || column.max !== undefined) rules.push({ kind: 'range', column, min: column.min, max: column.max });
  if (column.references) rules.push({ kind: 'reference', column, reference: column.references });
  return rules;
}

/** Every rule of a dataset: each column's, then the row rules. */
export function datasetRules(dataset: Dataset): { columns: { column: Column; rules: ColumnRule[] }[]; rows: readonly RowRule[] } {
  return { columns: dataset.columns.map((column) => ({ column, rules: columnRules(column) })), rows: dataset.rules };
}

/** What a broken rule says: text, with the value of another column of the row where one is named. */
export type Message = readonly (string | { valueOf: string })[];

/** The words of a broken column rule. */
export function columnRuleMessage(rule: ColumnRule): string {
  switch (rule.kind) {
    case 'filled': return 'must not be empty';
    case 'type': return typeMessage(rule.column);
    case 'one_of': return `must be one of: ${rule.values.join(', ')}`;
    case 'range':
      if (rule.min !== undefined && rule.max !== undefined) return `must be between ${rule.min} and ${rule.max}`;
      if (rule.min !== undefined) return `must be at least ${rule.min}`;
      return `must be at most ${rule.max}`;
    case 'reference': return `unknown ${rule.column.name}: not in ${referenceData(rule.reference).label}`;
    default: return unknownRule(rule);
  }
}

function typeMessage(column: Column): string {
  switch (column.type) {
    case 'text': return 'must be text';
    case 'id': return 'must be an identifier of 1 to 64 characters';
    case 'geo_code': return 'must be a code of upper-case letters, digits and _ (not KENT)';
    case 'date': return 'must be a real date written YYYY-MM-DD';
    case 'month': return 'must be a month written YYYY-MM';
    case 'boolean': return 'must be true or false';
    case 'integer': return 'must be a whole number';
    case 'number':
    case 'decimal': return 'must be a decimal number such as 12 or 3.5';
  }
}

/**
 * A row rule, as the alternatives it is judged by, in order: the first broken one is reported. `needs`: the
 * columns that must be present and well formed for the alternative to be judged at all.
 */
export interface RowRuleCase {
  /** Which side of the rule: the column compared with (order), or the way round it is broken (together). */
  side: string;
  needs: readonly string[];
  message: Message;
}

export function rowRuleCases(rule: RowRule): RowRuleCase[] {
  switch (rule.kind) {
    case 'order':
      return rule.after.map((earlier) => ({
        side: earlier, needs: [rule.column, earlier],
        message: [`must be ${rule.strict ? 'after' : 'on or after'} ${earlier} (`, { valueOf: earlier }, ')'],
      }));
    case 'together':
      return [
        { side: 'missing', needs: [], message: [`must be set when ${rule.with} is set`] },
        { side: 'extra', needs: [], message: [`must be empty when ${rule.with} is empty`] },
      ];
    case 'requires':
      return [{ side: rule.needs, needs: [], message: [rule.rule] }];
    case 'at_most':
      return [{ side: rule.limit, needs: [rule.column, rule.limit], message: [`must not be more than ${rule.limit} (`, { valueOf: rule.limit }, ')'] }];
    default: return unknownRule(rule);
  }
}

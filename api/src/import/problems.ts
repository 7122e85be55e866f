// What a bad file gets: one problem per broken rule, as file:line, column, value and rule.

export interface ImportProblem {
  file: string;
  /** Physical line in the file (the header is line 1); null for a problem with the whole file. */
  line: number | null;
  column: string | null;
  /** The offending value as written in the file; null when the field is empty or absent. */
  value: string | null;
  rule: string;
}

/** The problems listed for one file (up to PROBLEM_LIMIT) and how many were found in all. */
export interface ProblemList {
  readonly list: ImportProblem[];
  count: number;
}

/** Problems reported per file before the rest are only counted. */
export const PROBLEM_LIMIT = 100;

const MAX_VALUE_SHOWN = 80;

function showValue(value: string | null): string {
  if (value === null) return '(empty)';
  const shown = value.length > MAX_VALUE_SHOWN ? `${value.slice(0, MAX_VALUE_SHOWN)}…` : value;
  return JSON.stringify(shown);
}

/** One line per problem: `file:line, column, value: rule`. */
export function formatProblem(problem: ImportProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const parts = [where];
  if (problem.column !== null) parts.push(`column ${problem.column}`);
  // An empty field is worth showing on a data line; a header problem has no value to show.
  const dataLine = problem.line !== null && problem.line > 1;
  if (problem.value !== null || (dataLine && problem.column !== null)) parts.push(`value ${showValue(problem.value)}`);
  return `${parts.join(', ')}: ${problem.rule}`;
}

/** The problems as terminal lines, with "and N more" when some were only counted. */
export function formatProblems(problems: readonly ImportProblem[], total = problems.length): string {
  const lines = problems.map(formatProblem);
  if (total > problems.length) lines.push(`… and ${total - problems.length} more`);
  return lines.join('\n');
}

// The web app reads the API's contract (api/src/schemas) for its types only: every import of server code must
// be `import type` / `export type`, which the build erases, so TypeBox and the server never reach the bundle.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webSource = path.join(root, 'web/src');
const serverCode = path.join(root, 'api') + path.sep;

/** Each module a file names: its specifier and the statement (or expression) that names it. */
function moduleReferences(source: string): { specifier: string; statement: string }[] {
  const found: { specifier: string; statement: string }[] = [];
  // `... from '...'`: the statement starts at the last `import` or `export` opening a line before it.
  for (const match of source.matchAll(/\bfrom\s*['"]([^'"]+)['"]/g)) {
    const before = `\n${source.slice(0, match.index)}`;
    const start = Math.max(before.lastIndexOf('\nimport'), before.lastIndexOf('\nexport'), 0);
    found.push({ specifier: match[1]!, statement: source.slice(start, match.index + match[0].length).trim() });
  }
  // Side-effect imports, dynamic imports and require: never type-only.
  for (const match of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/g)) {
    found.push({ specifier: (match[1] ?? match[2] ?? match[3])!, statement: match[0].trim() });
  }
  return found;
}

function readsServerCode(file: string, specifier: string): boolean {
  if (specifier.startsWith('@contract/')) return true;
  if (!specifier.startsWith('.')) return false;
  return path.resolve(path.dirname(file), specifier).startsWith(serverCode);
}

const typeOnly = (statement: string) => /^(import|export)\s+type\b/.test(statement);

/** The web app's own modules. */
function sourceFiles(): string[] {
  return readdirSync(webSource, { recursive: true, encoding: 'utf8' })
    // Tests are never bundled (and this one names server modules in its examples).
    .filter((name) => /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => path.join(webSource, name));
}

describe('the API contract in the web app', () => {
  it('is imported type-only, so no server code reaches the bundle', () => {
    const offending: string[] = [];
    let contractImports = 0;
    for (const file of sourceFiles()) {
      for (const { specifier, statement } of moduleReferences(readFileSync(file, 'utf8'))) {
        if (!readsServerCode(file, specifier)) continue;
        contractImports += 1;
        if (!typeOnly(statement)) offending.push(`${path.relative(root, file)}: ${statement.replace(/\s+/g, ' ')}`);
      }
    }
    expect(offending).toEqual([]);
    // The check has something to check: the web's API types come from the contract.
    expect(contractImports).toBeGreaterThan(0);
  });

  it('tells a value import from a type-only one', () => {
    const file = path.join(webSource, 'api/example.ts');
    const references = moduleReferences([
      "import type { ScorecardResponse } from '@contract/scorecard';",
      "export type { MonthsResponse } from '@contract/months';",
      "import { ScorecardResponse as Schema } from '@contract/scorecard';",
      "import {\n  type Status,\n  Coverage,\n} from '../../../api/src/schemas/common';",
      "const lazy = () => import('../../../api/src/app');",
      "import { useQuery } from '@tanstack/react-query';",
    ].join('\n'));
    const judged = references
      .filter(({ specifier }) => readsServerCode(file, specifier))
      .map(({ statement }) => typeOnly(statement));
    expect(judged).toEqual([true, true, false, false, false]);
  });
});

import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
// The snippets exist only as text, outside the TypeScript project: the type-aware rules (they
// need the project) are left to the real lint; the rule under test needs no types.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    files: ['**/*.tsx'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
});

async function rulesFired(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, 'renderer/src/components/X.tsx') });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const typography = (color: string) =>
  `import { Typography } from '@mui/material';\nexport const X = () => <Typography color="${color}">x</Typography>;\n`;

describe('colour props under MUI 9 (it dropped the system props)', () => {
  it.each(['text.secondary', 'error.main', 'warning.main'])(
    'refuses the theme path "%s", which styles nothing',
    async (color) => {
      expect(await rulesFired(typography(color))).toContain('no-restricted-syntax');
    },
  );

  it.each(['textSecondary', 'error', 'inherit'])('accepts the palette key "%s"', async (color) => {
    expect(await rulesFired(typography(color))).not.toContain('no-restricted-syntax');
  });
});

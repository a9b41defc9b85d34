import { describe, expect, it } from 'vitest';
import { rulesFired } from '../../support/lint-text';

const FILE = 'renderer/src/components/X.tsx';
const typography = (color: string) =>
  `import { Typography } from '@mui/material';\nexport const X = () => <Typography color="${color}">x</Typography>;\n`;

describe('colour props under MUI 9 (it dropped the system props)', () => {
  it.each(['text.secondary', 'error.main', 'warning.main'])(
    'refuses the theme path "%s", which styles nothing',
    async (color) => {
      expect(await rulesFired(FILE, typography(color))).toContain('no-restricted-syntax');
    },
  );

  it.each(['textSecondary', 'error', 'inherit'])('accepts the palette key "%s"', async (color) => {
    expect(await rulesFired(FILE, typography(color))).not.toContain('no-restricted-syntax');
  });
});

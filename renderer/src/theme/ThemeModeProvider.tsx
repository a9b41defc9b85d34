import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { useMemo, type ReactNode } from 'react';
import type { Theme as ThemeSetting } from '../../../shared/contract';
import { createAppTheme } from './theme';

/** Applies the operator's theme setting; "system" follows the OS and changes with it. */
export function ThemeModeProvider({ setting, children }: { setting: ThemeSetting; children: ReactNode }) {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const mode = setting === 'system' ? (prefersDark ? 'dark' : 'light') : setting;
  const theme = useMemo(() => createAppTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}

import { createTheme, type Theme } from '@mui/material/styles';
import { frameColours } from './frame-colours';

const FONT = '"Inter Variable", "Inter", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function createAppTheme(mode: 'light' | 'dark'): Theme {
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      primary: { main: dark ? '#8b93ff' : '#4f46e5' },
      success: { main: dark ? '#4ade80' : '#15803d' },
      error: { main: dark ? '#f87171' : '#c62828' },
      background: dark ? { default: '#0e1116', paper: '#151a21' } : { default: '#f5f6f8', paper: '#ffffff' },
      divider: dark ? 'rgba(255,255,255,0.09)' : 'rgba(15,23,42,0.09)',
      text: dark ? { primary: '#e6e8ec', secondary: '#9aa3b2' } : { primary: '#111827', secondary: '#5b6472' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: FONT,
      fontSize: 14,
      h5: { fontWeight: 650, letterSpacing: '-0.01em' },
      h6: { fontWeight: 620, fontSize: '1.05rem' },
      subtitle2: { fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiCssBaseline: { styleOverrides: (theme) => ({ ':root': frameColours(theme) }) },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiPaper: { defaultProps: { elevation: 0 } },
      MuiTableCell: {
        styleOverrides: {
          head: ({ theme }) => ({
            fontWeight: 600,
            fontSize: '0.75rem',
            textTransform: 'uppercase',
            letterSpacing: '0.04em',
            color: theme.palette.text.secondary,
            whiteSpace: 'nowrap',
          }),
        },
      },
      MuiChip: { styleOverrides: { root: { fontWeight: 600 } } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiDialog: { defaultProps: { fullWidth: true, maxWidth: 'xs' } },
    },
  });
}

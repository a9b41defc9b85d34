import type { Theme } from '@mui/material/styles';

/** Every row is exactly this tall (cells never wrap), so nothing is measured while scrolling. */
export const ROW_HEIGHT = 53;

/**
 * The look of the invites table's body, set once on the table: rows are plain `tr`/`td`
 * elements that match MUI's small table cells, chips and icon buttons. A filter change mounts a
 * screenful of new rows at once, and as MUI components (a styled cell each, a chip, a ripple
 * button and a closed menu per row) that mount was most of what the change cost on screen.
 * Lengths are strings: the sx prop reads bare numbers as theme spacing.
 */
export function inviteRowsStyle(theme: Theme) {
  const { palette } = theme;
  const border =
    palette.mode === 'light'
      ? theme.lighten(theme.alpha(palette.divider, 1), 0.88)
      : theme.darken(theme.alpha(palette.divider, 1), 0.68);
  return {
    '& tbody tr[data-invite-id]': {
      height: ROW_HEIGHT,
      cursor: 'pointer',
      outline: 0,
      '&:hover': { backgroundColor: palette.action.hover },
      '&:focus-visible': { boxShadow: `inset 0 0 0 2px ${palette.primary.main}` },
    },
    '& tbody td': {
      ...theme.typography.body2,
      color: palette.text.primary,
      padding: '6px 10px',
      borderBottom: `1px solid ${border}`,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      '&:first-of-type': { paddingLeft: '16px' },
    },
    '& td.invite-small': { fontSize: theme.typography.pxToRem(13) },
    // The result's headline and its who (or why) on lines of their own, each cut on its own.
    '& td.invite-result': { fontSize: theme.typography.pxToRem(13), lineHeight: '18px' },
    '& td.invite-result > span': { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' },
    '& td.invite-email': { fontWeight: 550 },
    // A relink link: its email, and under it the "Relink" marker (a small tag, not a status).
    '& td.invite-relink': { lineHeight: '18px' },
    '& td.invite-relink > span:first-of-type': { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' },
    '& .invite-kind': {
      display: 'inline-block',
      marginTop: '2px',
      padding: '0 5px',
      borderRadius: '4px',
      fontSize: theme.typography.pxToRem(10),
      fontWeight: 700,
      lineHeight: '14px',
      letterSpacing: '0.04em',
      textTransform: 'uppercase',
      color: palette.info.main,
      border: `1px solid ${theme.alpha(palette.info.main, 0.6)}`,
    },
    '& td.invite-muted, & .invite-note': { color: palette.text.secondary },
    '& .invite-warning': { color: palette.warning.main, fontWeight: 600 },
    '& .invite-note': { ...theme.typography.caption },
    '& td.invite-actions': { padding: '0 4px', textAlign: 'right', overflow: 'visible' },
    '& .invite-chip': {
      display: 'inline-flex',
      alignItems: 'center',
      height: 24,
      padding: '0 8px',
      borderRadius: '12px',
      boxSizing: 'border-box',
      fontSize: theme.typography.pxToRem(13),
      fontWeight: 600,
      verticalAlign: 'middle',
    },
    ...(['success', 'error', 'warning'] as const).reduce(
      (looks, color) => ({
        ...looks,
        [`& .invite-chip[data-look="filled-${color}"]`]: {
          backgroundColor: palette[color].main,
          color: palette[color].contrastText,
        },
        [`& .invite-chip[data-look="outlined-${color}"]`]: {
          padding: '0 7px',
          color: palette[color].main,
          border: `1px solid ${theme.alpha(palette[color].main, 0.7)}`,
        },
      }),
      {},
    ),
    '& .invite-chip[data-look="outlined-neutral"]': {
      padding: '0 7px',
      color: palette.text.secondary,
      border: `1px solid ${palette.divider}`,
    },
    '& .invite-actions button': {
      display: 'inline-flex',
      padding: '5px',
      border: 0,
      borderRadius: '50%',
      background: 'none',
      color: palette.action.active,
      cursor: 'pointer',
      '&:hover': { backgroundColor: palette.action.hover },
      '&:focus-visible': { outline: `2px solid ${palette.primary.main}`, outlineOffset: -2 },
    },
  };
}

import type { Theme } from '@mui/material/styles';
import { plainRowsStyle } from '../../components/plain-rows-style';

/** Every row is exactly this tall (cells never wrap), so nothing is measured while scrolling. */
export const ROW_HEIGHT = 53;

/**
 * The invites table's own look over the plain rows' (see plain-rows-style.ts): rows of a fixed
 * height that open on a click, cells cut to one line, and the result and email cells' parts.
 */
export function inviteRowsStyle(theme: Theme) {
  const { palette } = theme;
  return {
    ...plainRowsStyle(theme, 'tr[data-invite-id]'),
    '& tbody tr[data-invite-id]': {
      height: ROW_HEIGHT,
      cursor: 'pointer',
      outline: 0,
      '&:focus-visible': { boxShadow: `inset 0 0 0 2px ${palette.primary.main}` },
    },
    '& tbody tr[data-invite-id] > td:not(.row-actions)': {
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
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
  };
}

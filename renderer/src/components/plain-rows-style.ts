import { tableClasses } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import moreVert from './icons/more-vert.svg';

/** The line under a cell, as MUI's table cells draw it. */
function cellBorder(theme: Theme): string {
  const { palette } = theme;
  const line =
    palette.mode === 'light'
      ? theme.lighten(theme.alpha(palette.divider, 1), 0.88)
      : theme.darken(theme.alpha(palette.divider, 1), 0.68);
  return `1px solid ${line}`;
}

/**
 * The look of `FixedColumnsHead`'s plain header cells: MUI's small head cells with the theme's
 * head type, stuck to the top of the scroller in a table with `stickyHeader`. `inline` pads
 * their sides but the first cell's start, which lines up with the table's edge as MUI's does.
 */
export function fixedHeadStyle(theme: Theme, inline = '16px') {
  const { palette } = theme;
  return {
    '& thead th': {
      padding: `6px ${inline}`,
      textAlign: 'left',
      verticalAlign: 'inherit',
      fontFamily: theme.typography.fontFamily,
      fontSize: theme.typography.pxToRem(12),
      fontWeight: 600,
      lineHeight: theme.typography.pxToRem(24),
      letterSpacing: '0.04em',
      textTransform: 'uppercase',
      whiteSpace: 'nowrap',
      color: palette.text.secondary,
      borderBottom: cellBorder(theme),
      '&:first-of-type': { paddingLeft: '16px' },
    },
    [`&.${tableClasses.stickyHeader} thead th`]: {
      position: 'sticky',
      top: 0,
      zIndex: 2,
      backgroundColor: palette.background.default,
    },
  } as const;
}

/**
 * The look of a table body whose rows are plain `tr`/`td` elements, set once on the table and
 * matching MUI's small table cells, chips (`span.row-chip` with `data-look="filled-success"` and
 * the like) and icon buttons (`td.row-actions button`). A table of MUI components mounts a styled
 * cell each, a chip and a ripple button per row: for a screenful of rows, most of what showing
 * them costs. `rows` selects the table's own rows (hovered ones are tinted).
 * Lengths are strings: the sx prop reads bare numbers as theme spacing.
 */
export function plainRowsStyle(theme: Theme, rows: string) {
  const { palette } = theme;
  return {
    // The header's cells padded like the body's, so each column's title sits over it.
    ...fixedHeadStyle(theme, '10px'),
    [`& tbody ${rows}:hover`]: { backgroundColor: palette.action.hover },
    '& tbody td': {
      ...theme.typography.body2,
      color: palette.text.primary,
      padding: '6px 10px',
      borderBottom: cellBorder(theme),
      '&:first-of-type': { paddingLeft: '16px' },
    },
    '& td.row-actions': { padding: '0 4px', textAlign: 'right', overflow: 'visible' },
    '& .row-chip': {
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
        [`& .row-chip[data-look="filled-${color}"]`]: {
          backgroundColor: palette[color].main,
          color: palette[color].contrastText,
        },
        [`& .row-chip[data-look="outlined-${color}"]`]: {
          padding: '0 7px',
          color: palette[color].main,
          border: `1px solid ${theme.alpha(palette[color].main, 0.7)}`,
        },
      }),
      {},
    ),
    '& .row-chip[data-look="filled-neutral"]': {
      backgroundColor: palette.action.selected,
      color: palette.text.primary,
    },
    '& .row-chip[data-look="outlined-neutral"]': {
      padding: '0 7px',
      color: palette.text.secondary,
      border: `1px solid ${palette.divider}`,
    },
    '& .row-actions button': {
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
    // MUI's MoreVert icon at the size of a small SvgIcon, painted through a mask: a table draws
    // one per row, and an svg's elements (or an SvgIcon, a styled component) cost each row more.
    '& .row-menu-glyph': {
      display: 'block',
      width: theme.typography.pxToRem(20),
      height: theme.typography.pxToRem(20),
      backgroundColor: 'currentColor',
      mask: `url("${moreVert}") center / contain no-repeat`,
    },
  };
}

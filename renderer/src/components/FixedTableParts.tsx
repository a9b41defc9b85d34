import { Box, TableCell, TableHead, TableRow } from '@mui/material';
import { visuallyHidden } from '@mui/utils';

export interface FixedColumn {
  label: string;
  /** Unset for columns that share the remaining width. */
  width?: number;
  /** Named for screen readers only (an actions column). */
  hidden?: boolean;
}

/** The header of a fixed-layout table: set widths keep columns steady as virtual rows come and go. */
export function FixedColumnsHead({ columns }: { columns: readonly FixedColumn[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map((c) => (
          <TableCell key={c.label} sx={{ width: c.width }}>
            {c.hidden ? (
              <Box component="span" sx={visuallyHidden}>
                {c.label}
              </Box>
            ) : (
              c.label
            )}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** Stands in for the virtual rows above or below the rendered ones. */
export function SpacerRow({ height }: { height: number }) {
  return height > 0 ? <tr aria-hidden style={{ height }} /> : null;
}

import { Box, Skeleton } from '@mui/material';

/** Placeholder rows while a table's first page loads. */
export function TableSkeleton({ rows, rowHeight = 40 }: { rows: number; rowHeight?: number }) {
  return (
    <Box sx={{ p: 2 }} aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={rowHeight} />
      ))}
    </Box>
  );
}

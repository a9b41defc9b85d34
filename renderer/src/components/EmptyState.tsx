import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  body,
  action,
}: {
  icon: ReactNode;
  title: string;
  body?: string;
  action?: ReactNode;
}) {
  return (
    <Box
      role="status"
      sx={{
        py: 8,
        px: 3,
        textAlign: 'center',
        color: 'text.secondary',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: 1,
      }}
    >
      <Box sx={{ fontSize: 44, lineHeight: 0, color: 'text.disabled', mb: 1, '& svg': { fontSize: 'inherit' } }}>
        {icon}
      </Box>
      <Typography variant="h6" color="textPrimary">
        {title}
      </Typography>
      {body && (
        <Typography variant="body2" sx={{ maxWidth: 440 }}>
          {body}
        </Typography>
      )}
      {action && <Box sx={{ mt: 2 }}>{action}</Box>}
    </Box>
  );
}

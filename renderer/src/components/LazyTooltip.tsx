import { Tooltip } from '@mui/material';
import { cloneElement, useState, type ReactElement } from 'react';

/**
 * MUI's Tooltip, made (and its text worked out) only once the pointer first comes over its child:
 * a long table shows a tooltip on a cell or two, and a Tooltip on every cell was a good part of
 * its first render. The first hover opens it at once; after that it is an ordinary Tooltip.
 */
export function LazyTooltip({
  title,
  children,
}: {
  title: () => string;
  children: ReactElement<{ onPointerEnter?: () => void }>;
}) {
  const [open, setOpen] = useState<boolean | null>(null);
  if (open === null) return cloneElement(children, { onPointerEnter: () => setOpen(true) });
  return (
    <Tooltip title={title()} open={open} onOpen={() => setOpen(true)} onClose={() => setOpen(false)}>
      {children}
    </Tooltip>
  );
}

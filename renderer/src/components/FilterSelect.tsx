import { TextField } from '@mui/material';
import type { Pool } from '../../../shared/contract';

export interface FilterOption {
  value: string;
  label: string;
}

/** "All Pools" first, then every Pool, the ones that are not active marked so. */
export function poolFilterOptions(pools: readonly Pool[]): FilterOption[] {
  return [
    { value: '', label: 'All Pools' },
    ...pools.map((p) => ({ value: p.id, label: p.status === 'active' ? p.name : `${p.name} (${p.status})` })),
  ];
}

interface Props {
  label: string;
  value: string;
  options: readonly FilterOption[];
  onChange(value: string): void;
  width: number;
}

/**
 * A filter-bar dropdown: a native select in the outlined field. MUI's menu select re-rendered
 * every item (a ripple button each) on open and close, which was a third of what a filter change
 * cost on screen; the native list costs nothing, follows the color scheme, and takes type-ahead
 * and arrow keys as the platform does.
 */
export function FilterSelect({ label, value, options, onChange, width }: Props) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ width }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, InputAdornment, MenuItem, Stack, TextField } from '@mui/material';
import type { Ref } from 'react';
import { INVITE_STATUSES, type InviteStatus, type Pool } from '../../../../shared/contract';
import type { InviteFilterState } from './use-invite-filters';

const STATUS_LABELS: Record<InviteStatus, string> = { active: 'Active', accepted: 'Accepted', expired: 'Expired', revoked: 'Revoked' };

interface Props {
  state: InviteFilterState;
  pools: Pool[];
  searchRef: Ref<HTMLInputElement>;
}

export function InviteFilterBar({ state, pools, searchRef }: Props) {
  const { filters } = state;
  const filtered = Boolean(filters.poolId || filters.status || state.searchText);
  return (
    <Stack direction="row" spacing={1.5} sx={{ mb: 2, alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1.5 }}>
      <TextField
        select
        size="small"
        label="Pool"
        value={filters.poolId ?? ''}
        onChange={(e) => state.setPool(e.target.value)}
        sx={{ width: 220 }}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">All Pools</MenuItem>
        {pools.map((p) => (
          <MenuItem key={p.id} value={p.id}>
            <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {p.name}
              {p.status === 'active' ? '' : ` (${p.status})`}
            </Box>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Status"
        value={filters.status ?? ''}
        onChange={(e) => state.setStatus(e.target.value as InviteStatus | '')}
        sx={{ width: 170 }}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">Any status</MenuItem>
        {INVITE_STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            {STATUS_LABELS[s]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label="Codex account email"
        placeholder="Search by email  ( / )"
        value={state.searchText}
        onChange={(e) => state.setSearchText(e.target.value)}
        error={Boolean(state.searchError)}
        helperText={state.searchError ?? undefined}
        inputRef={searchRef}
        sx={{ width: 300 }}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { maxLength: 300, 'aria-label': 'Search by email', spellCheck: false },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      {filtered && (
        <Button onClick={state.clear} sx={{ mt: 0.25 }}>
          Clear filters
        </Button>
      )}
    </Stack>
  );
}

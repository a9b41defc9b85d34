import SearchIcon from '@mui/icons-material/Search';
import { Button, InputAdornment, Stack, TextField } from '@mui/material';
import type { Ref } from 'react';
import type { InviteKind, InviteStatus, Pool } from '../../../../shared/contract';
import { INVITE_STATUSES } from '../../../../shared/contract/invites';
import { FilterSelect, poolFilterOptions, type FilterOption } from '../../components/FilterSelect';
import { STATUS_LOOK } from '../../components/InviteStatusChip';
import type { InviteFilterState } from './use-invite-filters';

const STATUS_OPTIONS: FilterOption[] = [
  { value: '', label: 'Any status' },
  ...INVITE_STATUSES.map((s) => ({ value: s, label: STATUS_LOOK[s].label })),
];

const KIND_OPTIONS: FilterOption[] = [
  { value: '', label: 'Any kind' },
  { value: 'invite', label: 'Invites' },
  { value: 'relink', label: 'Relink links' },
];

interface Props {
  state: InviteFilterState;
  pools: Pool[];
  searchRef: Ref<HTMLInputElement>;
}

export function InviteFilterBar({ state, pools, searchRef }: Props) {
  const { filters } = state;
  const filtered = Boolean(filters.poolId || filters.status || filters.kind || state.searchText);
  return (
    <Stack direction="row" spacing={1.5} sx={{ mb: 2, alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1.5 }}>
      <FilterSelect
        label="Pool"
        value={filters.poolId ?? ''}
        options={poolFilterOptions(pools)}
        onChange={state.setPool}
        width={200}
      />
      <FilterSelect
        label="Status"
        value={filters.status ?? ''}
        options={STATUS_OPTIONS}
        onChange={(value) => state.setStatus(value as InviteStatus | '')}
        width={170}
      />
      <FilterSelect
        label="Kind"
        value={filters.kind ?? ''}
        options={KIND_OPTIONS}
        onChange={(value) => state.setKind(value as InviteKind | '')}
        width={160}
      />
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

import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import type { Pool, Settings } from '../../../shared/contract';
import { errorMessage } from '../api/api-error';
import { usePools, useSettings } from '../api/queries';
import { TableSkeleton } from './TableSkeleton';

interface Props {
  /** Rows of the placeholder table shown while either loads. */
  skeletonRows: number;
  children(settings: Settings, pools: Pool[]): ReactNode;
}

/** The settings and the Pools list, which the table pages need before their first render. */
export function WithSettingsAndPools({ skeletonRows, children }: Props) {
  const settings = useSettings();
  const pools = usePools();
  const error = settings.error ?? pools.error;
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  if (!settings.data || !pools.data) return <TableSkeleton rows={skeletonRows} />;
  return children(settings.data, pools.data);
}

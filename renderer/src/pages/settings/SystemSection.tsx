import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { AppStatus, RuntimeSetting } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/format/time';
import { SettingsSection } from '../../components/SettingsSection';
import { AnotherBrowser } from './AnotherBrowser';

const mono = { fontFamily: 'monospace', fontSize: '0.8125rem', overflowWrap: 'anywhere' } as const;

export function SystemSection({ status, runtime }: { status: AppStatus; runtime: RuntimeSetting[] }) {
  return (
    <SettingsSection
      title="System"
      description="Where the console keeps its data and how it is configured. Environment variables override these defaults."
    >
      {status.keychain.available ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          {status.keychain.store === 'file'
            ? 'Secrets are encrypted with a key kept in the file '
            : 'Secrets are encrypted with a key kept in the OS keychain (service '}
          <Box component="code">{status.keychain.service}</Box>
          {status.keychain.store === 'file' ? '.' : ').'}
        </Alert>
      ) : (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {status.keychain.reason}
        </Alert>
      )}
      <Table size="small" aria-label="Runtime configuration">
        <TableHead>
          <TableRow>
            <TableCell>Setting</TableCell>
            <TableCell>Value</TableCell>
            <TableCell>Source</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {runtime.map((setting) => (
            <TableRow key={setting.env}>
              <TableCell>
                <Typography variant="body2">{setting.label}</Typography>
                <Typography variant="caption" color="textSecondary" sx={mono}>
                  {setting.env}
                </Typography>
              </TableCell>
              <TableCell sx={mono}>{setting.value}</TableCell>
              <TableCell>
                {setting.source === 'environment' ? (
                  <Chip size="small" color="primary" variant="outlined" label="set by environment" />
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    {setting.source === 'settings' ? 'Settings' : 'default'}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 3 }}>
        Backups
      </Typography>
      {status.backups ? <SqliteBackups backups={status.backups} /> : <PostgresBackups />}
      <AnotherBrowser />
      <Typography variant="caption" color="textSecondary" sx={{ display: 'block', mt: 2 }}>
        Pooler Console {status.version}
      </Typography>
    </SettingsSection>
  );
}

function SqliteBackups({ backups }: { backups: NonNullable<AppStatus['backups']> }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {backups.count === 0
        ? 'No backup yet: the first is taken as the console starts, then one a day.'
        : `${backups.count} ${backups.count === 1 ? 'backup' : 'backups'}, the latest taken ${formatDateTime(backups.newestAt ?? 0)}; the newest seven are kept.`}{' '}
      They are in{' '}
      <Box component="code" sx={mono}>
        {backups.folder}
      </Box>
      . To restore one, quit every console using this data folder and run{' '}
      <Box component="code" sx={mono}>
        npm run restore
      </Box>
      .
    </Typography>
  );
}

/** The data in PostgreSQL: it is backed up with PostgreSQL's own tools, not by the console. */
function PostgresBackups() {
  return (
    <Typography variant="body2" color="textSecondary">
      The data is in PostgreSQL (the Database row above), which the console does not back up itself. Back it up with{' '}
      <Box component="code" sx={mono}>
        pg_dump
      </Box>{' '}
      on a schedule, and keep the data key with it (the key file, or this machine's keychain entry): the README shows
      how.
    </Typography>
  );
}

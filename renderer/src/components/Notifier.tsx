import { Alert, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Severity = 'success' | 'info' | 'error';
type Notify = (message: string, severity?: Severity) => void;

const NotifierContext = createContext<Notify>(() => undefined);

/** Brief confirmations ("Pool disabled") in a snackbar at the bottom of the window. */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const [note, setNote] = useState<{ message: string; severity: Severity; key: number } | null>(null);
  const notify = useCallback<Notify>(
    (message, severity = 'success') => setNote({ message, severity, key: Date.now() }),
    [],
  );
  return (
    <NotifierContext.Provider value={notify}>
      {children}
      <Snackbar
        key={note?.key}
        open={note !== null}
        autoHideDuration={4000}
        onClose={() => setNote(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity={note?.severity ?? 'success'} variant="filled" onClose={() => setNote(null)}>
          {note?.message}
        </Alert>
      </Snackbar>
    </NotifierContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifierContext);
}

import { Alert, Button, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Severity = 'success' | 'info' | 'error';
/** A button on the notice: "Show" takes the operator to what it is about. */
interface NoticeAction {
  label: string;
  run(): void;
}
type Notify = (message: string, severity?: Severity, action?: NoticeAction) => void;

const NotifierContext = createContext<Notify>(() => undefined);

/** Brief confirmations ("Pool disabled") in a snackbar at the bottom of the window. */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const [note, setNote] = useState<{
    message: string;
    severity: Severity;
    action: NoticeAction | undefined;
    key: number;
  } | null>(null);
  const notify = useCallback<Notify>(
    (message, severity = 'success', action) => setNote({ message, severity, action, key: Date.now() }),
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
        <Alert
          severity={note?.severity ?? 'success'}
          variant="filled"
          onClose={() => setNote(null)}
          action={
            note?.action && (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  note.action?.run();
                  setNote(null);
                }}
              >
                {note.action.label}
              </Button>
            )
          }
        >
          {note?.message}
        </Alert>
      </Snackbar>
    </NotifierContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifierContext);
}

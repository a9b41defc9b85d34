import { Alert, Button, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Severity = 'success' | 'info' | 'error';
/** A button on the notice: "Show" takes the operator to what it is about. */
interface NoticeAction {
  label: string;
  run(): void;
}
type Notify = (message: string, severity?: Severity, action?: NoticeAction) => void;

const NotifierContext = createContext<Notify>(() => undefined);

interface Note {
  message: string;
  severity: Severity;
  action: NoticeAction | undefined;
  id: number;
}

/** How long a notice stays when nothing waits behind it, and at least once one does. */
const SHOWN_MS = 4000;
const SHOWN_WITH_NEXT_MS = 1500;
/** Notices kept waiting beyond the one shown; a burst (many alerts at once) drops its oldest. */
const MOST_WAITING = 3;

/**
 * Brief confirmations ("Pool disabled") in a snackbar at the bottom of the window, one at a
 * time. A notice arriving while another shows waits for it: the result of the operator's own
 * action is not wiped out by an alert the same change raised a moment later (or the other way
 * round). The one shown then stays a shorter while, so notices do not queue up for long.
 */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const lastId = useRef(0);
  const notify = useCallback<Notify>((message, severity = 'success', action) => {
    const id = ++lastId.current;
    setNotes((shown) => {
      if (shown.some((note) => note.message === message)) return shown;
      const [current, ...waiting] = shown;
      const note = { message, severity, action, id };
      return current ? [current, ...[...waiting, note].slice(-MOST_WAITING)] : [note];
    });
  }, []);
  const note = notes[0];
  const next = () => setNotes((shown) => shown.slice(1));
  return (
    <NotifierContext.Provider value={notify}>
      {children}
      <Snackbar
        key={note?.id}
        open={note !== undefined}
        // A new duration restarts the timer: a notice shows on for a while once another waits.
        autoHideDuration={notes.length > 1 ? SHOWN_WITH_NEXT_MS : SHOWN_MS}
        onClose={next}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity={note?.severity ?? 'success'}
          variant="filled"
          onClose={next}
          action={
            note?.action && (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  note.action?.run();
                  next();
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

import { useEffect, useRef } from 'react';

// Typing in a field, or working inside a dialog or menu, must never trigger a page shortcut.
// An open MUI modal traps focus, so its key events always come from inside it; one that is only
// fading out has already handed focus back to the page.
const TYPING_OR_MODAL =
  'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="menu"], [role="listbox"], .MuiModal-root';

/** Calls `handler` when one of `keys` is pressed on the page itself (no modifier keys). */
export function useShortcut(keys: readonly string[], handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!keys.includes(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof Element && event.target.closest(TYPING_OR_MODAL)) return;
      event.preventDefault();
      latest.current();
    };
    // Capture phase: focused MUI controls (a Select, say) stop key events from bubbling.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [keys, enabled]);
}

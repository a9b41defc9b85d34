/** Says in one line why the browser console cannot run, and exits. */
export function failToStart(message: string): never {
  console.error(`Pooler Console could not start: ${message}`);
  process.exit(1);
}

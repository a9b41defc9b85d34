import type { PreloadBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** The desktop app's preload bridge (see electron/preload); absent in the browser console. */
    pooler?: PreloadBridge;
  }
}

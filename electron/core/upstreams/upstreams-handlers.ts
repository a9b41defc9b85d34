import type { HandlersOf } from '../rpc/dispatch';
import type { UpstreamsService } from './upstreams-service';

export function upstreamsHandlers(upstreams: UpstreamsService): HandlersOf<'upstreams'> {
  return {
    'upstreams.list': async (input, caller) => ({
      upstreams: await upstreams.list({ ...input, pools: caller.pools }),
    }),
    'upstreams.refresh': (input, caller) => upstreams.refresh(input.id, caller.actor),
    'upstreams.checkQuota': (input) => upstreams.checkQuota(input.id),
    'upstreams.removeFromPool': (input, caller) => upstreams.removeFromPool(input, caller.actor),
    'upstreams.exportAuth': (input, caller) => upstreams.exportAuth(input.id, input.handOver, caller.actor),
    'upstreams.importAuth': (input, caller) => upstreams.importAuth(input, caller.actor),
    'upstreams.relinkStart': (input, caller) => upstreams.relinkStart(input.id, caller.actor),
    'upstreams.relinkCancel': (input) => upstreams.relinkCancel(input.id),
    'upstreams.relinkBrowserStart': (input, caller) => upstreams.relinkBrowserStart(input.id, caller.actor),
    'upstreams.relinkBrowserPaste': (input) => upstreams.relinkBrowserPaste(input.id, input.text),
    'upstreams.relinkLink': (input, caller) => upstreams.relinkLink(input.id, input, caller.actor),
  };
}

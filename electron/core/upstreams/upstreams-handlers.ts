import type { HandlersOf } from '../rpc/dispatch';
import type { SettingsService } from '../settings/settings-service';
import type { UpstreamsService } from './upstreams-service';

export function upstreamsHandlers(deps: {
  upstreams: UpstreamsService;
  settings: SettingsService;
}): HandlersOf<'upstreams'> {
  const { upstreams, settings } = deps;
  const actor = () => settings.operatorActor();
  return {
    'upstreams.list': (input) => ({ upstreams: upstreams.list(input) }),
    'upstreams.refresh': (input) => upstreams.refresh(input.id, actor()),
    'upstreams.checkQuota': (input) => upstreams.checkQuota(input.id),
    'upstreams.removeFromPool': (input) => upstreams.removeFromPool(input, actor()),
    'upstreams.exportAuth': (input) => upstreams.exportAuth(input.id, input.handOver, actor()),
    'upstreams.importAuth': (input) => upstreams.importAuth(input, actor()),
    'upstreams.relinkStart': (input) => upstreams.relinkStart(input.id, actor()),
    'upstreams.relinkCancel': (input) => upstreams.relinkCancel(input.id),
    'upstreams.relinkBrowserStart': (input) => upstreams.relinkBrowserStart(input.id, actor()),
    'upstreams.relinkBrowserPaste': (input) => upstreams.relinkBrowserPaste(input.id, input.text),
    'upstreams.relinkLink': (input) => upstreams.relinkLink(input.id, input, actor()),
  };
}

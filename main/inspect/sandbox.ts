/**
 * A sandbox as the reviewer sees it: its provider and its config file. Inspect records the
 * task's sandbox in the eval spec and a sample's own (from its dataset) on the sample.
 */
import { MAX_NAME_CHARS, storeCapped } from './cap-text';
import type { Sandbox } from './schema';
import type { TextCounter } from './transcript';
import type { InspectSandbox } from './types';

export function toInspectSandbox(sandbox: Sandbox, counter: TextCounter): InspectSandbox {
  return {
    type: storeCapped(counter, sandbox.type, MAX_NAME_CHARS),
    // A string config is a file (compose.yaml, a Helm values file); an object is a
    // provider's own config model, which is not a name to show.
    configFile:
      typeof sandbox.config === 'string' && sandbox.config !== ''
        ? storeCapped(counter, sandbox.config, MAX_NAME_CHARS)
        : null,
  };
}

import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './trusted-sender';

describe('isTrustedSender', () => {
  it('trusts the app page in the top frame', () => {
    expect(isTrustedSender('app://desk/index.html', true)).toBe(true);
  });

  it.each([
    ['app://desk/index.html', false],
    ['app://evil/index.html', true],
    ['file:///opt/desk/index.html', true],
    ['https://desk/index.html', true],
    ['about:blank', true],
    ['data:text/html,<script>1</script>', true],
    [undefined, true],
    ['', true],
  ])('refuses %j (main frame: %s)', (url, isMainFrame) => {
    expect(isTrustedSender(url, isMainFrame)).toBe(false);
  });
});

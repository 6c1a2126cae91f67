/**
 * jsdom lays nothing out: give every element the scroll area's height and width and each
 * row a height, as Chromium would, so the virtualised DataTable renders its rows.
 */
import { afterAll, beforeAll, vi } from 'vitest';

export function stubTableLayout(): void {
  beforeAll(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(37);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
}

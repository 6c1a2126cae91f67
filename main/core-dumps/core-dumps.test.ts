import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectDeskError } from '../../tests/support/desk-error';
import {
  coreDumpStatus,
  parseCoreLimit,
  pipeHandler,
  refuseUnlockIfCoreDumpsPossible,
  type ProcReader,
} from './core-dumps';

// As Linux 6.x prints /proc/<pid>/limits: a header, then padded columns.
const limits = (
  soft: string,
  hard = 'unlimited',
) => `Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              unlimited            unlimited            seconds   
Max file size             unlimited            unlimited            bytes     
Max stack size            8388608              unlimited            bytes     
Max core file size        ${soft.padEnd(20)} ${hard.padEnd(20)} bytes     
Max resident set          unlimited            unlimited            bytes     
Max nice priority         0                    0                    
`;

const SYSTEMD = '|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h\n';
const APPORT = '|/usr/share/apport/apport -p%p -s%s -c%c -d%d -P%P -u%u -g%g -- %E\n';

function reader(files: Record<string, string>, platform: NodeJS.Platform = 'linux'): ProcReader {
  return { platform, read: (file) => files[file] ?? null };
}

describe('parseCoreLimit', () => {
  it('reads this process’s own /proc/self/limits', () => {
    const parsed = parseCoreLimit(fs.readFileSync('/proc/self/limits', 'utf8'));
    expect(parsed).not.toBeNull();
    expect(typeof parsed?.soft === 'number' || parsed?.soft === 'unlimited').toBe(true);
  });

  it.each([
    ['0', 'unlimited', { soft: 0, hard: 'unlimited' }],
    ['unlimited', 'unlimited', { soft: 'unlimited', hard: 'unlimited' }],
    ['1048576', '1048576', { soft: 1_048_576, hard: 1_048_576 }],
  ])('reads soft %s, hard %s', (soft, hard, expected) => {
    expect(parseCoreLimit(limits(soft, hard))).toEqual(expected);
  });

  it('returns null when there is no core file size row', () => {
    expect(parseCoreLimit('Limit  Soft Limit  Hard Limit  Units\n')).toBeNull();
  });
});

describe('pipeHandler', () => {
  it.each([
    [SYSTEMD, '/usr/lib/systemd/systemd-coredump'],
    [APPORT, '/usr/share/apport/apport'],
    ['| /opt/crash/collect %p\n', '/opt/crash/collect'],
    ['core\n', null],
    ['/var/crash/core.%e.%p\n', null],
  ])('%s → %s', (pattern, handler) => {
    expect(pipeHandler(pattern)).toBe(handler);
  });
});

describe('coreDumpStatus', () => {
  it.each([
    ['a file pattern', 'core\n'],
    ['systemd-coredump', SYSTEMD],
    ['apport', APPORT],
  ])('with a limit of 0 and %s, no core dump is possible', (_, pattern) => {
    const status = coreDumpStatus(
      reader({ '/proc/self/limits': limits('0'), '/proc/sys/kernel/core_pattern': pattern }),
    );
    expect(status).toEqual({ possible: false });
  });

  it('a soft limit other than 0 makes core dumps possible, whatever the pattern', () => {
    for (const soft of ['unlimited', '4096']) {
      const status = coreDumpStatus(
        reader({ '/proc/self/limits': limits(soft), '/proc/sys/kernel/core_pattern': SYSTEMD }),
      );
      expect(status).toMatchObject({
        possible: true,
        why: `its soft "Max core file size" limit is ${soft === '4096' ? '4096 bytes' : soft}, not 0`,
      });
    }
  });

  it('another pipe handler may write a core dump even with a limit of 0', () => {
    const status = coreDumpStatus(
      reader({
        '/proc/self/limits': limits('0'),
        '/proc/sys/kernel/core_pattern': '|/opt/crash/collect %p\n',
      }),
    );
    expect(status).toMatchObject({
      possible: true,
      why: expect.stringContaining(
        'pipes core dumps to /opt/crash/collect, which the kernel runs whatever the core file size limit is',
      ) as unknown,
    });
  });

  it('fails closed when /proc cannot be read on Linux, and claims nothing elsewhere', () => {
    expect(coreDumpStatus(reader({})).possible).toBe(true);
    expect(coreDumpStatus(reader({ '/proc/self/limits': limits('0') })).possible).toBe(true);
    expect(coreDumpStatus(reader({}, 'darwin'))).toEqual({ possible: false });
  });
});

describe('refuseUnlockIfCoreDumpsPossible', () => {
  it('says why and how to fix it, and that nothing was unlocked', async () => {
    expect(() => {
      refuseUnlockIfCoreDumpsPossible({ possible: false });
    }).not.toThrow();
    const status = coreDumpStatus(reader({ '/proc/self/limits': limits('unlimited') }));
    const error = await expectDeskError(() => {
      refuseUnlockIfCoreDumpsPossible(status);
    }, 'CORE_DUMPS_POSSIBLE');
    expect(error.message).toBe(
      'Unlocking is refused because this process could write a core dump, which would hold unlocked keys and passphrases: its soft "Max core file size" limit is unlimited, not 0. To fix it, start Designation Desk through its launcher (the desk command or the installed app), which sets the limit to 0, or run "ulimit -c 0" in the shell that starts it. Nothing was unlocked.',
    );
  });
});

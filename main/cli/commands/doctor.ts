import { parseArgs } from 'node:util';
import { printable } from '../../../common/text';
import { examineWorkstation } from '../../integrity';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const DOCTOR_HELP = `Usage: desk doctor --data DIR [--json]

Checks a workstation's data directory without changing it: the trust roster chain from
the root pinned at set-up, each identity's sealed key against its keyid and the roster,
the schema and its protective triggers against what the migrations create, the audit
log's ids, each task reference's signature and task rows, each evidence file's SHA-256,
and that every log, metric, sample and score row is what re-reading its log from the
evidence store gives. Exits 1 on any finding.
`;

export async function runDoctor(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (!values.data) throw new UsageError('desk doctor needs --data DIR.');
  const report = await examineWorkstation(values.data);
  if (values.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout(`Checked ${printable(report.dataDir)} (read-only):\n`);
    for (const check of report.checks) {
      const ok = check.findings.length === 0;
      io.stdout(
        `${ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${printable(ok ? check.summary : `${check.findings.length} finding(s)`)}\n`,
      );
      for (const finding of check.findings) io.stdout(`      ${printable(finding)}\n`);
    }
    const findings = report.checks.reduce((n, c) => n + c.findings.length, 0);
    io.stdout(
      report.ok
        ? 'No findings.\n'
        : `${findings} finding(s): this data directory was changed outside Designation Desk or is damaged. Nothing was changed by this check; keep the directory as it is, compare it with the last backup and the audit log, and have the security officer investigate.\n`,
    );
  }
  return report.ok ? EXIT.ok : EXIT.rejected;
}

import { parseArgs } from 'node:util';
import { DeskError } from '../../../common/errors';
import type { ModelEvaluation } from '../../evaluation';
import { openWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { unlockUser } from '../session';
import { modelLabel, parseModelLabel } from '../../../common/models';

export const EVALUATE_HELP = `Usage: desk evaluate --data DIR --model "DEVELOPER/NAME@VERSION" --user NAME
                     [--set ID] [--passphrase-file F] [--json]

Sets the model's evidence (every verified bundle) against the latest version of a
threshold set (default: the most recently changed one) and prints each rule's outcome
with its reasoning and the overall designation outcome. Needs an unlocked reader.
`;

export async function runEvaluate(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      user: { type: 'string' },
      set: { type: 'string' },
      'passphrase-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(EVALUATE_HELP);
    return EXIT.ok;
  }
  if (!values.data) throw new UsageError('desk evaluate needs --data DIR.');
  if (!values.user) throw new UsageError('desk evaluate needs --user NAME.');
  const ref = parseModelLabel(values.model ?? '');
  if (ref === null) throw new UsageError('desk evaluate needs --model "DEVELOPER/NAME@VERSION".');
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    if (values.set === undefined && workspace.services.thresholds.latestSetId() === undefined)
      throw new UsageError('No threshold set exists on this workstation; import one first.');
    const user = await unlockUser(workspace, values.user, values['passphrase-file'], io);
    const assessed = await workspace.services.evaluation.assess(ref, values.set ?? null, user);
    if (assessed.state !== 'evaluated') throw notEvaluated(assessed, values.user);
    const { commitment, evaluation } = assessed;
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: true, commitment, evaluation })}\n`);
      return EXIT.ok;
    }
    io.stdout(
      `${modelLabel(ref)} against ${evaluation.thresholdSet.id} version ${evaluation.thresholdSet.version}:\n`,
    );
    for (const rule of evaluation.rules)
      io.stdout(`  [${rule.status}] ${rule.ruleId}: ${rule.explanation}\n`);
    io.stdout(`Outcome: ${evaluation.outcome}. ${evaluation.explanation}\n`);
    return EXIT.ok;
  } finally {
    workspace.services.identities.lock();
    workspace.close();
  }
}

function notEvaluated(assessed: Exclude<ModelEvaluation, { state: 'evaluated' }>, user: string) {
  switch (assessed.state) {
    case 'not-granted':
      return new DeskError(
        'NOT_A_RECIPIENT',
        `"${user}" is not a recipient of threshold set "${assessed.setId}": access was never granted or has been revoked.`,
      );
    case 'no-threshold-set':
      return new UsageError('No threshold set exists on this workstation; import one first.');
    case 'locked':
      return new DeskError(
        'LOCKED',
        'The workstation is locked; unlock it with your identity first.',
      );
  }
}

import { useState } from 'react';
import type { ResponseOf } from '../../../common/ipc';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ThresholdPanel } from '../components/ThresholdPanel';
import { useDesk } from '../use-desk';

type Model = ResponseOf<'listModels'>['models'][number];

export function ModelsView({
  sessionKey,
  onUnlock,
}: {
  readonly sessionKey: string;
  readonly onUnlock: () => void;
}) {
  const models = useDesk('listModels', {});
  const [selected, setSelected] = useState<Model | null>(null);
  if (models.state === 'loading') return <p aria-busy="true">Loading models…</p>;
  if (models.state === 'failed') return <ErrorNotice error={models.error} />;
  if (models.value.models.length === 0) {
    return (
      <EmptyState title="No models yet">
        <p>
          A model appears here once a verified result bundle that evaluates it has been imported
          from the <em>Inbox</em>. Its dossier gathers every bundle for the model and sets the
          evidence against the workstation&apos;s thresholds.
        </p>
      </EmptyState>
    );
  }
  const current = selected ?? models.value.models[0] ?? null;
  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Models</caption>
        <thead>
          <tr>
            <th scope="col">Developer</th>
            <th scope="col">Model</th>
            <th scope="col">Version</th>
            <th scope="col" className="numeric">
              Bundles
            </th>
            <th scope="col">Latest run</th>
            <th scope="col">Dossier</th>
          </tr>
        </thead>
        <tbody>
          {models.value.models.map((model) => {
            const isCurrent = current !== null && sameModel(model, current);
            return (
              <tr
                key={`${model.developer}/${model.name}@${model.version}`}
                aria-selected={isCurrent}
              >
                <td>{model.developer}</td>
                <td>{model.name}</td>
                <td>{model.version}</td>
                <td className="numeric">{model.bundleCount}</td>
                <td>
                  <time dateTime={model.latestRun}>{model.latestRun.slice(0, 10)}</time>
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={isCurrent}
                    onClick={() => {
                      setSelected(model);
                    }}
                  >
                    Open dossier<span className="visually-hidden"> of {model.name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {current && (
        <section className="dossier" aria-labelledby="dossier-title">
          <h2 id="dossier-title">
            Dossier: {current.developer} / {current.name} @ {current.version}
          </h2>
          <ThresholdPanel
            key={`${current.developer}/${current.name}@${current.version} ${sessionKey}`}
            model={{ developer: current.developer, name: current.name, version: current.version }}
            onUnlock={onUnlock}
          />
        </section>
      )}
    </>
  );
}

function sameModel(a: Model, b: Model): boolean {
  return a.developer === b.developer && a.name === b.name && a.version === b.version;
}

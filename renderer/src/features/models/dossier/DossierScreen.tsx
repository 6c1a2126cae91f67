import { getRouteApi, Link } from '@tanstack/react-router';
import { useDeskQuery } from '../../../desk';
import { CallFailed, Screen } from '../../../ui';
import { modelName, modelRef } from '../model-name';
import { NoSuchModel } from '../NoSuchModel';
import { EvidenceList } from './EvidenceList';
import { ThresholdPanel } from './ThresholdPanel';
import styles from '../Models.module.css';

const route = getRouteApi('/models/$modelId');

/** One model: its evidence against the workstation's thresholds. */
export function DossierScreen() {
  const { modelId } = route.useParams();
  const models = useDeskQuery('listModels', {});
  const model = models.data?.models.find((m) => m.id === modelId);
  if (models.isError) {
    return (
      <Screen title="Dossier">
        <CallFailed error={models.error} />
      </Screen>
    );
  }
  if (models.isPending) {
    return (
      <Screen title="Dossier">
        <p aria-busy="true">Loading the model…</p>
      </Screen>
    );
  }
  if (!model) {
    return <NoSuchModel title="Dossier" modelId={modelId} />;
  }
  return (
    <Screen title={`Dossier: ${modelName(model)}`}>
      <p className={styles.links}>
        <Link to="/models">All models</Link>
        <Link to="/models/$modelId/evidence" params={{ modelId }}>
          Evidence browser
        </Link>
        <Link to="/compare" search={{ a: modelId }}>
          Compare with another version
        </Link>
      </p>
      <ThresholdPanel model={modelRef(model)} />
      <EvidenceList model={modelRef(model)} />
    </Screen>
  );
}

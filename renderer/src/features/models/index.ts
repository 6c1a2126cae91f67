export { DossierScreen } from './dossier/DossierScreen';
export { ModelsScreen } from './ModelsScreen';
export { ModelsSearch } from './search';
export { NoSuchModel } from './NoSuchModel';

/**
 * The route tree (code-based, typed) over an in-memory history: the app is one window
 * with no address bar, and a route is what a reviewer cites in a note. A view's sort,
 * filter and selection are search params, so Back and Forward restore them.
 */
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  redirect,
} from '@tanstack/react-router';
import { AuditScreen, AuditSearch } from '../features/audit';
import { CompareScreen, CompareSearch } from '../features/comparison';
import { DecisionScreen, DecisionsScreen } from '../features/decisions';
import { EvidenceScreen, EvidenceSearch } from '../features/evidence';
import { InboxScreen, InboxSearch } from '../features/inbox';
import { LockScreen, LockSearch } from '../features/lock';
import { DossierScreen, ModelsScreen, ModelsSearch } from '../features/models';
import { SampleScreen, SampleSearch } from '../features/samples';
import { SearchScreen, SearchSearch } from '../features/search';
import {
  RosterSettings,
  SettingsLayout,
  ThresholdSetsSettings,
  WorkstationSettings,
} from '../features/settings';
import { AppShell } from './AppShell';
import { NotFound } from './NotFound';

const DEFAULT_PATH = '/inbox';

/** A workstation id in a path: a positive integer, or no match (the not-found screen). */
function parseId(text: string): number | false {
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : false;
}

const root = createRootRoute({ component: AppShell, notFoundComponent: NotFound });

const index = createRoute({
  getParentRoute: () => root,
  path: '/',
  beforeLoad: () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's redirect protocol
    throw redirect({ to: DEFAULT_PATH });
  },
});

const inbox = createRoute({
  getParentRoute: () => root,
  path: 'inbox',
  validateSearch: (search) => InboxSearch.parse(search),
  component: InboxScreen,
});

const models = createRoute({
  getParentRoute: () => root,
  path: 'models',
  validateSearch: (search) => ModelsSearch.parse(search),
  component: ModelsScreen,
});

const modelParams = {
  parse: ({ modelId }: { modelId: string }) => {
    const id = parseId(modelId);
    return id === false ? false : { modelId: id };
  },
  stringify: ({ modelId }: { modelId: number }) => ({ modelId: String(modelId) }),
};

const dossier = createRoute({
  getParentRoute: () => root,
  path: 'models/$modelId',
  params: modelParams,
  component: DossierScreen,
});

const evidence = createRoute({
  getParentRoute: () => root,
  path: 'models/$modelId/evidence',
  params: modelParams,
  validateSearch: (search) => EvidenceSearch.parse(search),
  component: EvidenceScreen,
});

const sample = createRoute({
  getParentRoute: () => root,
  path: 'logs/$logId/samples/$sampleId',
  params: {
    parse: ({ logId, sampleId }: { logId: string; sampleId: string }) => {
      const id = parseId(logId);
      return id === false ? false : { logId: id, sampleId };
    },
    stringify: ({ logId, sampleId }: { logId: number; sampleId: string }) => ({
      logId: String(logId),
      sampleId,
    }),
  },
  validateSearch: (search) => SampleSearch.parse(search),
  component: SampleScreen,
});

const compare = createRoute({
  getParentRoute: () => root,
  path: 'compare',
  validateSearch: (params) => CompareSearch.parse(params),
  component: CompareScreen,
});

const search = createRoute({
  getParentRoute: () => root,
  path: 'search',
  validateSearch: (params) => SearchSearch.parse(params),
  component: SearchScreen,
});

const decisions = createRoute({
  getParentRoute: () => root,
  path: 'decisions',
  component: DecisionsScreen,
});

const decision = createRoute({
  getParentRoute: () => root,
  path: 'decisions/$decisionId',
  component: DecisionScreen,
});

const audit = createRoute({
  getParentRoute: () => root,
  path: 'audit',
  validateSearch: (params) => AuditSearch.parse(params),
  component: AuditScreen,
});

const settings = createRoute({
  getParentRoute: () => root,
  path: 'settings',
  component: SettingsLayout,
});

const settingsIndex = createRoute({
  getParentRoute: () => settings,
  path: '/',
  beforeLoad: () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's redirect protocol
    throw redirect({ to: '/settings/workstation' });
  },
});

const workstation = createRoute({
  getParentRoute: () => settings,
  path: 'workstation',
  component: WorkstationSettings,
});

const roster = createRoute({
  getParentRoute: () => settings,
  path: 'roster',
  component: RosterSettings,
});

const thresholds = createRoute({
  getParentRoute: () => settings,
  path: 'thresholds',
  component: ThresholdSetsSettings,
});

const lock = createRoute({
  getParentRoute: () => root,
  path: 'lock',
  validateSearch: (params) => LockSearch.parse(params),
  component: LockScreen,
});

const routeTree = root.addChildren([
  index,
  inbox,
  models,
  dossier,
  evidence,
  sample,
  compare,
  search,
  decisions,
  decision,
  audit,
  settings.addChildren([settingsIndex, workstation, roster, thresholds]),
  lock,
]);

export function createDeskRouter(initialPath: string) {
  return createRouter({
    routeTree,
    history: createMemoryHistory({ initialEntries: [initialPath] }),
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createDeskRouter>;
  }
}

/**
 * Where the window starts: the route in its URL's fragment (`index.html#/audit`), so a
 * window can be opened on a cited route; the Inbox otherwise.
 */
export function initialPath(hash: string): string {
  const path = hash.replace(/^#/, '');
  return path.startsWith('/') && !path.startsWith('//') ? path : DEFAULT_PATH;
}

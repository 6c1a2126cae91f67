export { openDatabase, type DeskDatabase, type OpenDatabaseOptions } from './connection';
export { SchemaTooNewError } from './migrate';
export { LATEST_SCHEMA_VERSION } from './migrations';
export type { AuditEventRow, NewAuditEventRow } from './audit';
export type { LogRow, SampleRowInput } from './bundles';
export {
  PREVIEW_CHARACTERS,
  type SampleGridRow,
  type SampleGridScore,
  type SampleLocation,
  type SamplePage,
  type SamplePageQuery,
} from './samples';
export type { WorkstationRow } from './workstation';
export type { IdentityRow } from './identities';
export type { RosterInstallRow, RosterVersionRow } from './roster';
export {
  expectedSchemaObjects,
  openIntegrityReader,
  SchemaVersionMismatch,
  type IntegrityReader,
  type SchemaObjectRow,
  type StoredLogRow,
  type StoredSampleRow,
  type StoredScoreRow,
} from './integrity';
export type {
  ThresholdSetListRow,
  ThresholdSetMetaRow,
  ThresholdSetVersionRow,
} from './threshold-sets';
export type { TaskReferenceTaskRow, TaskReferenceVersionRow } from './task-references';
export type {
  AcceptedMappingRow,
  BundleInspectModelRow,
  MappingRow,
  QuarantineRow,
} from './review';

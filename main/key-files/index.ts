/**
 * Secret key files (NAME.key.json, docs/formats.md): a key sealed under a passphrase with
 * Argon2id, which runs in a short-lived worker so neither sealing nor unlocking blocks the
 * calling thread.
 */
export {
  ARGON2ID_MEMLIMIT_MAX,
  ARGON2ID_MEMLIMIT_MIN,
  ARGON2ID_OPSLIMIT_MIN,
  ARGON2ID_WORK_MAX,
  sealSecretKey,
  SECRET_KEY_FILE_TYPE,
  SecretKeyFileSchema,
  unsealSecretKey,
  type Argon2idLimits,
  type SecretKeyFile,
} from './sealed-key';

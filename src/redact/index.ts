export { secretsFromEnv } from "./env-secrets.js";
export { createRedactor, findKnownSecrets } from "./redactor.js";
export { detectSourceKind, loadSecretSource } from "./sources.js";
export type {
  KnownSecret,
  Redactor,
  SecretSource,
  SecretSourceKind,
  StreamRedactor,
} from "./types.js";
export { MIN_SECRET_LENGTH } from "./usable-value.js";

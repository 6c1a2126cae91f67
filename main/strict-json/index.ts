export { MAX_JSON_DEPTH, parseStrictJson, type StrictJson } from './strict-json';

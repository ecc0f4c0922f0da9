// Legacy admin entry for tools that do not read package.json "exports".
export { default } from './admin/src/index';

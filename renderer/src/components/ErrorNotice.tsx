import type { IpcError } from '../../../common/ipc';

export function ErrorNotice({ error }: { readonly error: IpcError }) {
  return (
    <div className="error-notice" role="alert">
      <strong>Could not load this view.</strong> {error.message}{' '}
      <span className="error-code">({error.code})</span>
    </div>
  );
}

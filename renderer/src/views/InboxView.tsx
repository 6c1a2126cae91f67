import { EmptyState } from '../components/EmptyState';

export function InboxView() {
  return (
    <EmptyState title="No result bundles yet">
      <p>
        Evaluation labs deliver their benchmark results as signed result bundles (
        <code>.evbundle</code> files). Each bundle imported on this workstation is listed here with
        its verification status.
      </p>
      <p>
        Before the first import, pin the trust roster&apos;s root keys in <em>Settings</em> so that
        bundles can be checked against the labs you trust.
      </p>
    </EmptyState>
  );
}

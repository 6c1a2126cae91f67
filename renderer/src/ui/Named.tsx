/**
 * A readable name for an identifier from the evidence or a rule, the identifier itself on
 * hover and to assistive technology, so what the screen says can still be matched to the
 * log, the rule and the CLI.
 */
export function Named({ name, id }: { readonly name: string; readonly id: string }) {
  if (name === id) return <>{id}</>;
  return (
    <span title={id} aria-description={`identifier ${id}`}>
      {name}
    </span>
  );
}

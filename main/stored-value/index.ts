/**
 * Values read back from the database that the schema's CHECK constraints (or the only code
 * that writes them) confine to a known set. Anything else is a damaged or altered database:
 * an internal error, never a value passed on as if it were valid.
 */
export function storedEnum<const T extends readonly string[]>(
  value: string,
  allowed: T,
  what: string,
): T[number] {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`unexpected ${what} in the database`);
  return found;
}

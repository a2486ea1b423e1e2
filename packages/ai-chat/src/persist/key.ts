/** The key `persist` names: its text when it has any, else undefined (nothing is saved). Pure. */
export const persistKey = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

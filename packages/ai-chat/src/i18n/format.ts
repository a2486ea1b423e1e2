/** Fill the placeholders in braces (`{size}`) of a string from `values`; unknown ones stay as written. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

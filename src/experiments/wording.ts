/** Numbers as the result sentences print them. */

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function signed(value: number): string {
  const text = formatNumber(value);
  if (Number(text) === 0) return "0";
  return value > 0 ? `+${text}` : text;
}

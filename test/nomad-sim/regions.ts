/** `--regions global,eu` names the regions; `--regions 2` asks for that many (global, eu, ap, us, then regionN). */
export function regionNames(value: string): string[] {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const count = Number(trimmed);
    if (count < 1 || count > 16) throw new Error('--regions N must be between 1 and 16');
    const names = ['global', 'eu', 'ap', 'us'];
    return Array.from({ length: count }, (_, i) => names[i] ?? `region${i + 1}`);
  }
  return trimmed
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

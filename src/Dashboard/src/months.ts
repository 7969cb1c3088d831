// Months as the engine counts them: calendar months in the program's time zone (program.md).

export class Months {
  constructor(readonly timeZone: string) {}

  /** The current month, yyyy-MM. */
  current(): string {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date());
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}`;
  }

  /** Midnight of the month's first day in the program's zone, RFC 3339 with its offset. */
  start(month: string): string {
    const [year, number] = month.split('-').map(Number);
    const noon = new Date(Date.UTC(year, number - 1, 1, 12));
    const name = new Intl.DateTimeFormat('en-US', { timeZone: this.timeZone, timeZoneName: 'longOffset' })
      .formatToParts(noon).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const offset = name === 'GMT' ? '+00:00' : name.slice(3);
    return `${month}-01T00:00:00${offset}`;
  }

  static next(month: string): string {
    const [year, number] = month.split('-').map(Number);
    return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  }

  /** A month as a chart's axis names it, e.g. "Dec 26": six of them fit side by side. */
  static short(month: string): string {
    const [year, number] = month.split('-').map(Number);
    return new Intl.DateTimeFormat('en-IN', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(year, number - 1, 1)));
  }

  static label(month: string): string {
    const [year, number] = month.split('-').map(Number);
    return new Intl.DateTimeFormat('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, number - 1, 1)));
  }
}

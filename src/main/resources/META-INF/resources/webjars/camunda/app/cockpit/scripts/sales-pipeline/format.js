// Numbers as the browser's locale writes them. The raw numbers stay in data-* attributes.

const DASH = '–';

function locale() {
  return (navigator.languages && navigator.languages[0]) || navigator.language || 'en-US';
}

/** 1250.5, 'EUR' -> "€1,250.50" (en-US); an unknown code still shows: "1,250.50 XYZ". */
export function money(amount, currency) {
  if (amount === null || amount === undefined) {
    return DASH;
  }
  try {
    return new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2
    }).format(amount);
  } catch (e) {
    return `${decimal(amount, 2)} ${currency}`;
  }
}

export function decimal(value, digits) {
  if (value === null || value === undefined) {
    return DASH;
  }
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(value);
}

export function integer(value) {
  return new Intl.NumberFormat(locale(), {maximumFractionDigits: 0}).format(value || 0);
}

/** 0.255 -> "25.5%" */
export function percent(ratio) {
  if (ratio === null || ratio === undefined) {
    return DASH;
  }
  return new Intl.NumberFormat(locale(), {style: 'percent', maximumFractionDigits: 1}).format(ratio);
}

export function plural(count, one, many) {
  return `${integer(count)} ${count === 1 ? one : many}`;
}

/** "CHOSE_COMPETITOR" -> "Chose competitor" */
export function humanize(code) {
  if (!code) {
    return 'Not given';
  }
  const words = String(code).toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "P7D" -> "7 days"; other ISO durations are shown as they are. */
export function duration(iso) {
  const days = /^P(\d+)D$/.exec(iso || '');
  if (days) {
    return plural(Number(days[1]), 'day', 'days');
  }
  return iso || DASH;
}

/** "2026-12" -> "December 2026" */
export function monthName(month) {
  const [year, number] = String(month).split('-').map(Number);
  if (!year || !number) {
    return String(month);
  }
  return new Intl.DateTimeFormat(locale(), {month: 'long', year: 'numeric', timeZone: 'UTC'})
    .format(new Date(Date.UTC(year, number - 1, 1)));
}

export {DASH};

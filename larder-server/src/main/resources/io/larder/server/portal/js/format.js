// Numbers as people read them.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Binary multiples with the short names people use: 268435456 → "256 MB". */
export function bytes(n) {
  let value = Number(n) || 0;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 || unit === 0 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits).replace(/\.0+$/, '')} ${UNITS[unit]}`;
}

export function count(n) {
  return Number(n || 0).toLocaleString('en-US');
}

export function rate(n) {
  const value = Number(n) || 0;
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value ? 1 : 0);
}

export function percent(ratio) {
  return ratio === null || Number.isNaN(ratio) ? '–' : `${(ratio * 100).toFixed(1)} %`;
}

/** 1800 → "30 min"; null → "none". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'none';
  const units = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  for (const [name, size] of units) {
    if (seconds % size === 0) return `${seconds / size} ${name}`;
  }
  return `${seconds} s`;
}

/** A key's TTL as the browser shows it: -1 → "no expiry". */
export function ttl(seconds) {
  return seconds < 0 ? 'no expiry' : duration(seconds);
}

export function time(millis) {
  return new Date(millis).toLocaleTimeString('en-GB', {hour: '2-digit', minute: '2-digit'});
}

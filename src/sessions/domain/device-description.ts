/**
 * A short, human description of the device behind a user agent, e.g. `Chrome 126 · Windows 10/11`,
 * shown in the 图11 prompt ("logged in elsewhere since … from … on …"). Only the browser family
 * with its major version and the operating system are kept; the raw user agent is not stored.
 * Pure; covers the browsers and systems seen in Chinese government offices (360, QQ, Sogou,
 * WeChat, UOS, Kylin …) besides the usual ones.
 */

/** Longest description returned. */
export const DEVICE_DESCRIPTION_MAX_LENGTH = 80;

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
}

/** Browsers, most specific first (many embed "Chrome" or "Safari" in their user agent). */
const BROWSERS: readonly Rule[] = [
  { name: 'WeChat', pattern: /MicroMessenger\/(\d+)/ },
  { name: 'DingTalk', pattern: /DingTalk\/(\d+)/ },
  { name: '360 Browser', pattern: /QIHU 360(?:SE|EE)|360SE|360EE|\b360Browser\b/ },
  { name: 'QQ Browser', pattern: /QQBrowser\/(\d+)/ },
  { name: 'Sogou Browser', pattern: /SE 2\.X MetaSr|SogouMobileBrowser/ },
  { name: 'UC Browser', pattern: /UCBrowser\/(\d+)/ },
  { name: 'Edge', pattern: /Edg(?:e|A|iOS)?\/(\d+)/ },
  { name: 'Opera', pattern: /OPR\/(\d+)/ },
  { name: 'Firefox', pattern: /(?:Firefox|FxiOS)\/(\d+)/ },
  { name: 'Chrome', pattern: /(?:Chrome|CriOS)\/(\d+)/ },
  { name: 'Safari', pattern: /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\// },
  { name: 'Internet Explorer', pattern: /MSIE (\d+)|Trident\/[\d.]+;.*rv:(\d+)/ },
];

const WINDOWS_VERSIONS: Readonly<Record<string, string>> = {
  '10.0': '10/11',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.2': 'XP',
  '5.1': 'XP',
};

function operatingSystem(ua: string): string | null {
  if (/HarmonyOS|OpenHarmony/.test(ua)) return 'HarmonyOS';
  const windows = /Windows NT (\d+\.\d+)/.exec(ua);
  if (windows) return `Windows ${WINDOWS_VERSIONS[windows[1]] ?? windows[1]}`;
  const android = /Android (\d+)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  const ios = /(iPhone|iPad|iPod).*? OS (\d+)_(\d+)/.exec(ua);
  if (ios) return `${ios[1] === 'iPad' ? 'iPadOS' : 'iOS'} ${ios[2]}.${ios[3]}`;
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/\bUOS\b|UnionTech/i.test(ua)) return 'UOS';
  if (/Kylin/i.test(ua)) return 'Kylin';
  if (/Linux|X11/.test(ua)) return 'Linux';
  return null;
}

function browser(ua: string): string | null {
  for (const rule of BROWSERS) {
    const match = rule.pattern.exec(ua);
    if (!match) continue;
    const version = match.slice(1).find((v) => v !== undefined);
    return version ? `${rule.name} ${version}` : rule.name;
  }
  return null;
}

/**
 * Describe a user agent; `null` when none was given. A user agent we cannot read is shown as
 * its first printable characters, so the user still recognises something.
 */
export function describeDevice(userAgent: string | null | undefined): string | null {
  const ua = (userAgent ?? '').trim();
  if (!ua) return null;
  const parts = [browser(ua), operatingSystem(ua)].filter((p): p is string => p !== null);
  const text = parts.length > 0 ? parts.join(' · ') : ua.replace(/[^\x20-\x7e]/g, '').trim();
  if (!text) return null;
  return text.length > DEVICE_DESCRIPTION_MAX_LENGTH ? `${text.slice(0, DEVICE_DESCRIPTION_MAX_LENGTH - 1)}…` : text;
}

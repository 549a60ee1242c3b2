/**
 * What conflict review calls this device until staff name their devices: the browser and the kind
 * of device, from the user agent ("Chrome on Android phone", "Safari on iPad"). A person reading
 * "kept: Safari on iPad, 10:42" knows which of their devices that was.
 */
export function describeDevice(userAgent: string): string {
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /Firefox\//.test(userAgent)
			? 'Firefox'
			: /SamsungBrowser\//.test(userAgent)
				? 'Samsung Internet'
				: /Chromium\//.test(userAgent)
					? 'Chromium'
					: /Chrome\/|CriOS\//.test(userAgent)
						? 'Chrome'
						: /Safari\//.test(userAgent)
							? 'Safari'
							: 'A browser';
	const device = /iPad/.test(userAgent)
		? 'iPad'
		: /iPhone/.test(userAgent)
			? 'iPhone'
			: /Android/.test(userAgent)
				? /Mobile/.test(userAgent)
					? 'Android phone'
					: 'Android tablet'
				: /Windows/.test(userAgent)
					? 'Windows'
					: /Mac OS X|Macintosh/.test(userAgent)
						? 'Mac'
						: /CrOS/.test(userAgent)
							? 'Chromebook'
							: /Linux/.test(userAgent)
								? 'Linux'
								: 'an unknown device';
	return `${browser} on ${device}`;
}

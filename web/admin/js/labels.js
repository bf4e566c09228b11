// Words shown for stored values (the seed's words where the seed has them).

export const CATEGORY_LABELS = { '': 'Apps', directory: 'Directory', contactCenterInsights: 'Performance' };

export function categoryLabel(props) {
  const c = props && typeof props.featureCategory === 'string' ? props.featureCategory : '';
  return CATEGORY_LABELS[c] !== undefined ? `${CATEGORY_LABELS[c]} menu` : c;
}

export function isActive(integration) {
  const code = integration && integration.reportedState && integration.reportedState.code;
  if (code) return code === 'ACTIVE' || code === 'ACTIVATING';
  return integration && integration.intendedState === 'ENABLED';
}

export const SANDBOX_OPTIONS = [
  ['allow-forms', 'Submit forms'],
  ['allow-modals', 'Open modal windows (alert, confirm)'],
  ['allow-popups', 'Open pop-up windows'],
  ['allow-presentation', 'Start a presentation session'],
  ['allow-same-origin', 'Keep its own origin (cookies, storage)'],
  ['allow-scripts', 'Run scripts'],
  ['allow-downloads', 'Download files'],
];

export const ALLOW_FEATURES = ['camera', 'microphone', 'geolocation', 'clipboard-write', 'fullscreen', 'display-capture'];

export function splitList(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

// Unit tests of the shell's pure helpers (web/shell/lib.js), run by node without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fillUrlTokens, originOf, sandboxAttr, allowAttr, localizedName, iconUrl, describeApp, parseRoute,
  attentionCount, safeWindowUrl, menuOf, frameChanged, badgeText,
} from '../../web/shell/lib.js';

const ctx = { origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080', languageTag: 'pt-br' };

test('URL tokens are filled in, each value URL-encoded; unknown tokens stay', () => {
  const url = 'https://app.example/x?h={{gcHostOrigin}}&e={{gcTargetEnv}}&l={{gcLangTag}}&p={{pcLangTag}}&env={{pcEnvironment}}&u={{userId}}';
  assert.equal(fillUrlTokens(url, ctx),
    'https://app.example/x?h=http%3A%2F%2F127.0.0.1%3A8080&e=prod&l=pt-br&p=pt-br&env=127.0.0.1%3A8080&u={{userId}}');
  assert.equal(fillUrlTokens('https://a/{{gcHostOrigin}}/{{gcHostOrigin}}', ctx), 'https://a/http%3A%2F%2F127.0.0.1%3A8080/http%3A%2F%2F127.0.0.1%3A8080');
  assert.equal(fillUrlTokens('https://a/?x={{constructor}}&y={{__proto__}}', ctx), 'https://a/?x={{constructor}}&y={{__proto__}}');
});

test('origin, sandbox and allow come exactly from the configuration', () => {
  assert.equal(originOf('https://app.example:8443/a?b'), 'https://app.example:8443');
  assert.equal(originOf('javascript:alert(1)'), null);
  assert.equal(originOf('not a url'), null);
  assert.equal(sandboxAttr('allow-scripts,allow-same-origin, allow-forms'), 'allow-scripts allow-same-origin allow-forms');
  assert.equal(sandboxAttr(''), '');
  assert.equal(sandboxAttr(undefined), '');
  assert.equal(allowAttr('camera,microphone', 'https://a.example'), 'camera https://a.example; microphone https://a.example');
  assert.equal(allowAttr(null, 'https://a.example'), '');
});

test('names are localized: exact tag, then base language, then name', () => {
  const app = (i10n) => ({ name: 'Base', config: { effective: { advanced: { i10n } } } });
  assert.equal(localizedName(app({ 'pt-BR': { name: 'Exato' }, pt: { name: 'Base pt' } }), 'pt-br'), 'Exato');
  assert.equal(localizedName(app({ pt: { name: 'Base pt' } }), 'pt-br'), 'Base pt');
  assert.equal(localizedName(app({ de: { name: 'Deutsch' } }), 'pt-br'), 'Base');
  assert.equal(localizedName(app({ pt: { name: '  ' } }), 'pt'), 'Base');
  assert.equal(localizedName(app(undefined), 'pt'), 'Base');
});

test('icons are used only where the CSP lets the shell load them', () => {
  const app = (icon) => ({ config: { effective: { advanced: { icon } } } });
  assert.equal(iconUrl(app({ vector: 'https://cdn.example/i.svg' }), ctx.origin), 'https://cdn.example/i.svg');
  assert.equal(iconUrl(app({ vector: 'data:image/svg+xml,%3Csvg%3E' }), ctx.origin), 'data:image/svg+xml,%3Csvg%3E');
  assert.equal(iconUrl(app({ vector: 'http://127.0.0.1:9/i.svg', '24x24': 'https://cdn.example/24.png' }), ctx.origin), 'https://cdn.example/24.png');
  assert.equal(iconUrl(app({ vector: 'javascript:alert(1)' }), ctx.origin), null);
  assert.equal(iconUrl(app(undefined), ctx.origin), null);
});

test('describeApp: menus by category, widgets, hooks; apps without a usable URL are skipped', () => {
  const raw = {
    id: 'x', name: 'X',
    config: { effective: { properties: { url: 'https://a.example/?h={{gcHostOrigin}}', displayType: 'widget', featureCategory: 'directory', sandbox: 'allow-scripts', permissions: 'camera' }, advanced: { lifecycle: { hooks: { bootstrap: true, stop: 'yes' } } } } },
  };
  const d = describeApp(raw, ctx);
  assert.equal(d.displayType, 'widget');
  assert.equal(d.menu, 'directory');
  assert.equal(d.origin, 'https://a.example');
  assert.deepEqual(d.hooks, { bootstrap: true, focus: false, blur: false, stop: false });
  assert.equal(describeApp({ id: 'y', config: { effective: { properties: { url: 'javascript:1' } } } }, ctx), null);
  assert.equal(menuOf(''), 'apps');
  assert.equal(menuOf('contactCenterInsights'), 'performance');
  assert.equal(menuOf('somethingElse'), 'apps');
  assert.equal(frameChanged(d, { ...d, name: 'Y' }), false);
  assert.equal(frameChanged(d, { ...d, sandbox: 'allow-scripts allow-forms' }), true);
});

test('routes, counts and window URLs', () => {
  assert.deepEqual(parseRoute('#/apps/abc'), { view: 'app', id: 'abc' });
  assert.deepEqual(parseRoute('#/directory/people/a%20b'), { view: 'person', id: 'a b' });
  assert.deepEqual(parseRoute('#/directory/groups'), { view: 'groups' });
  assert.deepEqual(parseRoute('#/directory'), { view: 'people' });
  assert.deepEqual(parseRoute(''), { view: 'home' });
  assert.deepEqual(parseRoute('#/nowhere'), { view: 'home' });
  assert.equal(attentionCount(3), 3);
  assert.equal(attentionCount('4'), 4);
  assert.equal(attentionCount(-2), 0);
  assert.equal(attentionCount('x'), null);
  assert.equal(attentionCount(null), null);
  assert.equal(badgeText(120), '99+');
  assert.equal(safeWindowUrl('https://a.example/x'), 'https://a.example/x');
  assert.equal(safeWindowUrl('javascript:alert(1)'), null);
  assert.equal(safeWindowUrl('data:text/html,x'), null);
  assert.equal(safeWindowUrl(42), null);
});

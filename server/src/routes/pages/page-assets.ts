import { Hono } from 'hono';
import { APP_CSS } from './app-css';
import { SETTINGS_JS } from './settings-js';

const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0747a6"/><path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" fill="none"/></svg>`;

const cached = (type: string) => ({ 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });

/** The pages' only assets, served by the companion itself (no CDN): stylesheet, script and icon. */
export function pageAssets() {
  const assets = new Hono();
  assets.get('/assets/app.css', (c) => c.body(APP_CSS, 200, cached('text/css; charset=utf-8')));
  assets.get('/assets/settings.js', (c) => c.body(SETTINGS_JS, 200, cached('text/javascript; charset=utf-8')));
  assets.get('/assets/icon.svg', (c) => c.body(ICON_SVG, 200, cached('image/svg+xml')));
  assets.get('/favicon.ico', (c) => c.body(ICON_SVG, 200, cached('image/svg+xml')));
  return assets;
}

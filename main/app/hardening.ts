/**
 * Process- and session-wide defences (DESIGN.md §4; Electron security checklist).
 * Each function names the checklist items it covers; docs/security.md has the full table.
 */
import { app, session, type Session, type WebContents } from 'electron';
import { APP_SCHEME } from './app-files';

/** Before `ready`: no name resolution, no proxy discovery, no background networking. */
export function applyCommandLineSwitches(): void {
  // Reviewed (docs/security.md): this rule makes every lookup fail; it redirects nothing.
  app.commandLine.appendSwitch('host-resolver-rules', 'MAP * ^NOTFOUND'); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK
  app.commandLine.appendSwitch('no-proxy-server');
  app.commandLine.appendSwitch('disable-background-networking');
  app.commandLine.appendSwitch('disable-component-update');
  app.commandLine.appendSwitch('disable-domain-reliability');
  app.commandLine.appendSwitch('disable-breakpad');
}

/**
 * Writing plain text to the clipboard, the sample view's Copy buttons: sanitised (no HTML or
 * images), write-only. Reading the clipboard stays denied.
 */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/**
 * Checklist #1, #5, #7: only app: requests, every permission but the clipboard write denied,
 * no downloads, no dictionaries.
 */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = new URL(details.url).protocol === `${APP_SCHEME}:`;
    callback({ cancel: !allowed });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(permission === CLIPBOARD_WRITE);
  });
  ses.setPermissionCheckHandler((_contents, permission) => permission === CLIPBOARD_WRITE);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => {
    callback({});
  });
  ses.on('will-download', (event) => {
    event.preventDefault();
  });
  // The spellchecker is off in webPreferences; a dead URL makes sure no dictionary is fetched.
  ses.setSpellCheckerEnabled(false);
  ses.setSpellCheckerDictionaryDownloadURL('app://desk/no-dictionaries/');
}

/** Checklist #11-#14: no navigation, no new windows, no webviews, for every web contents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

// Browser journeys against a real server on a fresh embedded database, in Debian's Chromium.
// Run with `node e2e/run.mjs` (or `npm run e2e`). Screenshots go to e2e/screenshots/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDist = path.join(root, 'apps/web/dist');
const shotsDir = path.join(root, 'e2e/screenshots');
const adminEmail = 'admin@weixi.local';
const adminPassword = 'Admin-e2e-2026!';
const demoPassword = 'Weixi@2026!';
const stepTimeout = 15_000;
const journeyTimeout = 180_000;

function log(line) {
  process.stdout.write(`${line}\n`);
}

function ensureWebBuild() {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  log('e2e: apps/web/dist is missing; building the web app');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '-w', '@weixi/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'weixi-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEIXI_ADMIN_PASSWORD: adminPassword,
    WEIXI_DEMO: '1',
    LOG_LEVEL: 'warn',
    WEB_DIST: webDist,
  };
  // A DATABASE_URL from the caller's shell would point the journeys at a database they do not own.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let ready = false;
  while (!ready && Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      ready = res.ok;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    throw new Error(`the server did not become ready:\n${output.join('')}`);
  }
  return { baseUrl, stop, output };
}

async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}; install Debian's (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context per journey: no cookies or storage carried from one to the next. */
async function newPage(browser, baseUrl, { locale } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1360, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // Journeys talk to the local server only; anything else would make them depend on the network.
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort();
  });
  if (locale) {
    await context.addInitScript((l) => window.localStorage.setItem('weixi.locale', l), locale);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(stepTimeout);
  page.setDefaultNavigationTimeout(stepTimeout);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    throw new Error(`expected to see ${what}`);
  }
}

async function shot(page, name) {
  // Antd's enter/leave animations last about 0.3 s; a still frame should not catch one halfway.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

async function signIn(page, email, password) {
  await expectVisible(page.getByTestId('login-email'), 'the sign-in form');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expectVisible(page.getByTestId('user-menu'), 'the signed-in header');
}

/** Opens an antd Select or TreeSelect and picks the option with this text. */
async function pick(page, trigger, text) {
  await trigger.click();
  const dropdown = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible').last();
  await dropdown.waitFor({ state: 'visible' });
  const option = dropdown
    .locator('.ant-select-item-option, .ant-select-tree-treenode, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text })
    .first();
  await option.click();
  await dropdown.waitFor({ state: 'hidden' });
}

function formItem(page, testId) {
  return page.locator('.ant-form-item').filter({ has: page.getByTestId(testId) });
}

const stamp = Date.now().toString(36);

const journeys = [
  {
    name: 'admin creates a department and a user in Chinese, switches to English, signs out',
    async run({ page }) {
      const department = `华东客户服务部-${stamp}`;
      const email = `chen.jing.${stamp}@weixi.local`;

      await page.goto('/');
      await page.waitForURL('**/login');
      await expectVisible(page.getByText('登录维系'), 'the Chinese sign-in page');
      await shot(page, 'j1-01-login-zh');

      await signIn(page, adminEmail, adminPassword);
      await expectVisible(
        page.getByTestId('page-title').filter({ hasText: '工作台' }),
        'the Chinese workbench',
      );
      await expectVisible(page.getByText('系统管理'), 'the 系统管理 menu group');
      await shot(page, 'j1-02-workbench-zh');

      await page.getByTestId('nav-system').click();
      await page.getByTestId('nav-departments').click();
      await expectVisible(page.getByTestId('page-title').filter({ hasText: '部门' }), 'the departments page');
      await page.getByTestId('dept-new').click();
      await page.getByTestId('dept-form-name').fill(department);
      await pick(page, formItem(page, 'dept-form-parent').locator('.ant-select'), '客户服务部');
      await page.getByTestId('dept-form-submit').click();
      await expectVisible(page.getByText(`已创建部门 ${department}`), 'the department-created message');
      await expectVisible(
        page.getByTestId('dept-details').getByText(department),
        'the new department selected',
      );
      await expectVisible(
        page.getByTestId('dept-tree').getByText(department),
        'the new department in the tree',
      );
      await shot(page, 'j1-03-department-created');

      await page.getByTestId('nav-users').click();
      await expectVisible(page.getByTestId('page-title').filter({ hasText: '用户' }), 'the users page');
      await page.getByTestId('user-new').click();
      await page.getByTestId('user-form-name').fill('陈静');
      await page.getByTestId('user-form-email').fill(email);
      await page.getByTestId('user-form-password').fill('Chen-Jing-2026!');
      await pick(page, formItem(page, 'user-form-role').locator('.ant-select'), '客服专员');
      await pick(page, formItem(page, 'user-form-department').locator('.ant-select'), department);
      await page.getByTestId('user-form-phone').fill('138 0000 0099');
      await page.getByTestId('user-form-submit').click();
      await expectVisible(page.getByText('已创建用户 陈静'), 'the user-created message');
      await page.getByTestId('user-form-submit').waitFor({ state: 'hidden' });
      const row = page.getByTestId('users-table').locator('tr').filter({ hasText: email });
      await expectVisible(row, 'the new user in the table');
      const rowText = (await row.first().textContent()) ?? '';
      expect(rowText.includes(department), `the new user's row should name ${department}: ${rowText}`);
      expect(rowText.includes('客服专员'), `the new user's row should show the role: ${rowText}`);
      await shot(page, 'j1-04-user-created');

      await page.getByTestId('lang-en-US').click();
      await expectVisible(
        page.getByTestId('page-title').filter({ hasText: 'Users' }),
        'the English users page',
      );
      await expectVisible(page.getByText('Workbench'), 'the English menu');
      await expectVisible(page.getByText('Service agent'), 'the role in English');
      await shot(page, 'j1-05-english');

      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-logout').click();
      await page.waitForURL('**/login');
      await expectVisible(page.getByText('Sign in to Weixi'), 'the English sign-in page');
      await expectVisible(page.getByText('You have signed out.'), 'the signed-out notice');
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
      expect(me === 401, `after signing out /api/v1/me should answer 401, got ${me}`);
      await shot(page, 'j1-06-signed-out');
    },
  },
  {
    name: 'a bad user form shows the client and the server field errors beside their fields',
    async run({ page }) {
      await page.goto('/admin/users');
      await page.waitForURL('**/login?redirect=*');
      await signIn(page, adminEmail, adminPassword);
      await page.waitForURL('**/admin/users');
      await expectVisible(
        page.getByTestId('page-title').filter({ hasText: '用户' }),
        'the users page after sign-in',
      );

      await page.getByTestId('user-new').click();
      await page.getByTestId('user-form-name').fill('重复邮箱');
      await page.getByTestId('user-form-email').fill('not-an-email');
      await page.getByTestId('user-form-password').fill('short');
      await page.getByTestId('user-form-submit').click();
      await expectVisible(
        formItem(page, 'user-form-email')
          .locator('.ant-form-item-explain-error')
          .filter({ hasText: '有效的邮箱' }),
        'the client-side email error beside the email field',
      );
      await expectVisible(
        formItem(page, 'user-form-password')
          .locator('.ant-form-item-explain-error')
          .filter({ hasText: '至少 10 个字符' }),
        'the client-side password error beside the password field',
      );
      await shot(page, 'j2-01-client-errors');

      // Valid on the client, refused by the server: the address belongs to a demo user.
      await page.getByTestId('user-form-email').fill('ZHANG.WEI@weixi.local');
      await page.getByTestId('user-form-password').fill('Long-enough-2026');
      await page.getByTestId('user-form-submit').click();
      await expectVisible(
        formItem(page, 'user-form-email')
          .locator('.ant-form-item-explain-error')
          .filter({ hasText: '该邮箱已被其他用户使用' }),
        'the server already_exists error beside the email field',
      );
      const passwordErrors = await formItem(page, 'user-form-password')
        .locator('.ant-form-item-explain-error')
        .count();
      expect(passwordErrors === 0, 'the fixed password field should have no error left');
      await expectVisible(page.getByTestId('user-form-submit'), 'the drawer still open');
      await shot(page, 'j2-02-server-email-error');
    },
  },
  {
    name: 'an account manager sees no administration and gets 403 on /admin/users',
    async run({ page }) {
      await page.goto('/login');
      await signIn(page, 'zhang.wei@weixi.local', demoPassword);
      await expectVisible(
        page.getByTestId('current-user').filter({ hasText: '张伟' }),
        'the account manager signed in',
      );
      await expectVisible(page.getByText('客户档案'), 'the module menu');
      const adminMenu = await page.getByTestId('main-menu').getByText('系统管理').count();
      expect(adminMenu === 0, 'a non-admin must not see the 系统管理 menu group');
      expect(
        (await page.getByTestId('nav-users').count()) === 0,
        'a non-admin must not see the users menu item',
      );
      await shot(page, 'j3-01-account-manager');

      await page.goto('/admin/users');
      await expectVisible(page.getByTestId('result-403'), 'the 403 page');
      await expectVisible(page.getByText('无权访问'), 'the 403 title in Chinese');
      await shot(page, 'j3-02-forbidden');

      await page.getByTestId('main-menu').getByText('客户档案').click();
      await expectVisible(page.getByTestId('coming-soon-customers'), 'the customer archive coming-soon page');
      await shot(page, 'j3-03-coming-soon');

      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-about').click();
      await expectVisible(page.getByTestId('about-embedded'), 'the embedded-database notice');
      await expectVisible(page.getByTestId('about-engine').filter({ hasText: 'PGlite' }), 'the engine name');
      await shot(page, 'j3-04-about');

      // On a phone the menu starts hidden and opens over the page.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('sider-toggle').waitFor({ state: 'visible' });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="sider"]')?.getBoundingClientRect().width === 0,
      );
      await shot(page, 'j3-05-phone');
      await page.getByTestId('sider-toggle').click();
      await expectVisible(page.getByTestId('main-menu').getByText('客户档案'), 'the menu opened on a phone');
      await shot(page, 'j3-06-phone-menu');
    },
  },
];

async function runJourney(browser, baseUrl, journey, index) {
  // Journeys 2 and 3 pin Chinese on this browser; journey 1 shows the default and switches itself.
  const { context, page, errors } = await newPage(browser, baseUrl, index === 0 ? {} : { locale: 'zh-CN' });
  let timer;
  try {
    await Promise.race([
      journey.run({ page }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`journey took longer than ${journeyTimeout / 1000}s`)),
          journeyTimeout,
        );
      }),
    ]);
    expect(errors.length === 0, `uncaught errors in the page: ${errors.join('; ')}`);
  } catch (err) {
    await shot(page, `j${index + 1}-failure`).catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
    await context.close();
  }
}

async function main() {
  mkdirSync(shotsDir, { recursive: true });
  ensureWebBuild();
  const server = await startServer();
  let passed = 0;
  let failed = 0;
  let browser;
  try {
    browser = await launchBrowser();
    for (const [i, journey] of journeys.entries()) {
      const started = Date.now();
      try {
        await runJourney(browser, server.baseUrl, journey, i);
        passed++;
        log(`  ✓ ${i + 1}. ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (err) {
        failed++;
        log(
          `  ✗ ${i + 1}. ${journey.name}\n      ${String(err?.stack ?? err)
            .split('\n')
            .join('\n      ')}`,
        );
      }
    }
  } catch (err) {
    failed = journeys.length - passed;
    log(`e2e: could not run the journeys: ${err?.message ?? err}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  if (failed > 0 && server.output.length > 0) log(`server output:\n${server.output.join('').trim()}`);
  log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err) => {
  log(`e2e: ${err?.message ?? err}`);
  log(`e2e: 0 passed, ${journeys.length} failed`);
  process.exitCode = 1;
});

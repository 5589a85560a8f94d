import { launchBrowser, startServe } from './test/e2e/serve-helpers';
const served = await startServe('/tmp/aa7/look.anchor');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(`${served.url}&view=inventory`);
await page.waitForTimeout(1500);
console.log(await page.evaluate(`JSON.stringify(['.content', '.inventory', '.inventory-layout', '.facets', '.inventory-main', '.grid', '.grid-body'].map(function (sel) { var e = document.querySelector(sel); var b = e.getBoundingClientRect(); return [sel, Math.round(b.top), Math.round(b.bottom), e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]; }))`));
await browser.close(); await served.stop();

/// <reference lib="dom" />
/**
 * `scan --format html` in a real headless browser (Debian's chromium, driven by puppeteer-core; `.ci/run`
 * installs it): the page loads with no console error and no request beyond the file itself, every diagram has a
 * non-empty box, the filters hide rows, every row and drawing is there with JavaScript off, a screenshot is not
 * blank, and a hostile estate's names and tags appear as text only — no element, attribute or script of theirs.
 */
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

import type {Browser, Page} from 'puppeteer-core';

import {runCli} from '../helpers/cli';
import {
  BIDI,
  DEMO,
  HOSTILE_BROKER,
  HOSTILE_TABLE_NAME,
  HOSTILE_TAG,
  hostileInventory,
  IMG_ATTR,
  SCRIPT_TAG,
} from './hostile';

const CHROMIUM = process.env.MQ_AUDIT_CHROMIUM ?? '/usr/bin/chromium';
const OUT = mkdtempSync(join(tmpdir(), 'mq-audit-html-'));
/** Where the screenshot is left for a person to look at. */
const SHOT = join(OUT, 'report.png');

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium; .ci/run does) or set MQ_AUDIT_CHROMIUM to its path`,
    );
  }

  const puppeteer = await import('puppeteer-core');
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI has no user namespace for the sandbox; the page is our own file.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-extensions',
      '--disable-background-networking',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

interface Loaded {
  page: Page;
  url: string;
  problems: string[];
  requests: string[];
}

/** Opens the file with every request recorded (and any beyond the file itself refused) and every console error. */
async function open(file: string, javascript = true): Promise<Loaded> {
  const page = await browser.newPage();
  await page.setViewport({width: 1280, height: 900});
  await page.setJavaScriptEnabled(javascript);
  const url = pathToFileURL(file).href;
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request) => {
    if (request.url() !== url) return;
    problems.push(`request failed: ${request.url()}`);
  });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    requests.push(request.url());
    if (request.url() === url) void request.continue();
    else void request.abort();
  });
  await page.goto(url, {waitUntil: 'load'});
  return {page, url, problems, requests};
}

async function scanHtml(inventory: string, name: string, extra: string[] = []): Promise<string> {
  const file = join(OUT, name);
  // --output FILE.html implies the format.
  const result = await runCli(['scan', '--inventory', inventory, '--output', file, '--quiet', ...extra]);
  expect(result.stderr).toContain(`Wrote html report to ${file}`);
  expect(result.code).toBe(1);
  return file;
}

describe('scan --format html in Chromium', () => {
  let demo: string;

  beforeAll(async () => {
    demo = await scanHtml(DEMO, 'demo.html');
  });

  it('loads with no console error and no request but the file; every diagram has a box; the filters hide rows', async () => {
    const {page, url, problems, requests} = await open(demo);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      const diagrams = await page.$$eval('figure.diagram > svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const inner = svg.getBBox();
          return {
            width: box.width,
            height: box.height,
            innerWidth: inner.width,
            innerHeight: inner.height,
            texts: svg.querySelectorAll('text').length,
          };
        }),
      );
      const sections = await page.$$eval('article.broker', (articles) => articles.length);
      expect(diagrams.length).toBeGreaterThan(0);
      expect(diagrams.length).toBe(sections);
      for (const box of diagrams) {
        expect(box.width).toBeGreaterThan(50);
        expect(box.height).toBeGreaterThan(20);
        expect(box.innerWidth).toBeGreaterThan(0);
        expect(box.innerHeight).toBeGreaterThan(0);
        expect(box.texts).toBeGreaterThan(0);
      }

      const visible = () =>
        page.$$eval('#findings tbody tr', (rows) =>
          rows
            .filter((row) => !(row as HTMLElement).hidden && (row as HTMLElement).offsetParent !== null)
            .map((row) => ({
              severity: row.getAttribute('data-severity'),
              status: row.getAttribute('data-status'),
              broker: row.getAttribute('data-broker'),
              text: (row.textContent ?? '').toLowerCase(),
            })),
        );
      const all = await visible();
      expect(await page.$eval('#filters', (form) => (form as HTMLElement).offsetParent !== null)).toBe(true);
      expect(await page.$eval('#shown', (el) => el.textContent)).toBe(`${all.length} of ${all.length} rows shown`);

      await page.select('select[name=severity]', 'high');
      await page.select('select[name=status]', 'fail');
      const high = await visible();
      const expected = all.filter((row) => row.severity === 'high' && row.status === 'fail');
      expect(high.length).toBeGreaterThan(0);
      expect(high.length).toBeLessThan(all.length);
      expect(high).toEqual(expected);
      expect(await page.$eval('#shown', (el) => el.textContent)).toBe(`${expected.length} of ${all.length} rows shown`);

      await page.click('button[type=reset]');
      await page.waitForFunction(
        (count: number) => document.querySelectorAll('#findings tbody tr:not([hidden])').length === count,
        {},
        all.length,
      );
      const broker = all.find((row) => row.status === 'fail')!.broker!;
      await page.select('select[name=broker]', broker);
      expect((await visible()).every((row) => row.broker === broker)).toBe(true);
      await page.click('button[type=reset]');
      await page.type('input[name=q]', 'end-of-support 5.15');
      const words = await visible();
      expect(words.length).toBeGreaterThan(0);
      expect(words).toEqual(all.filter((row) => row.text.includes('end-of-support') && row.text.includes('5.15')));
      // Printed while filtered: every row, no controls.
      expect((await visible()).length).toBeLessThan(all.length);
      await page.emulateMediaType('print');
      expect(
        await page.$$eval(
          '#findings tbody tr',
          (rows) => rows.filter((row) => getComputedStyle(row).display !== 'none').length,
        ),
      ).toBe(all.length);
      expect(await page.$eval('#filters', (form) => getComputedStyle(form).display)).toBe('none');
      await page.emulateMediaType('screen');
      await page.click('button[type=reset]');
      await page.waitForFunction(
        (count: number) => document.querySelectorAll('#findings tbody tr:not([hidden])').length === count,
        {},
        all.length,
      );

      // The first screen as a person sees it at 1280 px: not blank (many colours, much ink), left for a look.
      const png = await page.screenshot({type: 'png', fullPage: false});
      writeFileSync(SHOT, png);
      const ink = await pixels(Buffer.from(png).toString('base64'));
      expect(ink.width).toBe(1280);
      expect(ink.colours).toBeGreaterThan(50);
      expect(ink.share).toBeGreaterThan(0.03);
      await page.$eval('#paths', (el) => el.scrollIntoView());
      writeFileSync(join(OUT, 'paths.png'), await page.screenshot({type: 'png'}));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows every row and every diagram with JavaScript off, the filters hidden', async () => {
    const {page, url, problems, requests} = await open(demo, false);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      const rows = await page.$$eval('#findings tbody tr', (trs) =>
        trs.map((tr) => (tr as HTMLElement).offsetParent !== null),
      );
      const html = readFileSync(demo, 'utf8');
      expect(rows.length).toBe(html.match(/<tr data-severity=/g)!.length);
      expect(rows.every(Boolean)).toBe(true);
      expect(await page.$eval('#filters', (form) => (form as HTMLElement).offsetParent === null)).toBe(true);
      const boxes = await page.$$eval('figure.diagram > svg', (svgs) =>
        svgs.map((svg) => svg.getBoundingClientRect().width * svg.getBoundingClientRect().height),
      );
      expect(boxes.length).toBeGreaterThan(0);
      expect(boxes.every((area) => area > 0)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("shows a hostile estate's names and tags as text: no element, attribute or script of theirs", async () => {
    const file = await scanHtml(hostileInventory(), 'hostile.html');
    const html = readFileSync(file, 'utf8');
    // Nothing raw in the bytes: no markup, no control or bidi character.
    expect(html).not.toContain(SCRIPT_TAG);
    expect(html).not.toContain(IMG_ATTR);
    // eslint-disable-next-line no-control-regex -- the control characters a hostile estate must not get through
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);

    const {page, url, problems, requests} = await open(file);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      const dom = await page.evaluate(() => ({
        scripts: document.scripts.length,
        images: document.images.length,
        handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => a.name.startsWith('on'))
            .map((a) => `${el.tagName} ${a.name}`),
        ),
        links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
        svgElements: [
          ...new Set(Array.from(document.querySelectorAll('figure.diagram svg *')).map((el) => el.tagName)),
        ].sort(),
        headings: Array.from(document.querySelectorAll('article.broker h3')).map((h) => h.textContent),
        svgText: Array.from(document.querySelectorAll('figure.diagram svg text'))
          .map((t) => t.textContent)
          .join('\n'),
        body: document.body.textContent ?? '',
      }));
      expect(dom.scripts).toBe(1);
      expect(dom.images).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dom.links.every((href) => /^#broker-\d+$/.test(href!))).toBe(true);
      expect(
        dom.svgElements.every((tag) => ['ellipse', 'g', 'path', 'polygon', 'polyline', 'text'].includes(tag)),
      ).toBe(true);
      // The values are there, as text, with the control and bidi characters shown escaped.
      const shown = HOSTILE_BROKER.replace(BIDI, '\\u202eevil\\u202c');
      expect(dom.headings).toContain(shown);
      expect(dom.svgText).toContain(`broker ${shown}`.slice(0, 47));
      expect(dom.body).toContain(HOSTILE_TAG.slice(0, 12));
      expect(dom.body).toContain(HOSTILE_TABLE_NAME.slice(0, 8));
      expect(dom.body).toContain('\\u001b]8;;https://evil.example\\u0007');
      // eslint-disable-next-line no-control-regex -- the control characters a hostile estate must not get through
      expect(dom.body).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e]/);
    } finally {
      await page.close();
    }
  });
});

/** Distinct colours and the share of pixels that are not white in a PNG, decoded by the browser on a blank page. */
async function pixels(base64: string): Promise<{width: number; colours: number; share: number}> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (data: string) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const {data: rgba} = context.getImageData(0, 0, image.width, image.height);
      const colours = new Set<number>();
      let ink = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        colours.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
        if (rgba[i] < 240 || rgba[i + 1] < 240 || rgba[i + 2] < 240) ink++;
      }
      return {width: image.width, colours: colours.size, share: ink / (rgba.length / 4)};
    }, base64);
  } finally {
    await page.close();
  }
}

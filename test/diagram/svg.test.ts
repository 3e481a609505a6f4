/**
 * The lab environment's SVG, rasterized by a real SVG renderer (librsvg's rsvg-convert): it
 * must be a valid PNG of sane size, proving the SVG is well-formed and drawable, not just text.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lab } from '../../apps/environments/lab';
import { diagramOfEnvironment, loadSvgRenderer, toSvg } from '../../lib/core/diagram';
import { pngSize, rsvgConvert } from './helpers';

describe('SVG', () => {
  it('of the lab environment rasterizes with rsvg-convert to a valid PNG of sane dimensions', async () => {
    const rsvg = rsvgConvert();
    const svg = toSvg(diagramOfEnvironment(lab), await loadSvgRenderer());
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&#(\d+);/g, (_e, c) => String.fromCodePoint(Number(c))).trim());
    expect(texts).toEqual(expect.arrayContaining(['eth1', 'br0', 'trunk 100', 'NAD br0-100-l2', 'VM vma', '10.200.0.1/24']));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-svg-'));
    const svgFile = path.join(dir, 'lab.svg');
    const pngFile = path.join(dir, 'lab.png');
    fs.writeFileSync(svgFile, svg);
    execFileSync(rsvg, ['--format', 'png', '--output', pngFile, svgFile], { timeout: 60_000 });
    const { width, height } = pngSize(fs.readFileSync(pngFile));
    // Four ranks left to right (uplink → bridge → NAD → VMs): wider than tall, readable at 1:1.
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThan(4000);
    expect(height).toBeGreaterThan(150);
    expect(height).toBeLessThan(2000);
    expect(width).toBeGreaterThan(height);
  });

  it('pngSize rejects bytes that are not a PNG (the check can fail)', () => {
    expect(() => pngSize(Buffer.from('<svg/>'))).toThrow(/not a PNG/);
  });
});

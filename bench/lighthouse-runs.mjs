// `make bench`'s Lighthouse runs, in one Node process and one Chromium: one run per line of the
// job file (JSON: [{url, categories, throttling, out, race}]), in the given order, each report written to `out`.
// One process saves starting Node and Lighthouse for every run; Lighthouse still clears the
// cache and storage before each run, so every run is a first visit.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

// When Chromium really ran Material's script and painted first (ms from navigation). Lighthouse's
// simulated blocking time counts the script only when the paint came first: see `make bench`'s "ran first".
function materialScriptAndFirstPaint(events) {
  const start = events.find((e) => e.name === "navigationStart" && (e.args?.data?.documentLoaderURL ?? "").startsWith("http"));
  const after = (e) => e.ts >= start.ts;
  const script = events.find((e) => e.name === "EvaluateScript" && after(e) &&
                                    /\/javascripts\/bundle\.[0-9a-f]+\.min\.js$/.test(e.args?.data?.url ?? ""));
  const paint = events.find((e) => e.name === "firstContentfulPaint" && after(e));
  const ms = (e) => (e ? (e.ts - start.ts) / 1000 : null);
  return { script: ms(script), paint: ms(paint) };
}

const [jobFile, chromeFlags] = process.argv.slice(2);
const jobs = JSON.parse(fs.readFileSync(jobFile, "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: chromeFlags.split(" "),
});
try {
  for (const [index, job] of jobs.entries()) {
    const result = await lighthouse(job.url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: job.categories,
      throttlingMethod: job.throttling, // "simulate" (Lighthouse's default) or "devtools"
    });
    fs.writeFileSync(job.out, result.report);
    // A run without the performance category records no trace.
    const events = result.artifacts.traces?.defaultPass?.traceEvents ?? [];
    fs.writeFileSync(job.race, JSON.stringify(materialScriptAndFirstPaint(events)));
    process.stderr.write(`  lighthouse ${index + 1}/${jobs.length}: ${job.label}\n`);
  }
} finally {
  await chrome.kill();
}

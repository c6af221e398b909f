process.env.LANTERN_DEBUG = "1";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import * as Lantern from "lighthouse/core/lib/lantern/lantern.js";
const url = process.argv[2];
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags: "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-features=PaintHolding".split(" ")});
const r = await lighthouse(url, {port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"]});
await chrome.kill();
const a = r.lhr.audits;
console.log("LCP", a["largest-contentful-paint"].numericValue.toFixed(0), "FCP", a["first-contentful-paint"].numericValue.toFixed(0), "TBT", a["total-blocking-time"].numericValue.toFixed(0), "TTI", a["interactive"].numericValue.toFixed(0));
const all = Lantern.Simulation.Simulator.allNodeTimings;
for (const [label, timings] of all) {
  if (!/Interactive|FirstContentfulPaint/.test(label)) continue;
  let fcpEnd = 0; for (const [, t] of timings) fcpEnd = Math.max(fcpEnd, t.endTime);
  const rows = [];
  for (const [node, t] of timings) {
    const d = t.endTime - t.startTime;
    if (node.type === "network") { if (/Interactive/.test(label)) rows.push([t.startTime, `NET ${t.startTime.toFixed(0)}-${t.endTime.toFixed(0)} ${(node.request||node.record).url.split("/").slice(-1)[0].slice(0,28)}`]); continue; }
    if (d < 20) continue;
    const kinds = {};
    for (const e of node.childEvents) { const k = e.name === "EvaluateScript" || e.name === "FunctionCall" || e.name === "EventDispatch" ? `${e.name}:${(e.args?.data?.url||e.args?.data?.type||"").split("/").slice(-1)[0].slice(0,20)}` : e.name; kinds[k] = (kinds[k]||0) + (e.dur||0)/1000; }
    const top = Object.entries(kinds).sort((x,y)=>y[1]-x[1]).slice(0,5).map(([k,v])=>`${k} ${v.toFixed(1)}`).join(", ");
    rows.push([t.startTime, `CPU ${t.startTime.toFixed(0)}-${t.endTime.toFixed(0)} (${d.toFixed(0)}) ${top}`]);
  }
  rows.sort((x,y)=>x[0]-y[0]);
  console.log(`== ${label} end ${fcpEnd.toFixed(0)}`);
  if (/Interactive/.test(label)) for (const [, s] of rows) console.log("  " + s);
}

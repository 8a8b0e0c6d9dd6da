// One measurement of the official Node SDK (tencentcloud-sdk-nodejs) against the neutral mock.
// Started by the side-by-side driver: node node_client.js PORT IN_FLIGHT SECONDS MAX_CALLS WARMUP EXPECT
// Prints one JSON line: {"calls": N, "wall_s": W, "cpu_s": C, "errors": E}.
"use strict";
const http = require("http");
const { lighthouse } = require("tencentcloud-sdk-nodejs/tencentcloud/services/lighthouse");

const [port, inFlight, seconds, maxCalls, warmup, expect] = process.argv.slice(2).map(Number);
const client = new lighthouse.v20200324.Client({
  credential: { secretId: "AKIDEXAMPLE", secretKey: "SecretKeyExample" },
  region: "ap-guangzhou",
  profile: {
    httpProfile: {
      endpoint: `127.0.0.1:${port}`,
      protocol: "http://",
      agent: new http.Agent({ keepAlive: true, maxSockets: Math.max(inFlight, 1) }),
    },
  },
});

async function call() {
  const response = await client.DescribeInstances({ Limit: 100 });
  if (!response.InstanceSet || response.InstanceSet.length !== expect) {
    throw new Error(`expected ${expect} instances`);
  }
}

async function main() {
  for (let i = 0; i < warmup; i++) await call();
  let calls = 0;
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(seconds * 1e9));
  async function loop() {
    while (calls + errors < maxCalls && process.hrtime.bigint() < deadline) {
      try {
        await call();
        calls++;
      } catch (e) {
        errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, loop));
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ calls, wall_s: wall, cpu_s: (cpu.user + cpu.system) / 1e6, errors }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
